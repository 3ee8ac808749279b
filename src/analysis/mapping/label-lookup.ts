import type { LineItem } from '../model.js';
import type { LineItemDef, Section } from './line-item-def.js';
import { LINE_ITEM_TABLE } from './line-item-table.js';
import { normaliseLabel, normaliseLabelWithoutBrackets } from './normalize-label.js';

export interface LabelMatch {
  key: LineItem;
  /** Which vocabulary matched: CAS, US GAAP/IFRS, a section-specific label, or a user override. */
  via: 'cas' | 'gaap' | 'sectional' | 'override';
}

interface LabelIndex {
  general: Map<string, LabelMatch>;
  sectional: Map<string, LabelMatch>;
  /** Two items claiming the same normalised label: a table bug (tested to be empty). */
  conflicts: string[];
}

function buildIndex(table: readonly LineItemDef[]): LabelIndex {
  const general = new Map<string, LabelMatch>();
  const sectional = new Map<string, LabelMatch>();
  const conflicts: string[] = [];
  const put = (map: Map<string, LabelMatch>, k: string, m: LabelMatch, label: string) => {
    const prev = map.get(k);
    if (prev && prev.key !== m.key) conflicts.push(`"${label}" → ${prev.key} and ${m.key}`);
    else map.set(k, m);
  };
  for (const def of table) {
    for (const label of def.cas) put(general, normaliseLabel(label), { key: def.key, via: 'cas' }, label);
    for (const label of def.gaap) put(general, normaliseLabel(label), { key: def.key, via: 'gaap' }, label);
    for (const s of def.sectional ?? []) {
      for (const label of s.labels) put(sectional, `${s.section}|${normaliseLabel(label)}`, { key: def.key, via: 'sectional' }, label);
    }
  }
  return { general, sectional, conflicts };
}

const INDEX = buildIndex(LINE_ITEM_TABLE);

export function mappingConflicts(): readonly string[] {
  return INDEX.conflicts;
}

/** Number of distinct printed variants indexed (CAS + GAAP + sectional). */
export function variantCount(): number {
  return INDEX.general.size + INDEX.sectional.size;
}

/** User-supplied label → item overrides (from a `.meta.json` `labelMap`), normalised once. */
export function buildOverrides(labelMap: Record<string, LineItem> | undefined): Map<string, LineItem> {
  const m = new Map<string, LineItem>();
  for (const [label, key] of Object.entries(labelMap ?? {})) m.set(normaliseLabel(label), key);
  return m;
}

/**
 * Wordings too long and varied to list: the 10-K cover-page sentence goes on with "of the
 * registrant, computed by reference to the price … as of June 30, 2024". Tested on the lookup key.
 */
const LABEL_PATTERNS: ReadonlyArray<readonly [RegExp, LineItem]> = [
  [/^aggregatemarketvalue.*(?:heldbynonaffiliates|nonaffiliates)/u, 'marketValueOfEquity'],
];

/**
 * Map a printed label to a canonical item: user override, then the section-specific meaning,
 * then the general table, then the same with bracketed qualifiers dropped, then the long-wording
 * patterns. `undefined` = unknown.
 */
export function lookupLabel(label: string, section?: Section, overrides?: Map<string, LineItem>): LabelMatch | undefined {
  const full = normaliseLabel(label);
  if (full.length === 0) return undefined;
  const o = overrides?.get(full);
  if (o) return { key: o, via: 'override' };
  if (section) {
    const s = INDEX.sectional.get(`${section}|${full}`);
    if (s) return s;
  }
  const g = INDEX.general.get(full);
  if (g) return g;
  const bare = normaliseLabelWithoutBrackets(label);
  if (bare !== full && bare.length > 0) {
    if (section) {
      const s = INDEX.sectional.get(`${section}|${bare}`);
      if (s) return s;
    }
    const g2 = INDEX.general.get(bare);
    if (g2) return g2;
  }
  for (const [re, key] of LABEL_PATTERNS) if (re.test(full)) return { key, via: 'gaap' };
  return undefined;
}

const SECTION_HEADERS: Record<string, Section> = {
  流动资产: 'currentAssets',
  currentassets: 'currentAssets',
  非流动资产: 'nonCurrentAssets',
  noncurrentassets: 'nonCurrentAssets',
  longtermassets: 'nonCurrentAssets',
  流动负债: 'currentLiabilities',
  currentliabilities: 'currentLiabilities',
  非流动负债: 'nonCurrentLiabilities',
  noncurrentliabilities: 'nonCurrentLiabilities',
  longtermliabilities: 'nonCurrentLiabilities',
  所有者权益: 'equity',
  股东权益: 'equity',
  所有者权益或股东权益: 'equity',
  shareholdersequity: 'equity',
  stockholdersequity: 'equity',
  shareholdersequitydeficit: 'equity',
  shareholdersdeficit: 'equity',
  equity: 'equity',
};

/** The balance-sheet section a header row opens ("流动资产：", "Current liabilities:"), if any. */
export function sectionOfHeader(label: string): Section | undefined {
  return SECTION_HEADERS[normaliseLabel(label)];
}

/** Section implied after a subtotal row (10-Ks often omit the "Non-current …:" header). */
export function sectionAfterTotal(key: LineItem): Section | undefined {
  switch (key) {
    case 'totalCurrentAssets':
      return 'nonCurrentAssets';
    case 'totalCurrentLiabilities':
      return 'nonCurrentLiabilities';
    case 'totalLiabilities':
      return 'equity';
    default:
      return undefined;
  }
}
