import { Decimal } from 'decimal.js';
import { z } from 'zod';
import { ALTMAN_MODELS, FLAG_THRESHOLDS, RATIO_NAMES, type AnalysisResult, type EngineStatement, type Figure } from '../../analysis/engine/index.js';
import { altmanGap, caveatOf, describeNote, FIGURE_META, fixed, ITEM_LABELS, type Lang } from '../../analysis/memo/index.js';
import { LINE_ITEMS, SourceRefSchema, type LineItem } from '../../analysis/model.js';
import { UserInputError } from '../../runtime/errors.js';
import { formulaText, LOAN_FIGURES, nameOf, show, showChange, type UnitContext, where } from './display.js';
import { resolvePeriod } from './periods.js';

export const SCORE_NAMES = ['altmanZ', 'beneishM', 'piotroskiF'] as const;

const PointSchema = z.object({
  period: z.string(),
  value: z.number().nullable(),
  /** Value with its unit as shown (rounded for display only), or the reason there is none. */
  display: z.string(),
  note: z.string().nullable(),
  /** value − the previous period's value (exact decimal); null for the first period or a gap. */
  change: z.number().nullable(),
  changeDisplay: z.string().nullable(),
});

export const ExplainOutputSchema = z.object({
  company: z.string(),
  currency: z.string(),
  /** The statement unit of amounts. */
  unit: z.string(),
  name: z.string(),
  label: z.string(),
  kind: z.enum(['ratio', 'score', 'item', 'loan']),
  period: z.string(),
  value: z.number().nullable(),
  /** The value as shown to the user (rounded for display only, with its unit). */
  display: z.string(),
  formula: z.string(),
  /** The formula with line items named in the reader's language. */
  formulaText: z.string(),
  inputs: z.array(z.object({ name: z.string(), value: z.number(), source: SourceRefSchema.optional() })),
  note: z.string().nullable(),
  /** A note that changes how a value reads (debt taken as 0 …), in the reader's language. */
  caveat: z.string().nullable(),
  /** A line item's printed source. */
  source: SourceRefSchema.nullable(),
  zone: z.string().nullable(),
  components: z.array(z.object({ name: z.string(), value: z.number().nullable(), weight: z.number().nullable(), contribution: z.number().nullable(), formula: z.string() })),
  previous: z.object({ period: z.string(), value: z.number().nullable() }).nullable(),
  /** Every period, oldest first, with the change on the period before (trend questions). */
  series: z.array(PointSchema),
  /** When the period asked has no value: the newest period that has one. */
  latestAvailable: PointSchema.nullable(),
  /** Growth of a line item on the previous period, from the engine's growth ratio when it has one. */
  growth: z.number().nullable(),
  /** Inputs present in this and the previous period, with their change ("why" questions). */
  inputChanges: z.array(z.object({ name: z.string(), label: z.string(), from: z.number(), to: z.number(), change: z.number() })),
  /** Loan figures: what the value means for the facility (need ≤ 0, DSCR below 1 …), sentence by sentence. */
  remarks: z.array(z.string()),
  /** Amounts the ratio is built from that the engine totals (interest-bearing debt, EBITDA, EBIT) for the period. */
  related: z.array(z.object({ name: z.string(), label: z.string(), value: z.number().nullable(), display: z.string(), change: z.number().nullable(), changeDisplay: z.string().nullable() })),
  /** The practitioner warning level compared against (§1.10.1), when the figure has one. */
  warning: z.object({ level: z.number(), bad: z.enum(['below', 'above']), breached: z.boolean() }).nullable(),
  explanation: z.string(),
});
export type ExplainOutput = z.infer<typeof ExplainOutputSchema>;
type Point = z.infer<typeof PointSchema>;

/** Practitioner warning levels (§1.10.1) the explanation compares against. */
const WARN: Record<string, { level: number; bad: 'below' | 'above' }> = {
  currentRatio: { level: FLAG_THRESHOLDS.currentRatioWarn, bad: 'below' },
  quickRatio: { level: FLAG_THRESHOLDS.quickRatioWarn, bad: 'below' },
  debtToAssets: { level: FLAG_THRESHOLDS.debtToAssetsWarn, bad: 'above' },
  interestCoverage: { level: FLAG_THRESHOLDS.interestCoverageWarn, bad: 'below' },
  cfoToNetIncome: { level: FLAG_THRESHOLDS.cfoToNetIncome, bad: 'below' },
};

