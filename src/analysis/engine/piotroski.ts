import { Decimal } from 'decimal.js';
import { z } from 'zod';
import type { EngineStatement } from './items.js';
import { type Ctx, evaluate, FigureSchema, type FigureDef, type Outcome } from './figure.js';
import type { Policy } from './policy.js';

/**
 * Piotroski F-score (§1.9): nine binary signals for year t. ROA and asset turnover use the
 * beginning-of-year total assets, so year t needs the balance sheets of t−1 and t−2.
 */
const roa = (c: Ctx, o: number) => c.item('netIncome', o).div(c.item('totalAssets', o - 1));
const cr = (c: Ctx, o: number) => c.item('totalCurrentAssets', o).div(c.item('totalCurrentLiabilities', o));
const gm = (c: Ctx, o: number) => {
  const s = c.item('revenue', o);
  return s.minus(c.item('costOfRevenue', o)).div(s);
};
const turnover = (c: Ctx, o: number) => c.item('revenue', o).div(c.item('totalAssets', o - 1));
const ltdToAvgTa = (c: Ctx, o: number) =>
  c.sumPresent(['longTermBorrowings', 'bondsPayable'], o, 'long-term debt').div(c.item('totalAssets', o).plus(c.item('totalAssets', o - 1)).div(2));
const pass = (b: boolean): Outcome => new Decimal(b ? 1 : 0);

const SIGNALS: Record<string, FigureDef> = {
  roaPositive: { formula: 'netIncome_t / totalAssets_{t−1} > 0', compute: (c) => pass(roa(c, 0).gt(0)) },
  cfoPositive: { formula: 'cashFromOperations_t > 0', compute: (c) => pass(c.item('cashFromOperations').gt(0)) },
  roaImproved: { formula: 'ROA_t > ROA_{t−1} (ROA on beginning total assets)', compute: (c) => pass(roa(c, 0).gt(roa(c, -1))) },
  accruals: {
    formula: 'cashFromOperations_t / totalAssets_{t−1} > ROA_t',
    compute: (c) => pass(c.item('cashFromOperations').div(c.item('totalAssets', -1)).gt(roa(c, 0))),
  },
  leverageDown: {
    formula: '(longTermBorrowings + bondsPayable) / average totalAssets lower than in t−1',
    compute: (c) => pass(ltdToAvgTa(c, 0).lt(ltdToAvgTa(c, -1))),
  },
  currentRatioUp: { formula: 'currentRatio_t > currentRatio_{t−1}', compute: (c) => pass(cr(c, 0).gt(cr(c, -1))) },
  noDilution: { formula: 'sharesOutstanding_t ≤ sharesOutstanding_{t−1}', compute: (c) => pass(c.item('sharesOutstanding').lte(c.item('sharesOutstanding', -1))) },
  grossMarginUp: { formula: 'grossMargin_t > grossMargin_{t−1}', compute: (c) => pass(gm(c, 0).gt(gm(c, -1))) },
  assetTurnoverUp: {
    formula: 'revenue_t / totalAssets_{t−1} > revenue_{t−1} / totalAssets_{t−2}',
    compute: (c) => pass(turnover(c, 0).gt(turnover(c, -1))),
  },
};
export const PIOTROSKI_SIGNALS = Object.keys(SIGNALS);

export const PiotroskiPeriodSchema = z.object({
  period: z.string(),
  value: z.number().int().nullable(),
  /** Passing signals among those computable (equals value when all nine are). */
  passed: z.number().int(),
  available: z.number().int(),
  band: z.enum(['strong', 'neutral', 'weak']).nullable(),
  signals: z.record(z.string(), FigureSchema),
  note: z.string().nullable(),
});
export const PiotroskiResultSchema = z.object({ periods: z.array(PiotroskiPeriodSchema) });
export type PiotroskiResult = z.infer<typeof PiotroskiResultSchema>;

export function piotroski(st: EngineStatement, policy: Policy): PiotroskiResult {
  const periods = st.periods.slice(1).map((p, k) => {
    const i = k + 1;
    const signals = Object.fromEntries(Object.entries(SIGNALS).map(([n, d]) => [n, evaluate(d, st, i, policy)]));
    const vals = Object.values(signals);
    const available = vals.filter((s) => s.value !== null).length;
    const passed = vals.filter((s) => s.value === 1).length;
    const complete = available === vals.length;
    const missing = Object.entries(signals).filter(([, s]) => s.value === null).map(([n]) => n);
    return {
      period: p.label,
      value: complete ? passed : null,
      passed,
      available,
      band: complete ? (passed >= 8 ? 'strong' : passed <= 2 ? 'weak' : 'neutral') : null,
      signals,
      note: complete ? null : `n/a: ${missing.length} of 9 signals not computable (${missing.join(', ')}); needs three balance sheets`,
    } as const;
  });
  return { periods };
}
