import { Decimal } from 'decimal.js';
import type { LineItem, Period } from '../model.js';

const fmt = (n: Decimal | number) => new Decimal(n).toNumber().toLocaleString('en-US', { maximumFractionDigits: 6 });

/** TA = TL + total equity (or the printed "total liabilities and equity"), within a relative tolerance. */
export function checkBalanceSheetIdentity(periods: readonly Period[], tolerance: number): string[] {
  const warnings: string[] = [];
  for (const p of periods) {
    const { totalAssets: ta, totalLiabilities: tl, totalEquity: te, totalLiabilitiesAndEquity: tle } = p.items;
    if (ta === undefined) continue;
    const limit = new Decimal(Math.abs(ta)).times(tolerance);
    const compare = (rhs: Decimal, what: string) => {
      const diff = new Decimal(ta).minus(rhs);
      if (diff.abs().greaterThan(limit)) {
        const pct = ta !== 0 ? diff.dividedBy(ta).times(100).abs().toFixed(3) : 'n/a';
        warnings.push(`${p.label}: balance sheet does not balance: total assets ${fmt(ta)} ≠ ${what} = ${fmt(rhs)} (difference ${fmt(diff)}, ${pct}% of total assets)`);
      }
    };
    if (tl !== undefined && te !== undefined) compare(new Decimal(tl).plus(te), `total liabilities ${fmt(tl)} + total equity ${fmt(te)}`);
    else if (tle !== undefined) compare(new Decimal(tle), 'total liabilities and equity');
  }
  return warnings;
}

const CURRENT_ASSET_LINES: readonly LineItem[] = [
  'cash', 'tradingFinancialAssets', 'notesReceivable', 'accountsReceivable', 'notesAndAccountsReceivable', 'receivablesFinancing',
  'prepayments', 'otherReceivables', 'fundsLent', 'reverseRepoAssets', 'inventory', 'contractAssets',
  'nonCurrentAssetsDueWithinOneYear', 'otherCurrentAssets',
];

/**
 * The itemised current-asset lines sum to 流动资产合计 / Total current assets. Run only when the file
 * itemises fully (it prints an "other current assets" line); partial extracts would always differ.
 */
export function checkCurrentAssetsSum(periods: readonly Period[], tolerance: number): string[] {
  const warnings: string[] = [];
  for (const p of periods) {
    const total = p.items.totalCurrentAssets;
    if (total === undefined || p.items.otherCurrentAssets === undefined) continue;
    // 2018-format files print 应收票据及应收账款 with its two parts as "其中" lines: count the parts once.
    const lines = CURRENT_ASSET_LINES.filter((k) => !(p.items.notesAndAccountsReceivable !== undefined && (k === 'notesReceivable' || k === 'accountsReceivable')));
    const sum = lines.reduce((acc, k) => (p.items[k] === undefined ? acc : acc.plus(p.items[k] as number)), new Decimal(0));
    const diff = new Decimal(total).minus(sum);
    if (diff.abs().greaterThan(new Decimal(Math.abs(total)).times(tolerance))) {
      warnings.push(`${p.label}: current-asset lines sum to ${fmt(sum)}, not total current assets ${fmt(total)} (difference ${fmt(diff)}: a line is missing or not recognised)`);
    }
  }
  return warnings;
}