/** Line items whose year-on-year growth the engine computes (so the chat never divides). */
const GROWTH_OF: Partial<Record<LineItem, string>> = {
  revenue: 'revenueGrowth', netIncome: 'netIncomeGrowth', operatingProfit: 'operatingProfitGrowth', totalAssets: 'totalAssetsGrowth',
  totalLiabilities: 'totalLiabilitiesGrowth', totalCurrentLiabilities: 'currentLiabilitiesGrowth', cash: 'cashGrowth',
  cashAndCashEquivalents: 'cashAndEquivalentsGrowth', fixedAssets: 'fixedAssetsGrowth', intangibleAssets: 'intangibleAssetsGrowth',
  sellingExpenses: 'sellingExpensesGrowth', adminExpenses: 'adminExpensesGrowth', financeExpenses: 'financeExpensesGrowth',
  rdExpenses: 'rdExpensesGrowth', investmentIncome: 'investmentIncomeGrowth', accountsReceivable: 'receivablesGrowth', inventory: 'inventoryGrowth',
};

const t = (lang: Lang, zh: string, en: string) => (lang === 'zh' ? zh : en);
const sub = (a: number, b: number) => new Decimal(a).minus(b).toNumber();

function inputsOf(f: Figure): ExplainOutput['inputs'] {
  return Object.entries(f.inputs).map(([name, i]) => (i.source ? { name, value: i.value, source: i.source } : { name, value: i.value }));
}

/** A value series as points with display text and exact period-on-period changes. */
function pointsOf(name: string, rows: ReadonlyArray<{ period: string; value: number | null; note: string | null }>, u: UnitContext, lang: Lang): Point[] {
  return rows.map((r, i) => {
    const prev = i > 0 ? rows[i - 1] : undefined;
    const change = r.value !== null && prev?.value != null ? sub(r.value, prev.value) : null;
    return {
      period: r.period,
      value: r.value,
      display: r.value === null ? describeNote(r.note, lang) : show(name, r.value, u, lang),
      note: r.note,
      change,
      changeDisplay: change === null ? null : showChange(name, change, u, lang),
    };
  });
}

function latestWithValue(points: Point[], before: number): Point | null {
  for (let i = before - 1; i >= 0; i--) if (points[i]?.value !== null) return points[i] as Point;
  return null;
}

interface Base {
  a: AnalysisResult;
  u: UnitContext;
  lang: Lang;
}

function base(b: Base, name: string, kind: ExplainOutput['kind'], period: string): Pick<ExplainOutput, 'company' | 'currency' | 'unit' | 'name' | 'label' | 'kind' | 'period'> {
  return { company: b.a.company, currency: b.a.currency, unit: b.a.unit, name, label: nameOf(name, b.lang), kind, period };
}

/** Fields most kinds leave empty (a fresh object each time: the arrays are mutable output). */
function empty(): Pick<ExplainOutput, 'zone' | 'components' | 'source' | 'growth' | 'inputChanges' | 'warning' | 'caveat' | 'related' | 'remarks'> {
  return { zone: null, components: [], source: null, growth: null, inputChanges: [], warning: null, caveat: null, related: [], remarks: [] };
}

/** Ratios built on an engine total: the total is shown beside the line items it sums. */
const RELATED: Record<string, string[]> = {
  debtToEquity: ['totalDebt'], netGearing: ['totalDebt'], cfoToDebt: ['totalDebt'], debtToEbitda: ['totalDebt', 'ebitda'],
  netDebtToEbitda: ['totalDebt', 'ebitda'], interestCoverage: ['ebit'], ebitdaInterestCoverage: ['ebitda'], freeCashFlow: [],
  // ROE's drivers are its DuPont factors (§1.5): what a "why" about ROE is answered with.
  roe: ['dupontNetMargin', 'dupontAssetTurnover', 'dupontEquityMultiplier'],
};

