import type { LineItem } from '../model.js';

/** Which statement a canonical item belongs to (drives JSON grouping and companyfacts fact kinds). */
export type StatementKind = 'BS' | 'IS' | 'CF' | 'other';

/** Balance-sheet sections: some 10-K labels ("Term debt", "Marketable securities") repeat in two of them. */
export type Section = 'currentAssets' | 'nonCurrentAssets' | 'currentLiabilities' | 'nonCurrentLiabilities' | 'equity';

/** One canonical line item and the names it goes by. */
export interface LineItemDef {
  key: LineItem;
  statement: StatementKind;
  /** Stock at a date (instant) or flow over a period (duration). */
  period: 'instant' | 'duration';
  /** Chinese CAS names as annual reports print them (old and new formats). */
  cas: readonly string[];
  /** US GAAP / IFRS English labels as 10-Ks print them. */
  gaap: readonly string[];
  /** XBRL concepts in priority order, `taxonomy:Concept`. */
  xbrl: readonly string[];
  /** Labels that mean this item only inside a given balance-sheet section. */
  sectional?: readonly { section: Section; labels: readonly string[] }[];
  /** XBRL unit to pick (default the reporting currency). */
  xbrlUnit?: 'shares' | 'perShare';
}
