import { Decimal } from 'decimal.js';
import { z } from 'zod';
import { ALTMAN_MODELS, FLAG_THRESHOLDS, RATIO_NAMES, type AnalysisResult, type Figure } from '../../analysis/engine/index.js';
import { describeNote, FIGURE_META, formatFigure, labelOf, type Lang } from '../../analysis/memo/index.js';
import { SourceRefSchema } from '../../analysis/model.js';
import { UserInputError } from '../../runtime/errors.js';
import { resolvePeriod } from './periods.js';

export const SCORE_NAMES = ['altmanZ', 'beneishM', 'piotroskiF'] as const;

export const ExplainOutputSchema = z.object({
  company: z.string(),
  name: z.string(),
  label: z.string(),
  kind: z.enum(['ratio', 'score']),
  period: z.string(),
  value: z.number().nullable(),
  /** The value as shown to the user (rounded for display only). */
  display: z.string(),
  formula: z.string(),
  inputs: z.array(z.object({ name: z.string(), value: z.number(), source: SourceRefSchema.optional() })),
  note: z.string().nullable(),
  zone: z.string().nullable(),
  components: z.array(z.object({ name: z.string(), value: z.number().nullable(), weight: z.number().nullable(), contribution: z.number().nullable(), formula: z.string() })),
  previous: z.object({ period: z.string(), value: z.number().nullable() }).nullable(),
  explanation: z.string(),
});
export type ExplainOutput = z.infer<typeof ExplainOutputSchema>;

/** Practitioner warning levels (§1.10.1) the explanation compares against. */
const WARN: Record<string, { level: number; bad: 'below' | 'above' }> = {
  currentRatio: { level: FLAG_THRESHOLDS.currentRatioWarn, bad: 'below' },
  quickRatio: { level: FLAG_THRESHOLDS.quickRatioWarn, bad: 'below' },
  debtToAssets: { level: FLAG_THRESHOLDS.debtToAssetsWarn, bad: 'above' },
  interestCoverage: { level: FLAG_THRESHOLDS.interestCoverageWarn, bad: 'below' },
  cfoToNetIncome: { level: FLAG_THRESHOLDS.cfoToNetIncome, bad: 'below' },
};

const t = (lang: Lang, zh: string, en: string) => (lang === 'zh' ? zh : en);
const show = (name: string, v: number | null, lang: Lang, note: string | null = null) => (v === null ? describeNote(note, lang) : formatFigure(name, v));

function inputsOf(f: Figure): ExplainOutput['inputs'] {
  return Object.entries(f.inputs).map(([name, i]) => (i.source ? { name, value: i.value, source: i.source } : { name, value: i.value }));
}

