import { Decimal } from 'decimal.js';
import { z } from 'zod';
import type { EngineStatement } from './items.js';
import { type Ctx, type Figure, type FigureDef, FigureSchema, evaluate, NotMeaningful, ratio } from './figure.js';
import type { Policy } from './policy.js';

/** Beneish M-score, 8-variable model (§1.9): year t against t−1. */
export const BENEISH_WEIGHTS = {
  DSRI: 0.92, GMI: 0.528, AQI: 0.404, SGI: 0.892, DEPI: 0.115, SGAI: -0.172, LVGI: -0.327, TATA: 4.679,
} as const;
export const BENEISH_INTERCEPT = -4.84;
type Var = keyof typeof BENEISH_WEIGHTS;
/** Variables Beneish allows to default to 1 (neutral) when they cannot be computed. */
const NEUTRAL_IF_MISSING: readonly Var[] = ['AQI', 'DEPI', 'SGAI'];

export const BeneishPeriodSchema = z.object({
  period: z.string(),
  value: z.number().nullable(),
  classification: z.enum(['likely_manipulator', 'watch', 'unlikely']).nullable(),
  components: z.record(z.string(), FigureSchema),
  /** Variables whose weighted contribution above their neutral value (1, or 0 for TATA) is largest. */
  drivers: z.array(z.object({ variable: z.string(), value: z.number(), contribution: z.number() })),
  note: z.string().nullable(),
});
export const BeneishResultSchema = z.object({
  model: z.literal('M8'),
  thresholds: z.object({ flag: z.number(), watch: z.number() }),
  tataDefinition: z.string(),
  periods: z.array(BeneishPeriodSchema),
});
export type BeneishResult = z.infer<typeof BeneishResultSchema>;

const grossMargin = (c: Ctx, o: number) => {
  const s = c.item('revenue', o);
  return s.minus(c.item('costOfRevenue', o)).div(s);
};
const sga = (c: Ctx, o: number) =>
  c.peek('sgaExpenses', o) !== undefined ? c.item('sgaExpenses', o) : c.item('sellingExpenses', o).plus(c.item('adminExpenses', o));
const softAssets = (c: Ctx, o: number) =>
  new Decimal(1).minus(
    c.item('totalCurrentAssets', o).plus(c.item('fixedAssets', o)).plus(c.opt('nonCurrentMarketableSecurities', o)).div(c.item('totalAssets', o)),
  );
const ltd = (c: Ctx, o: number) => c.sumPresent(['longTermBorrowings', 'bondsPayable'], o, 'long-term debt (longTermBorrowings + bondsPayable)');
const depRate = (c: Ctx, o: number) => {
  const d = c.item('depreciationAndAmortization', o);
  return d.div(d.plus(c.item('fixedAssets', o)));
};

const VARS: Record<Var, FigureDef> = {
  DSRI: {
    formula: '(accountsReceivable_t / revenue_t) / (accountsReceivable_{t−1} / revenue_{t−1})',
    compute: (c) => ratio(c.item('accountsReceivable').div(c.item('revenue')), c.item('accountsReceivable', -1).div(c.item('revenue', -1)), 'prior receivables'),
  },
  GMI: {
    formula: 'GM_{t−1} / GM_t, GM = (revenue − costOfRevenue) / revenue; not meaningful when either GM ≤ 0',
    compute: (c) => {
      const now = grossMargin(c, 0);
      const prev = grossMargin(c, -1);
      if (now.lte(0) || prev.lte(0)) return new NotMeaningful(`gross margin ≤ 0 (t: ${now.toNumber().toFixed(4)}, t−1: ${prev.toNumber().toFixed(4)})`);
      return prev.div(now);
    },
  },
  AQI: {
    formula: '[1 − (totalCurrentAssets + fixedAssets + nonCurrentMarketableSecurities) / totalAssets]_t / [same]_{t−1}',
    compute: (c) => ratio(softAssets(c, 0), softAssets(c, -1), 'prior soft-asset share'),
  },
  SGI: { formula: 'revenue_t / revenue_{t−1}', compute: (c) => ratio(c.item('revenue'), c.item('revenue', -1), 'prior revenue') },
  DEPI: {
    formula: '[D&A / (D&A + fixedAssets)]_{t−1} / [same]_t',
    compute: (c) => ratio(depRate(c, -1), depRate(c, 0), 'depreciation rate'),
  },
  SGAI: {
    formula: '(SGA_t / revenue_t) / (SGA_{t−1} / revenue_{t−1}); SGA = sgaExpenses, else sellingExpenses + adminExpenses',
    compute: (c) => ratio(sga(c, 0).div(c.item('revenue')), sga(c, -1).div(c.item('revenue', -1)), 'prior SGA share'),
  },
  LVGI: {
    formula: '[(totalCurrentLiabilities + long-term debt) / totalAssets]_t / [same]_{t−1}',
    compute: (c) =>
      ratio(
        c.item('totalCurrentLiabilities').plus(ltd(c, 0)).div(c.item('totalAssets')),
        c.item('totalCurrentLiabilities', -1).plus(ltd(c, -1)).div(c.item('totalAssets', -1)),
        'prior leverage',
      ),
  },
  TATA: {
    formula: '(netIncome − cashFromOperations) / totalAssets (modern proxy for total accruals)',
    compute: (c) => ratio(c.item('netIncome').minus(c.item('cashFromOperations')), c.item('totalAssets'), 'total assets'),
  },
};

export function classifyBeneish(m: number, t: { flag: number; watch: number }): 'likely_manipulator' | 'watch' | 'unlikely' {
  return m > t.flag ? 'likely_manipulator' : m > t.watch ? 'watch' : 'unlikely';
}

export function beneish(st: EngineStatement, policy: Policy): BeneishResult {
  const periods = st.periods.slice(1).map((p, k) => {
    const i = k + 1;
    const comps = {} as Record<Var, Figure>;
    for (const v of Object.keys(VARS) as Var[]) comps[v] = evaluate(VARS[v], st, i, policy);
    const notes: string[] = [];
    const blocking: string[] = [];
    let m = new Decimal(BENEISH_INTERCEPT);
    const contrib: { variable: string; value: number; contribution: number }[] = [];
    for (const v of Object.keys(VARS) as Var[]) {
      let val = comps[v].value;
      if (val === null && NEUTRAL_IF_MISSING.includes(v)) {
        notes.push(`${v} set to 1 (${comps[v].note})`);
        val = 1;
      }
      if (val === null) {
        blocking.push(`${v}: ${comps[v].note}`);
        continue;
      }
      const w = BENEISH_WEIGHTS[v];
      m = m.plus(new Decimal(w).mul(val));
      const neutral = v === 'TATA' ? 0 : 1;
      contrib.push({ variable: v, value: val, contribution: new Decimal(w).mul(val - neutral).toNumber() });
    }
    if (blocking.length) {
      return { period: p.label, value: null, classification: null, components: comps, drivers: [], note: `not computable: ${blocking.join('; ')}` };
    }
    const value = m.toNumber();
    const drivers = contrib.filter((d) => d.contribution > 0.05).sort((a, b) => b.contribution - a.contribution);
    return {
      period: p.label,
      value,
      classification: classifyBeneish(value, policy.beneishThresholds),
      components: comps,
      drivers,
      note: notes.length ? notes.join('; ') : null,
    };
  });
  return { model: 'M8', thresholds: policy.beneishThresholds, tataDefinition: '(NI − CFO) / TA', periods };
}