function explainRatio(b: Base, name: string, period: string): ExplainOutput {
  const { a, u, lang } = b;
  const series = a.ratios[name] as Figure[];
  const i = series.findIndex((f) => f.period === period);
  const f = series[i] as Figure;
  const prev = i > 0 ? (series[i - 1] as Figure) : null;
  const points = pointsOf(name, series, u, lang);
  const label = nameOf(name, lang);
  const formula = formulaText(f.formula, lang);
  const caveat = f.value !== null ? caveatOf(f.note, lang) : null;
  const w = WARN[name];
  const warning = w && f.value !== null ? { ...w, breached: w.bad === 'below' ? f.value < w.level : f.value > w.level } : null;
  // What moved between the periods: the inputs both periods have (a "why" answer rests on these).
  const inputChanges: ExplainOutput['inputChanges'] = [];
  if (prev) {
    for (const [k, v] of Object.entries(f.inputs)) {
      if (k.includes('@')) continue;
      const before = prev.inputs[k];
      if (before) inputChanges.push({ name: k, label: ITEM_LABELS[k]?.[lang] ?? k, from: before.value, to: v.value, change: sub(v.value, before.value) });
    }
  }
  const parts: string[] = [];
  if (f.value === null) {
    parts.push(t(lang, `${label}（${period}）无法给出数值——${describeNote(f.note, lang)}。`, `${label} (${period}) has no value — ${describeNote(f.note, lang)}.`));
    const last = latestWithValue(points, i);
    if (last) parts.push(t(lang, `最近可得：${last.period} ${last.display}。`, `Latest available: ${last.period} ${last.display}.`));
  } else {
    parts.push(t(lang, `${label}（${period}）= ${show(name, f.value, u, lang)}。`, `${label} (${period}) = ${show(name, f.value, u, lang)}.`));
    if (caveat) parts.push(t(lang, `注：${caveat}。`, `Note: ${caveat}.`));
    parts.push(t(lang, `公式：${formula}。`, `Formula: ${formula}.`));
    const ins = Object.entries(f.inputs).map(([k, v]) => `${ITEM_LABELS[k]?.[lang] ?? k} = ${fixedAmount(v.value)}${v.source ? t(lang, `（${v.source.label}，${where(v.source, lang)}）`, ` (${v.source.label}, ${where(v.source, lang)})`) : ''}`);
    if (ins.length) parts.push(t(lang, `输入：${ins.join('；')}。`, `Inputs: ${ins.join('; ')}.`));
    if (warning) {
      const lvl = show(name, warning.level, u, lang);
      parts.push(
        warning.breached
          ? t(lang, `${warning.bad === 'below' ? '低于' : '高于'}常用预警水平 ${lvl}。`, `${warning.bad === 'below' ? 'Below' : 'Above'} the usual warning level of ${lvl}.`)
          : t(lang, `未触及常用预警水平 ${lvl}。`, `Within the usual warning level of ${lvl}.`),
      );
    }
    if (prev && prev.value !== null) {
      const dir = f.value > prev.value ? t(lang, '上升', 'up') : f.value < prev.value ? t(lang, '下降', 'down') : t(lang, '持平', 'flat');
      parts.push(t(lang, `上期（${prev.period}）为 ${show(name, prev.value, u, lang)}，本期${dir}。`, `Previous period (${prev.period}): ${show(name, prev.value, u, lang)}; ${dir}.`));
    }
  }
  return {
    ...base(b, name, 'ratio', period),
    ...empty(),
    value: f.value,
    display: f.value === null ? describeNote(f.note, lang) : show(name, f.value, u, lang),
    formula: f.formula,
    formulaText: formula,
    inputs: inputsOf(f),
    note: f.note,
    caveat,
    previous: prev ? { period: prev.period, value: prev.value } : null,
    series: points,
    latestAvailable: f.value === null ? latestWithValue(points, i) : null,
    inputChanges,
    warning,
    related: (RELATED[name] ?? []).map((r) => {
      const v = a.ratios[r]?.[i];
      const before = i > 0 ? (a.ratios[r]?.[i - 1]?.value ?? null) : null;
      const value = v?.value ?? null;
      const change = value !== null && before !== null ? sub(value, before) : null;
      return {
        name: r, label: nameOf(r, lang), value, display: value === null ? describeNote(v?.note ?? null, lang) : show(r, value, u, lang),
        change, changeDisplay: change === null ? null : showChange(r, change, u, lang),
      };
    }),
    explanation: parts.join(lang === 'zh' ? '' : ' '),
  };
}