function explainRatio(a: AnalysisResult, name: string, period: string, lang: Lang): ExplainOutput {
  const series = a.ratios[name];
  if (!series) throw new UserInputError(`unknown figure "${name}"`);
  const i = series.findIndex((f) => f.period === period);
  const f = series[i] as Figure;
  const prev = i > 0 ? (series[i - 1] as Figure) : null;
  const label = labelOf(name, lang);
  const parts: string[] = [];
  if (f.value === null) {
    parts.push(t(lang, `${label}（${period}）无法给出数值——${describeNote(f.note, lang)}。`, `${label} (${period}) has no value — ${describeNote(f.note, lang)}.`));
  } else {
    parts.push(`${label}（${period}）= ${formatFigure(name, f.value)}。`);
    parts.push(t(lang, `公式：${f.formula}。`, `Formula: ${f.formula}.`));
    const ins = Object.entries(f.inputs).map(([k, v]) => `${k} = ${v.value}${v.source ? ` (${v.source.label}, ${v.source.file}${v.source.line !== undefined ? `:${v.source.line}` : ''})` : ''}`);
    if (ins.length) parts.push(t(lang, `输入：${ins.join('；')}。`, `Inputs: ${ins.join('; ')}.`));
    const w = WARN[name];
    if (w) {
      const breach = w.bad === 'below' ? f.value < w.level : f.value > w.level;
      parts.push(
        breach
          ? t(lang, `${w.bad === 'below' ? '低于' : '高于'}常用预警水平 ${formatFigure(name, w.level)}。`, `${w.bad === 'below' ? 'Below' : 'Above'} the usual warning level of ${formatFigure(name, w.level)}.`)
          : t(lang, `未触及常用预警水平 ${formatFigure(name, w.level)}。`, `Within the usual warning level of ${formatFigure(name, w.level)}.`),
      );
    }
    if (prev && prev.value !== null) {
      const dir = f.value > prev.value ? t(lang, '上升', 'up') : f.value < prev.value ? t(lang, '下降', 'down') : t(lang, '持平', 'flat');
      parts.push(t(lang, `上期（${prev.period}）为 ${formatFigure(name, prev.value)}，本期${dir}。`, `Previous period (${prev.period}): ${formatFigure(name, prev.value)}; ${dir}.`));
    }
  }
  return {
    company: a.company,
    name,
    label,
    kind: 'ratio',
    period,
    value: f.value,
    display: show(name, f.value, lang, f.note),
    formula: f.formula,
    inputs: inputsOf(f),
    note: f.note,
    zone: null,
    components: [],
    previous: prev ? { period: prev.period, value: prev.value } : null,
    explanation: parts.join(''),
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

function explainAltman(a: AnalysisResult, period: string, lang: Lang): ExplainOutput {
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
  const sym = { z: 'Z', zPrime: 'Z′', zDoublePrime: 'Z″' }[al.selected];
  const parts: string[] = [];
  if (v.value === null) {
    parts.push(t(lang, `Altman ${sym}（${period}）无法计算——${describeNote(v.note, lang)}。`, `Altman ${sym} (${period}) cannot be computed — ${describeNote(v.note, lang)}.`));
  } else {
    const zone = ZONE_TEXT[v.zone ?? '']?.[lang] ?? '';
    parts.push(
      t(
        lang,
        `Altman ${sym}（${period}）= ${v.value.toFixed(4)}，处于${zone}（困境 < ${v.cutoffs.distress}，安全 > ${v.cutoffs.safe}）。选用 ${sym} 的原因：${al.reason}。`,
        `Altman ${sym} (${period}) = ${v.value.toFixed(4)}, ${zone} (distress < ${v.cutoffs.distress}, safe > ${v.cutoffs.safe}). ${sym} was chosen because: ${al.reason}.`,
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
  return {
    company: a.company,
    name: 'altmanZ',
    label: `Altman ${sym}`,
    kind: 'score',
    period,
    value: v.value,
    display: v.value === null ? describeNote(v.note, lang) : v.value.toFixed(4),
    formula: `${model.name}: ${components.map((c) => `${c.weight}·${c.name}`).join(' + ')}`,
    inputs: Object.values(p.components).flatMap(inputsOf),
    note: v.note,
    zone: v.zone,
    components,
    previous: null,
    explanation: parts.join(''),
  };
}

function explainBeneish(a: AnalysisResult, period: string, lang: Lang): ExplainOutput {
  const be = a.scores.beneishM;
  const p = be.periods.find((x) => x.period === period);
  if (!p) throw new UserInputError(`Beneish M needs two periods: none for ${period} (available: ${be.periods.map((x) => x.period).join(', ') || 'none'})`);
  const components = Object.entries(p.components).map(([k, f]) => ({ name: k, value: f.value, weight: null, contribution: p.drivers.find((d) => d.variable === k)?.contribution ?? null, formula: f.formula }));
  const parts: string[] = [];
  if (p.value === null) parts.push(t(lang, `Beneish M（${period}）无法计算：${p.note ?? ''}。`, `Beneish M (${period}) is not computable: ${p.note ?? ''}.`));
  else {
    parts.push(t(lang, `Beneish M（${period}）= ${p.value.toFixed(4)}，分类：${p.classification}（阈值 ${be.thresholds.flag} / ${be.thresholds.watch}）。`, `Beneish M (${period}) = ${p.value.toFixed(4)}, classified ${p.classification} (thresholds ${be.thresholds.flag} / ${be.thresholds.watch}).`));
    if (p.drivers.length) parts.push(t(lang, `主要驱动变量：${p.drivers.map((d) => `${d.variable} ${d.value.toFixed(4)}`).join('、')}。`, `Main drivers: ${p.drivers.map((d) => `${d.variable} ${d.value.toFixed(4)}`).join(', ')}.`));
    const flag = a.flags.find((f) => f.code === 'BENEISH_M_HIGH');
    if (flag) parts.push(lang === 'zh' ? flag.messages.zh : flag.messages.en);
  }
  return {
    company: a.company, name: 'beneishM', label: 'Beneish M', kind: 'score', period, value: p.value,
    display: p.value === null ? t(lang, '无法计算', 'not computable') : p.value.toFixed(4),
    formula: `M8; TATA = ${be.tataDefinition}`, inputs: Object.values(p.components).flatMap(inputsOf), note: p.note, zone: p.classification,
    components, previous: null, explanation: parts.join(''),
  };
}

function explainPiotroski(a: AnalysisResult, period: string, lang: Lang): ExplainOutput {
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
  return {
    company: a.company, name: 'piotroskiF', label: 'Piotroski F', kind: 'score', period, value: p.value,
    display: p.value === null ? `${p.passed}/${p.available}` : String(p.value), formula: t(lang, '九项二元信号之和', 'sum of nine binary signals'),
    inputs: Object.values(p.signals).flatMap(inputsOf), note: p.note, zone: p.band, components, previous: null, explanation: head + fail + miss,
  };
}

export const FIGURE_NAMES: readonly string[] = [...RATIO_NAMES, ...SCORE_NAMES];

/** A figure with its formula, inputs (with source lines) and a plain-language explanation. */
export function explainFigure(a: AnalysisResult, name: string, period: string | undefined, lang: Lang): ExplainOutput {
  const isScore = (SCORE_NAMES as readonly string[]).includes(name);
  if (!isScore && !a.ratios[name]) {
    const known = Object.keys(FIGURE_META).join(', ');
    throw new UserInputError(`unknown figure "${name}": use a ratio name (${known}, …) or altmanZ, beneishM, piotroskiF`);
  }
  const p = period ? resolvePeriod(a.periods, period) : (a.periods.at(-1) as string);
  if (name === 'altmanZ') return explainAltman(a, p, lang);
  if (name === 'beneishM') return explainBeneish(a, p, lang);
  if (name === 'piotroskiF') return explainPiotroski(a, p, lang);
  return explainRatio(a, name, p, lang);
}
