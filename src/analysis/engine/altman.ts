import { Decimal } from 'decimal.js';
import { z } from 'zod';
import { type EngineStatement, itemOf, sourceOf } from './items.js';
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
  /** Why this variant, in the requested language (`reasons` carries both). */
  reason: z.string(),
  reasons: z.object({ zh: z.string(), en: z.string() }),
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

interface Selection {
  selected: AltmanModel;
  reasons: { zh: string; en: string };
}

/** Where the market value of equity was read, for the reason text: 'label (file line n, period)'. */
function mveSource(st: EngineStatement): { zh: string; en: string } | null {
  for (let i = st.periods.length - 1; i >= 0; i--) {
    const p = st.periods[i];
    if (!p || itemOf(p, 'marketValueOfEquity') === undefined) continue;
    const src = sourceOf(p, 'marketValueOfEquity');
    if (!src) return { zh: `股权市值（${p.label}）`, en: `market value of equity (${p.label})` };
    const zhAt = src.line !== undefined ? `${src.file} 第 ${src.line} 行` : src.file;
    const enAt = src.line !== undefined ? `${src.file} line ${src.line}` : src.file;
    return { zh: `“${src.label}”（${zhAt}，${p.label}）`, en: `"${src.label}" (${enAt}, ${p.label})` };
  }
  return null;
}

/**
 * Picks the model (§1.9): Z for listed manufacturers with a market value of equity — the 10-K cover
 * page's public float or a 中文年报 总市值 — Z′ for other manufacturers, else Z″. The reasons say which
 * line supplied the market value, or what would have selected Z.
 */
export function selectAltman(st: EngineStatement, policy: Policy): Selection {
  if (policy.altmanModel !== 'auto') {
    const m = policy.altmanModel;
    return { selected: m, reasons: { zh: `按选项指定 ${SYMBOL[m]}`, en: `${SYMBOL[m]} chosen by option` } };
  }
  const sector = policy.sector ?? st.sector ?? 'other';
  const mve = mveSource(st);
  if (sector === 'manufacturing' && st.listed !== false && mve) {
    return {
      selected: 'z',
      reasons: {
        zh: `上市制造业企业，报表给出股权市值 ${mve.zh}，采用 Altman Z（1968，上市制造业，X4 = 股权市值 / 负债合计）`,
        en: `listed manufacturer with a market value of equity: ${mve.en} is read as the market value of equity, so the 1968 Z for public manufacturers applies (X4 = market value of equity / total liabilities)`,
      },
    };
  }
  if (sector === 'manufacturing') {
    const why = st.listed === false
      ? { zh: '非上市企业，无股权市值', en: 'unlisted, so there is no market value of equity' }
      : { zh: '报表未给出股权市值（10-K 封面“Aggregate market value … held by non-affiliates”或年报“总市值”行可提供）', en: 'the statements give no market value of equity (a 10-K cover-page "Aggregate market value … held by non-affiliates" or an annual report 总市值 line would supply it)' };
    return {
      selected: 'zPrime',
      reasons: { zh: `制造业企业，但${why.zh}，采用账面权益的 Altman Z′`, en: `manufacturer, but ${why.en}: book-equity Altman Z′` },
    };
  }
  const ref = mve ? { zh: `；报表给出股权市值 ${mve.zh}，按市值计算的 Z 仅作参考`, en: `; the market value of equity ${mve.en} gives the market-value Z for reference only` } : { zh: '', en: '' };
  return {
    selected: 'zDoublePrime',
    reasons: {
      zh: `行业“${sector}”：非制造业/新兴市场默认采用 Altman Z″（账面权益，不含销售收入项）${ref.zh}`,
      en: `sector "${sector}": non-manufacturing / emerging-market default Z″ (book equity, no sales term)${ref.en}`,
    },
  };
}

const SYMBOL: Record<AltmanModel, string> = { z: 'Z', zPrime: 'Z′', zDoublePrime: 'Z″' };

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
  const { selected, reasons } = selectAltman(st, policy);
  return { selected, reason: policy.lang === 'en' ? reasons.en : reasons.zh, reasons, periods };
}