/** Input values as filed, grouped (no unit: the inputs list mixes amounts and counts). */
function fixedAmount(v: number): string {
  return Number.isInteger(v) ? fixed(v, 0) : String(v);
}

function explainItem(b: Base, st: EngineStatement, name: LineItem, period: string): ExplainOutput {
  const { a, u, lang } = b;
  const rows = st.periods.map((p) => {
    const v = p.items[name];
    return { period: p.label, value: typeof v === 'number' ? v : null, note: typeof v === 'number' ? null : `n/a: missing ${name}` };
  });
  const points = pointsOf(name, rows, u, lang);
  const i = rows.findIndex((r) => r.period === period);
  const p = st.periods[i];
  const src = p?.sources?.[name];
  const point = points[i] as Point;
  const prev = i > 0 ? (points[i - 1] as Point) : null;
  const growthName = GROWTH_OF[name];
  const growth = growthName ? (a.ratios[growthName]?.[i]?.value ?? null) : null;
  const label = nameOf(name, lang);
  const parts: string[] = [];
  if (point.value === null) {
    parts.push(t(lang, `${label}（${period}）报表未列示。`, `${label} (${period}) is not in the statements.`));
    const last = latestWithValue(points, i);
    if (last) parts.push(t(lang, `最近可得：${last.period} ${last.display}。`, `Latest available: ${last.period} ${last.display}.`));
  } else {
    parts.push(t(lang, `${label}（${period}）= ${point.display}。`, `${label} (${period}) = ${point.display}.`));
    parts.push(t(lang, `来源：${src ? `${src.label}（${where(src, lang)}）` : '推导值'}。`, `Source: ${src ? `${src.label} (${where(src, lang)})` : 'derived'}.`));
    if (prev?.value != null) {
      const g = growth === null ? '' : `${growth > 0 ? '+' : ''}${fixed(growth * 100, 2)}%`;
      parts.push(t(lang, `上期（${prev.period}）为 ${prev.display}，变动 ${point.changeDisplay ?? ''}${g ? `（${g}）` : ''}。`, `Previous period (${prev.period}): ${prev.display}; change ${point.changeDisplay ?? ''}${g ? ` (${g})` : ''}.`));
    }
  }
  return {
    ...base(b, name, 'item', period),
    ...empty(),
    value: point.value,
    display: point.display,
    formula: t(lang, '报表科目（按列示取数）', 'statement line item as printed'),
    formulaText: src ? `${src.label}（${where(src, lang)}）` : t(lang, '报表科目', 'line item'),
    inputs: point.value !== null ? [src ? { name, value: point.value, source: src } : { name, value: point.value }] : [],
    note: point.note,
    source: src ?? null,
    previous: prev ? { period: prev.period, value: prev.value } : null,
    series: points,
    latestAvailable: point.value === null ? latestWithValue(points, i) : null,
    growth,
    explanation: parts.join(lang === 'zh' ? '' : ' '),
  };
}

