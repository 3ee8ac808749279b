import { Decimal } from 'decimal.js';
import type { LineItem, Period, SourceRef } from '../model.js';

/**
 * Fill a canonical item from an equivalent line when the filer did not print it (e.g. a company
 * without minority interests prints only "Total shareholders' equity"). Every fill is reported.
 */
interface Rule {
  target: LineItem;
  /** Lines summed to form the target; at least one must be present. */
  from: LineItem[];
  /** Skip when any of these is present (the fill would be wrong or double-count). */
  unlessPresent?: LineItem[];
  /** Lines subtracted from the sum (identities such as non-current = total − current). */
  minus?: LineItem[];
  /** The first source line is the substantive one (parent equity, not minority interest alone). */
  requireFirst?: boolean;
  why: string;
}

const RULES: readonly Rule[] = [
  { target: 'revenue', from: ['totalOperatingRevenue'], why: 'no 营业收入/revenue line; 营业总收入 used (it includes any finance-company interest income)' },
  { target: 'totalEquity', from: ['equityAttributableToParent', 'minorityInterest'], requireFirst: true, why: 'no total-equity line; parent equity (+ minority interest where given) used' },
  { target: 'netIncome', from: ['netIncomeAttributableToParent', 'minorityInterestInIncome'], requireFirst: true, why: 'no total net-income line; net income attributable to parent (+ minority share where given) used' },
  { target: 'sgaExpenses', from: ['sellingExpenses', 'adminExpenses'], why: 'SG&A = selling + administrative expenses as printed' },
  { target: 'totalNonCurrentLiabilities', from: ['totalLiabilities'], minus: ['totalCurrentLiabilities'], requireFirst: true, why: 'non-current liabilities = total liabilities − total current liabilities' },
  { target: 'totalNonCurrentAssets', from: ['totalAssets'], minus: ['totalCurrentAssets'], requireFirst: true, why: 'non-current assets = total assets − total current assets' },
  {
    target: 'depreciationAndAmortization',
    from: ['depreciationOfFixedAssets', 'depreciationOfRightOfUseAssets', 'amortizationOfIntangibles', 'amortizationOfLongTermDeferredExpenses'],
    why: 'D&A summed from the cash-flow supplement lines',
  },
];

export function applyFallbacks(periods: Period[], file: string): string[] {
  const used = new Map<string, string[]>();
  for (const p of periods) {
    for (const rule of RULES) {
      if (p.items[rule.target] !== undefined) continue;
      if (rule.unlessPresent?.some((k) => p.items[k] !== undefined)) continue;
      const present = rule.from.filter((k) => p.items[k] !== undefined);
      if (present.length === 0 || (rule.requireFirst && !present.includes(rule.from[0] as LineItem))) continue;
      const minus = rule.minus ?? [];
      if (minus.some((k) => p.items[k] === undefined)) continue;
      const added = present.reduce((acc, k) => acc.plus(p.items[k] as number), new Decimal(0));
      const value = minus.reduce((acc, k) => acc.minus(p.items[k] as number), added).toNumber();
      const label = (k: LineItem) => p.sources?.[k]?.label ?? k;
      const text = present.map(label).join(' + ') + minus.map((k) => ` − ${label(k)}`).join('');
      const source: SourceRef = { file, label: `derived: ${text}` };
      const firstLine = present.map((k) => p.sources?.[k]?.line).find((l) => l !== undefined);
      if (firstLine !== undefined && present.length === 1 && minus.length === 0) source.line = firstLine;
      p.items[rule.target] = value;
      p.sources = { ...(p.sources ?? {}), [rule.target]: source };
      const key = `${rule.target}|${rule.why}`;
      used.set(key, [...(used.get(key) ?? []), p.label]);
    }
  }
  return [...used.entries()].map(([key, labels]) => {
    const [target, why] = key.split('|');
    return `${target} derived for ${labels.join(', ')}: ${why}`;
  });
}
