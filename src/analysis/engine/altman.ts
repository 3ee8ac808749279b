import { Decimal } from 'decimal.js';
import { z } from 'zod';
import type { EngineStatement } from './items.js';
import { type Figure, type FigureDef, FigureSchema, evaluate, ratio } from './figure.js';
import type { Policy } from './policy.js';

/** Altman Z family (§1.9): shared X1…X5, three weightings, zones with the correct cut-offs per model. */
export const ALTMAN_MODELS = {
  z: { name: 'Z (1968, public manufacturers, market equity)', w: [1.2, 1.4, 3.3, 0.6, 1.0], safe: 2.99, distress: 1.81 },
  zPrime: { name: "Z′ (private firms, book equity)", w: [0.717, 0.847, 3.107, 0.42, 0.998], safe: 2.9, distress: 1.23 },
  zDoublePrime: { name: 'Z″ (non-manufacturers / emerging markets, 4 variables)', w: [6.56, 3.26, 6.72, 1.05, 0], safe: 2.6, distress: 1.1 },
} as const;
export type AltmanModel = keyof typeof ALTMAN_MODELS;

export const ZoneSchema = z.enum(['safe', 'grey', 'distress']);
export const AltmanValueSchema = z.object({
  value: z.number().nullable(),
  zone: ZoneSchema.nullable(),
  cutoffs: z.object({ safe: z.number(), distress: z.number() }),
  note: z.string().nullable(),
});
export const AltmanPeriodSchema = z.object({
  period: z.string(),
  components: z.record(z.string(), FigureSchema),
  z: AltmanValueSchema,
  zPrime: AltmanValueSchema,
  zDoublePrime: AltmanValueSchema,
  /** Z″ + 3.25 emerging-market score (Altman, Hartzell & Peck), cut-offs shifted by 3.25. */
  zDoublePrimeEm: AltmanValueSchema,
});
export const AltmanResultSchema = z.object({
  selected: z.enum(['z', 'zPrime', 'zDoublePrime']),
  reason: z.string(),
  periods: z.array(AltmanPeriodSchema),
});
export type AltmanResult = z.infer<typeof AltmanResultSchema>;
type AltmanValue = z.infer<typeof AltmanValueSchema>;

const X: Record<string, FigureDef> = {
  X1: {
    formula: 'working capital (totalCurrentAssets − totalCurrentLiabilities) / totalAssets',
    compute: (c) => ratio(c.item('totalCurrentAssets').minus(c.item('totalCurrentLiabilities')), c.item('totalAssets'), 'total assets'),
  },
  X2: {
    formula: 'retained earnings (retainedEarnings + surplusReserve; 留存收益 = 未分配利润 + 盈余公积) / totalAssets',
    compute: (c) => ratio(c.item('retainedEarnings').plus(c.opt('surplusReserve')), c.item('totalAssets'), 'total assets'),
  },
  X3: {
    formula: 'EBIT / totalAssets (EBIT per policy)',
    compute: (c) => ratio(c.ebit(), c.item('totalAssets'), 'total assets'),
  },
  X4book: { formula: 'totalEquity (book) / totalLiabilities', compute: (c) => ratio(c.item('totalEquity'), c.item('totalLiabilities'), 'total liabilities') },
  X4market: {
    formula: 'marketValueOfEquity / totalLiabilities',
    compute: (c) => ratio(c.item('marketValueOfEquity'), c.item('totalLiabilities'), 'total liabilities'),
  },
  X5: { formula: 'revenue / totalAssets', compute: (c) => ratio(c.item('revenue'), c.item('totalAssets'), 'total assets') },
};

function zone(v: number, safe: number, distress: number): 'safe' | 'grey' | 'distress' {
  return v > safe ? 'safe' : v < distress ? 'distress' : 'grey';
}

function score(model: AltmanModel, comps: Record<string, Figure>, x4: 'X4book' | 'X4market', shift = 0): AltmanValue {
  const m = ALTMAN_MODELS[model];
  const keys = ['X1', 'X2', 'X3', x4, 'X5'];
  const used = keys.filter((_, j) => m.w[j] !== 0);
  const missing = used.filter((k) => comps[k]?.value === null || comps[k] === undefined);
  const cutoffs = { safe: m.safe + shift, distress: m.distress + shift };
  if (missing.length) {
    return { value: null, zone: null, cutoffs, note: `n/a: ${missing.map((k) => `${k} (${comps[k]?.note ?? 'missing'})`).join('; ')}` };
  }
  let v = new Decimal(shift);
  keys.forEach((k, j) => {
    if (m.w[j] !== 0) v = v.plus(new Decimal(m.w[j] as number).mul(comps[k]?.value as number));
  });
  const n = v.toNumber();
  return { value: n, zone: zone(n, cutoffs.safe, cutoffs.distress), cutoffs, note: null };
}

/** Picks the model: Z for listed manufacturers with a market value, Z′ for other manufacturers, else Z″. */
export function selectAltman(st: EngineStatement, policy: Policy): { selected: AltmanModel; reason: string } {
  if (policy.altmanModel !== 'auto') return { selected: policy.altmanModel, reason: 'chosen by option' };
  const sector = policy.sector ?? st.sector ?? 'other';
  const hasMve = st.periods.some((p) => typeof p.items.marketValueOfEquity === 'number');
  if (sector === 'manufacturing' && st.listed !== false && hasMve) return { selected: 'z', reason: 'listed manufacturer with a market value of equity' };
  if (sector === 'manufacturing') return { selected: 'zPrime', reason: 'manufacturer without a market value of equity (book-equity Z′)' };
  return { selected: 'zDoublePrime', reason: `sector "${sector}": non-manufacturing / emerging-market default Z″ (book equity, no sales term)` };
}

export function altman(st: EngineStatement, policy: Policy): AltmanResult {
  const periods = st.periods.map((_, i) => {
    const comps: Record<string, Figure> = {};
    for (const [k, def] of Object.entries(X)) comps[k] = evaluate(def, st, i, policy);
    const zdp = score('zDoublePrime', comps, 'X4book');
    return {
      period: st.periods[i]?.label ?? '',
      components: comps,
      z: score('z', comps, 'X4market'),
      zPrime: score('zPrime', comps, 'X4book'),
      zDoublePrime: zdp,
      zDoublePrimeEm: score('zDoublePrime', comps, 'X4book', 3.25),
    };
  });
  return { ...selectAltman(st, policy), periods };
}