function explainLoan(b: Base, name: string): ExplainOutput {
  const { a, u, lang } = b;
  const wc = a.workingCapitalNeed;
  const loan = a.loan;
  const fromNeed: Record<string, Figure | undefined> = { newLoanCapacity: wc?.newLoanCapacity, workingCapitalRequired: wc?.workingCapitalRequired, cycleDays: wc?.cycleDays };
  const fromLoan: Record<string, Figure | undefined> = { dscr: loan?.dscr, debtToAssetsAfter: loan?.debtToAssetsAfter, debtToEbitdaAfter: loan?.debtToEbitdaAfter, interestCoverageAfter: loan?.interestCoverageAfter };
  const f = fromNeed[name] ?? fromLoan[name];
  if (!f) {
    throw new UserInputError(`${name} needs the loan terms: give loanAmount, tenorYears and rate (e.g. loan 500 million for 3 years at 4%)`);
  }
  const period = f.period;
  const label = nameOf(name, lang);
  const formula = formulaText(f.formula, lang);
  const points = pointsOf(name, [f], u, lang);
  const parts: string[] = [];
  const remarks: string[] = [];
  if (f.value === null) {
    parts.push(t(lang, `${label}（${period}）无法计算——${describeNote(f.note, lang)}。`, `${label} (${period}) cannot be computed — ${describeNote(f.note, lang)}.`));
  } else {
    parts.push(t(lang, `${label}（${period}）= ${show(name, f.value, u, lang)}。`, `${label} (${period}) = ${show(name, f.value, u, lang)}.`));
    parts.push(t(lang, `公式：${formula}。`, `Formula: ${formula}.`));
    if (wc && (name === 'newLoanCapacity' || name === 'workingCapitalRequired')) {
      const cyc = wc.cycleDays.value;
      if (cyc !== null) remarks.push(t(lang, `营运资金周转天数合计 ${show('cycleDays', cyc, u, lang)}（360 天口径）`, `working-capital cycle ${show('cycleDays', cyc, u, lang)} (360-day basis)`));
      if (wc.workingCapitalRequired.value !== null && name === 'newLoanCapacity') {
        remarks.push(t(lang, `营运资金量 ${show('workingCapitalRequired', wc.workingCapitalRequired.value, u, lang)}`, `working capital required ${show('workingCapitalRequired', wc.workingCapitalRequired.value, u, lang)}`));
      }
      if (name === 'newLoanCapacity' && f.value <= 0) {
        remarks.push(t(lang, '额度 ≤ 0：测算无新增流动资金贷款需求（上下游占用资金、自有资金和现有流贷已覆盖营运需要）', 'capacity ≤ 0: no new working-capital loan is needed (suppliers and customers, own funds and existing loans already cover operations)'));
      }
      if (name === 'newLoanCapacity' && loan) {
        const within = loan.workingCapital.requestWithinNeed;
        if (within !== null) remarks.push(within ? t(lang, `申请 ${show(name, loan.request.loanAmount, u, lang)} 在额度以内`, `the request of ${show(name, loan.request.loanAmount, u, lang)} is within it`) : t(lang, `申请 ${show(name, loan.request.loanAmount, u, lang)} 超过额度`, `the request of ${show(name, loan.request.loanAmount, u, lang)} exceeds it`));
      }
    }
    if (name === 'dscr') remarks.push(f.value < 1 ? t(lang, '低于 1 倍：经营现金不足以覆盖本息', 'below 1×: operating cash does not cover debt service') : t(lang, '不低于 1 倍：经营现金可覆盖本息', 'at least 1×: operating cash covers debt service'));
  }
  if (remarks.length) parts.push(`${remarks.join(t(lang, '；', '; '))}${t(lang, '。', '.')}`);
  return {
    ...base(b, name, 'loan', period),
    ...empty(),
    value: f.value,
    display: points[0]?.display ?? '',
    formula: f.formula,
    formulaText: formula,
    inputs: inputsOf(f),
    note: f.note,
    previous: null,
    series: points,
    latestAvailable: null,
    remarks,
    explanation: parts.join(lang === 'zh' ? '' : ' '),
  };
}

const ZONE_TEXT: Record<string, { zh: string; en: string }> = {
  safe: { zh: '安全区', en: 'safe zone' },
  grey: { zh: '灰色区', en: 'grey zone' },
  distress: { zh: '困境区', en: 'distress zone' },
};

/** Why a component pulls the score down, in words a reviewer uses. */
const WEAK_REASON: Record<string, { zh: string; en: string }> = {
  X1: { zh: '营运资金为负（流动负债大于流动资产）', en: 'negative working capital (current liabilities exceed current assets)' },
  X2: { zh: '留存收益为负（累计亏损或大额回购/分红）', en: 'negative retained earnings (accumulated losses or large buybacks/dividends)' },
  X3: { zh: 'EBIT 为负（经营亏损）', en: 'negative EBIT (operating losses)' },
  X4book: { zh: '账面权益为负（资不抵债）', en: 'negative book equity' },
  X4market: { zh: '股权市值相对负债偏低', en: 'low market value of equity relative to liabilities' },
  X5: { zh: '资产周转慢', en: 'slow asset turnover' },
};

const SYMBOL = { z: 'Z', zPrime: 'Z′', zDoublePrime: 'Z″' } as const;

function explainAltman(b: Base, period: string): ExplainOutput {
  const { a, u, lang } = b;
  const al = a.scores.altmanZ;
  const p = al.periods.find((x) => x.period === period);
  if (!p) throw new UserInputError(`no Altman score for period ${period}`);
  const model = ALTMAN_MODELS[al.selected];
  const v = p[al.selected];
  const keys = ['X1', 'X2', 'X3', al.selected === 'z' ? 'X4market' : 'X4book', 'X5'];
  const components = keys
    .map((k, j) => {
      const c = p.components[k];
      const w = model.w[j] ?? 0;
      if (w === 0) return null;
      const val = c?.value ?? null;
      return { name: k, value: val, weight: w, contribution: val === null ? null : new Decimal(w).mul(val).toNumber(), formula: c?.formula ?? '' };
    })
    .filter((x): x is NonNullable<typeof x> => x !== null);
  const sym = SYMBOL[al.selected];
  const reason = al.reasons[lang];
  const parts: string[] = [];
  if (v.value === null) {
    parts.push(t(lang, `Altman ${sym}（${period}）无法计算：${altmanGap(v.note, lang)}。`, `Altman ${sym} (${period}) cannot be computed: ${altmanGap(v.note, lang)}.`));
    parts.push(t(lang, `选用 ${sym} 的原因：${reason}。`, `${sym} is the variant because: ${reason}.`));
  } else {
    const zone = ZONE_TEXT[v.zone ?? '']?.[lang] ?? '';
    parts.push(
      t(
        lang,
        `Altman ${sym}（${period}）= ${v.value.toFixed(4)}，处于${zone}（困境 < ${v.cutoffs.distress}，安全 > ${v.cutoffs.safe}）。选用 ${sym} 的原因：${reason}。`,
        `Altman ${sym} (${period}) = ${v.value.toFixed(4)}, ${zone} (distress < ${v.cutoffs.distress}, safe > ${v.cutoffs.safe}). ${sym} was chosen because: ${reason}.`,
      ),
    );
    const shown = components.map((c) => `${c.name} = ${c.value === null ? 'n/a' : c.value.toFixed(4)} × ${c.weight} = ${c.contribution === null ? 'n/a' : c.contribution.toFixed(4)}`);
    parts.push(t(lang, `各项贡献：${shown.join('；')}。`, `Contributions: ${shown.join('; ')}.`));
    const weak = components.filter((c) => c.value !== null && c.value < 0);
    if (weak.length) {
      parts.push(
        t(
          lang,
          `拉低分值的因素：${weak.map((c) => `${c.name}（${WEAK_REASON[c.name]?.zh ?? ''}）`).join('、')}。`,
          `What pulls the score down: ${weak.map((c) => `${c.name} (${WEAK_REASON[c.name]?.en ?? ''})`).join(', ')}.`,
        ),
      );
    } else if (v.zone !== 'safe') {
      const lowest = [...components].filter((c) => c.contribution !== null).sort((x, y) => (x.contribution as number) - (y.contribution as number))[0];
      if (lowest) parts.push(t(lang, `贡献最小的是 ${lowest.name}。`, `The smallest contribution is ${lowest.name}.`));
    }
    // A book-based score can sit far below the market-based one (Apple, §1.9): say so when both exist.
    if (al.selected !== 'z' && p.z.value !== null && p.z.zone !== v.zone) {
      parts.push(
        t(
          lang,
          `注意：按股权市值计算的 Altman Z = ${p.z.value.toFixed(4)}（${ZONE_TEXT[p.z.zone ?? '']?.zh ?? ''}）。账面模型受回购、负营运资金影响，不宜单独据此判断违约风险。`,
          `Note: the market-value Altman Z = ${p.z.value.toFixed(4)} (${ZONE_TEXT[p.z.zone ?? '']?.en ?? ''}). Book-based scores are depressed by buybacks and negative working capital; do not read default risk from them alone.`,
        ),
      );
    }
  }
  const rows = al.periods.map((x) => ({ period: x.period, value: x[al.selected].value, note: x[al.selected].note }));
  const points = pointsOf('altmanZ', rows, u, lang);
  const i = rows.findIndex((r) => r.period === period);
  return {
    ...base(b, 'altmanZ', 'score', period),
    ...empty(),
    label: `Altman ${sym}`,
    value: v.value,
    display: v.value === null ? altmanGap(v.note, lang) : t(lang, `${v.value.toFixed(4)}（${ZONE_TEXT[v.zone ?? '']?.zh ?? ''}）`, `${v.value.toFixed(4)} (${ZONE_TEXT[v.zone ?? '']?.en ?? ''})`),
    formula: `${model.name}: ${components.map((c) => `${c.weight}·${c.name}`).join(' + ')}`,
    formulaText: `${model.name}: ${components.map((c) => `${c.weight}·${c.name}`).join(' + ')}`,
    inputs: Object.values(p.components).flatMap(inputsOf),
    note: v.note,
    zone: v.zone,
    components,
    previous: i > 0 ? { period: rows[i - 1]?.period ?? '', value: rows[i - 1]?.value ?? null } : null,
    series: points,
    latestAvailable: v.value === null ? latestWithValue(points, i) : null,
    explanation: parts.join(lang === 'zh' ? '' : ' '),
  };
}

const BENEISH_CLASS: Record<string, { zh: string; en: string }> = {
  likely_manipulator: { zh: '可能操纵（likely manipulator）', en: 'likely manipulator' },
  watch: { zh: '关注（watch）', en: 'watch' },
  unlikely: { zh: '不太可能操纵（unlikely）', en: 'unlikely' },
};

function explainBeneish(b: Base, period: string): ExplainOutput {
  const { a, u, lang } = b;
  const be = a.scores.beneishM;
  const p = be.periods.find((x) => x.period === period);
  if (!p) throw new UserInputError(`Beneish M needs two periods: none for ${period} (available: ${be.periods.map((x) => x.period).join(', ') || 'none'})`);
  const components = Object.entries(p.components).map(([k, f]) => ({ name: k, value: f.value, weight: null, contribution: p.drivers.find((d) => d.variable === k)?.contribution ?? null, formula: f.formula }));
  const parts: string[] = [];
  const cls = BENEISH_CLASS[p.classification ?? '']?.[lang] ?? '';
  if (p.value === null) parts.push(t(lang, `Beneish M（${period}）无法计算：${p.note ?? ''}。`, `Beneish M (${period}) is not computable: ${p.note ?? ''}.`));
  else {
    parts.push(t(lang, `Beneish M（${period}）= ${p.value.toFixed(4)}，分类：${cls}（阈值 ${be.thresholds.flag} / ${be.thresholds.watch}）。`, `Beneish M (${period}) = ${p.value.toFixed(4)}, classified ${cls} (thresholds ${be.thresholds.flag} / ${be.thresholds.watch}).`));
    if (p.drivers.length) parts.push(t(lang, `主要驱动变量：${p.drivers.map((d) => `${d.variable} ${d.value.toFixed(4)}`).join('、')}。`, `Main drivers: ${p.drivers.map((d) => `${d.variable} ${d.value.toFixed(4)}`).join(', ')}.`));
    const flag = a.flags.find((f) => f.code === 'BENEISH_M_HIGH');
    if (flag) parts.push(lang === 'zh' ? flag.messages.zh : flag.messages.en);
  }
  const rows = be.periods.map((x) => ({ period: x.period, value: x.value, note: x.note }));
  const points = pointsOf('beneishM', rows, u, lang);
  return {
    ...base(b, 'beneishM', 'score', period),
    ...empty(),
    label: 'Beneish M',
    value: p.value,
    display: p.value === null ? t(lang, '无法计算', 'not computable') : t(lang, `${p.value.toFixed(4)}（${cls}）`, `${p.value.toFixed(4)} (${cls})`),
    formula: `M8; TATA = ${be.tataDefinition}`,
    formulaText: `M8; TATA = ${be.tataDefinition}`,
    inputs: Object.values(p.components).flatMap(inputsOf),
    note: p.note,
    zone: p.classification,
    components,
    previous: null,
    series: points,
    latestAvailable: null,
    explanation: parts.join(lang === 'zh' ? '' : ' '),
  };
}

function explainPiotroski(b: Base, period: string): ExplainOutput {
  const { a, u, lang } = b;
  const pf = a.scores.piotroskiF;
  const p = pf.periods.find((x) => x.period === period);
  if (!p) throw new UserInputError(`Piotroski F needs prior periods: none for ${period} (available: ${pf.periods.map((x) => x.period).join(', ') || 'none'})`);
  const components = Object.entries(p.signals).map(([k, f]) => ({ name: k, value: f.value, weight: null, contribution: null, formula: f.formula }));
  const failed = components.filter((c) => c.value === 0).map((c) => c.name);
  const missing = components.filter((c) => c.value === null).map((c) => c.name);
  const head = p.value !== null
    ? t(lang, `Piotroski F（${period}）= ${p.value}（${p.band}）。`, `Piotroski F (${period}) = ${p.value} (${p.band}).`)
    : t(lang, `Piotroski F（${period}）不完整：通过 ${p.passed}/${p.available}。${p.note ?? ''}。`, `Piotroski F (${period}) is incomplete: ${p.passed} of ${p.available} passed. ${p.note ?? ''}.`);
  const fail = failed.length ? t(lang, `未通过：${failed.join('、')}。`, `Failed: ${failed.join(', ')}.`) : '';
  const miss = missing.length ? t(lang, `无法计算：${missing.join('、')}。`, `Not computable: ${missing.join(', ')}.`) : '';
  const rows = pf.periods.map((x) => ({ period: x.period, value: x.value, note: x.note }));
  return {
    ...base(b, 'piotroskiF', 'score', period),
    ...empty(),
    label: 'Piotroski F',
    value: p.value,
    display: p.value === null ? `${p.passed}/${p.available}` : String(p.value),
    formula: t(lang, '九项二元信号之和', 'sum of nine binary signals'),
    formulaText: t(lang, '九项二元信号之和', 'sum of nine binary signals'),
    inputs: Object.values(p.signals).flatMap(inputsOf),
    note: p.note,
    zone: p.band,
    components,
    previous: null,
    series: pointsOf('piotroskiF', rows, u, lang),
    latestAvailable: null,
    explanation: [head, fail, miss].filter(Boolean).join(lang === 'zh' ? '' : ' '),
  };
}

const ITEM_SET = new Set<string>(LINE_ITEMS);
export const FIGURE_NAMES: readonly string[] = [...RATIO_NAMES, ...SCORE_NAMES, ...Object.keys(LOAN_FIGURES), ...LINE_ITEMS];

/**
 * A figure with its formula, inputs (with source lines), its series and a plain-language
 * explanation: a ratio, a score, a line item as printed (with `statement`) or a loan-view figure.
 */
export function explainFigure(a: AnalysisResult, name: string, period: string | undefined, lang: Lang, statement?: EngineStatement): ExplainOutput {
  const b: Base = { a, u: { currency: a.currency, unit: a.unit }, lang };
  const isScore = (SCORE_NAMES as readonly string[]).includes(name);
  const isLoan = name in LOAN_FIGURES;
  const isItem = !a.ratios[name] && ITEM_SET.has(name) && statement !== undefined;
  if (!isScore && !isLoan && !isItem && !a.ratios[name]) {
    const known = Object.keys(FIGURE_META).join(', ');
    throw new UserInputError(`unknown figure "${name}": use a ratio name (${known}, …), altmanZ, beneishM, piotroskiF, a loan figure (${Object.keys(LOAN_FIGURES).join(', ')}) or a line item (netIncome, revenue, …)`);
  }
  if (isLoan) return explainLoan(b, name);
  const p = period ? resolvePeriod(a.periods, period) : (a.periods.at(-1) as string);
  if (name === 'altmanZ') return explainAltman(b, p);
  if (name === 'beneishM') return explainBeneish(b, p);
  if (name === 'piotroskiF') return explainPiotroski(b, p);
  if (isItem) return explainItem(b, statement as EngineStatement, name as LineItem, p);
  return explainRatio(b, name, p);
}
