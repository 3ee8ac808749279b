/**
 * Replies worded from tool output only. Figures are the tools' values, formatted for display
 * (rounded, with their unit) — never derived here. Each answer names the period, the value with
 * its unit, and the formula or the source line it rests on.
 */
import { Decimal } from 'decimal.js';
import { itemIndex } from '../../analysis/memo/citations.js';
import { altmanGap, caveatOf, DECISION_TEXT, describeNote, type Decision } from '../../analysis/memo/index.js';
import type { Lang } from '../../runtime/planner.js';
import type { AnalyzeOutput } from './analyze-tool.js';
import type { CompareOutput } from './compare-periods.js';
import { formulaText, nameOf, P, show, showChange, type UnitContext, where } from './display.js';
import type { ExplainOutput } from './explain-figure.js';
import { TOPIC_FIGURES, type Question, type Topic } from './intent.js';
import { resolvePeriod } from './periods.js';

const t = (lang: Lang, zh: string, en: string) => (lang === 'zh' ? zh : en);
const SEVERITY: Record<string, { zh: string; en: string }> = { low: { zh: '低', en: 'low' }, medium: { zh: '中', en: 'medium' }, high: { zh: '高', en: 'high' }, critical: { zh: '严重', en: 'critical' } };
const ZONE: Record<string, { zh: string; en: string }> = { safe: { zh: '安全区', en: 'safe' }, grey: { zh: '灰色区', en: 'grey' }, distress: { zh: '困境区', en: 'distress' } };
const SYMBOL: Record<string, string> = { z: 'Z', zPrime: 'Z′', zDoublePrime: 'Z″' };
const BENEISH: Record<string, { zh: string; en: string }> = {
  likely_manipulator: { zh: '可能操纵', en: 'likely manipulator' },
  watch: { zh: '关注', en: 'watch' },
  unlikely: { zh: '不太可能操纵', en: 'unlikely' },
};

const TOPIC_NAME: Record<Topic, { zh: string; en: string }> = {
  liquidity: { zh: '短期偿债能力（流动性）', en: 'Liquidity' },
  leverage: { zh: '杠杆与资本结构', en: 'Leverage' },
  coverage: { zh: '偿债保障', en: 'Debt coverage' },
  solvency: { zh: '偿债能力', en: 'Solvency (liquidity, leverage, coverage)' },
  profitability: { zh: '盈利能力', en: 'Profitability' },
  dupont: { zh: '杜邦分析', en: 'DuPont analysis' },
  efficiency: { zh: '营运能力（周转）', en: 'Efficiency (working-capital days)' },
  cashflow: { zh: '现金流', en: 'Cash flow' },
  growth: { zh: '成长性', en: 'Growth' },
  scores: { zh: '评分模型', en: 'Scores' },
  overview: { zh: '概况', en: 'Overview' },
};

/** Flags that speak to a topic (listed under its figures). */
const TOPIC_FLAGS: Partial<Record<Topic, string[]>> = {
  liquidity: ['CURRENT_RATIO_LOW', 'QUICK_RATIO_LOW', 'SHORT_DEBT_LONG_INVEST', 'CASH_DEBT_BOTH_HIGH'],
  leverage: ['LEVERAGE_HIGH', 'NEGATIVE_EQUITY', 'THREE_RED_LINES', 'CASH_DEBT_BOTH_HIGH'],
  coverage: ['INTEREST_COVERAGE_LOW', 'NEGATIVE_CFO'],
  solvency: ['CURRENT_RATIO_LOW', 'QUICK_RATIO_LOW', 'LEVERAGE_HIGH', 'NEGATIVE_EQUITY', 'INTEREST_COVERAGE_LOW', 'SHORT_DEBT_LONG_INVEST', 'THREE_RED_LINES'],
  profitability: ['GROSS_MARGIN_DROP'],
  dupont: ['NEGATIVE_EQUITY'],
  efficiency: ['RECEIVABLES_SURGE', 'INVENTORY_BUILDUP', 'OTHER_RECEIVABLES_HIGH'],
  cashflow: ['NEGATIVE_CFO', 'PROFIT_WITHOUT_CASH', 'HIGH_ACCRUALS'],
  growth: ['RECEIVABLES_SURGE', 'INVENTORY_BUILDUP'],
  scores: ['ALTMAN_DISTRESS', 'BENEISH_M_HIGH'],
};

const units = (x: { currency: string; unit: string }): UnitContext => ({ currency: x.currency, unit: x.unit });

/** A period the user named, matched to the analysis (latest when none or unknown). */
function pickPeriod(periods: readonly string[], wanted: string | null): { period: string; unknown: string | null } {
  const latest = periods.at(-1) ?? '';
  if (!wanted) return { period: latest, unknown: null };
  try {
    return { period: resolvePeriod(periods, wanted), unknown: null };
  } catch {
    return { period: latest, unknown: wanted };
  }
}

/** One figure of an analysis for a period: value with unit and previous period, or the reason it has none. */
function figureLine(a: AnalyzeOutput, name: string, period: string, lang: Lang): string | null {
  const u = units(a);
  const label = nameOf(name, lang);
  const series = a.ratios[name];
  if (series) {
    const i = series.findIndex((f) => f.period === period);
    const f = series[i];
    if (!f) return null;
    const formula = formulaText(f.formula, lang);
    if (f.value === null) {
      let last = null;
      for (let k = i - 1; k >= 0; k--) if (series[k]?.value !== null && series[k]?.value !== undefined) { last = series[k]; break; }
      const fallback = last?.value != null ? t(lang, `；最近可得 ${last.period}：${show(name, last.value, u, lang)}`, `; latest available ${last.period}: ${show(name, last.value, u, lang)}`) : '';
      return `- ${label}${P.paren(lang, period)}${P.colon(lang)}${describeNote(f.note, lang)}${fallback}`;
    }
    const prev = i > 0 ? series[i - 1] : undefined;
    const before = prev?.value != null ? t(lang, `（${prev.period}：${show(name, prev.value, u, lang)}）`, ` (${prev.period}: ${show(name, prev.value, u, lang)})`) : '';
    const caveat = caveatOf(f.note, lang);
    return `- ${label}${P.paren(lang, period)}${P.colon(lang)}${show(name, f.value, u, lang)}${before} = ${formula}${caveat ? t(lang, `。注：${caveat}`, `. Note: ${caveat}`) : ''}`;
  }
  // A line item: its value and printed source, recovered from the figures' inputs.
  const item = itemIndex(a).get(name);
  const at = item?.get(period);
  if (at) {
    const prevPeriod = a.periods[a.periods.indexOf(period) - 1];
    const prev = prevPeriod ? item?.get(prevPeriod) : undefined;
    const before = prev ? t(lang, `（${prevPeriod}：${show(name, prev.value, u, lang)}）`, ` (${prevPeriod}: ${show(name, prev.value, u, lang)})`) : '';
    return `- ${label}${P.paren(lang, period)}${P.colon(lang)}${show(name, at.value, u, lang)}${before}${P.comma(lang)}${t(lang, '来源', 'source')}${P.colon(lang)}${at.source ? `${at.source.label}${P.paren(lang, where(at.source, lang))}` : t(lang, '推导值', 'derived')}`;
  }
  const older = [...(item?.entries() ?? [])].filter(([p]) => a.periods.indexOf(p) < a.periods.indexOf(period)).at(-1);
  const fallback = older ? t(lang, `；最近可得 ${older[0]}：${show(name, older[1].value, u, lang)}`, `; latest available ${older[0]}: ${show(name, older[1].value, u, lang)}`) : '';
  return `- ${label}${P.paren(lang, period)}${P.colon(lang)}${t(lang, '缺少数据：报表未列示该项', 'not available: the statements do not show it')}${fallback}`;
}

function flagLines(a: AnalyzeOutput, codes: readonly string[] | null, lang: Lang): string[] {
  const flags = a.flags.filter((f) => codes === null || codes.includes(f.code));
  return flags.map((f) => `- ${f.code}${P.paren(lang, SEVERITY[f.severity]?.[lang] ?? f.severity)}${P.colon(lang)}${lang === 'zh' ? f.messages.zh : f.messages.en}`);
}

function scoreLines(a: AnalyzeOutput, lang: Lang): string[] {
  const al = a.scores.altmanZ;
  const alp = al.periods.at(-1);
  const sel = alp?.[al.selected];
  const sym = SYMBOL[al.selected] ?? al.selected;
  const be = a.scores.beneishM.periods.at(-1);
  const pf = a.scores.piotroskiF.periods.at(-1);
  const { paren, colon, semi } = P;
  return [
    `- Altman ${sym}${paren(lang, alp?.period ?? '')}${colon(lang)}${sel?.value == null ? `${t(lang, '无法计算', 'not computable')}${paren(lang, altmanGap(sel?.note ?? null, lang))}` : `${sel.value.toFixed(4)}${paren(lang, ZONE[sel.zone ?? '']?.[lang] ?? '')}`}${semi(lang)}${t(lang, '选用原因', 'why this variant')}${colon(lang)}${al.reasons[lang]}`,
    `- Beneish M${paren(lang, be?.period ?? '—')}${colon(lang)}${be?.value == null ? t(lang, '无法计算（需两期完整数据）', 'not computable (needs two full periods)') : `${be.value.toFixed(4)}${paren(lang, `${BENEISH[be.classification ?? '']?.[lang] ?? ''}${semi(lang)}${t(lang, '阈值', 'threshold')} ${a.scores.beneishM.thresholds.flag}`)}`}`,
    `- Piotroski F${paren(lang, pf?.period ?? '—')}${colon(lang)}${pf?.value == null ? `${t(lang, '不完整', 'incomplete')}${pf ? paren(lang, `${pf.passed}/${pf.available}`) : ''}` : String(pf.value)}`,
  ];
}

const NEXT = {
  zh: '接着可以问：“净利润是多少”、“偿债能力如何”、“有什么风险”、“和去年比呢”、“写一份授信审查报告”。',
  en: 'Next you could ask: "what is net income", "how leveraged is it", "red flags?", "compare with last year", "write the memo".',
};

export function replyAnalysis(a: AnalyzeOutput, lang: Lang): string {
  const latest = a.periods.at(-1) ?? '';
  const lines: string[] = [];
  lines.push(t(lang, `**${a.company}**（${a.periods.join('、')}；${a.currency} ${a.unit}），最新期 ${latest}：`, `**${a.company}** (${a.periods.join(', ')}; ${a.currency} ${a.unit}), latest period ${latest}:`));
  for (const name of ['currentRatio', 'quickRatio', 'debtToAssets', 'debtToEquity', 'liabilitiesToEquity', 'interestCoverage', 'grossMargin', 'netMargin', 'roe', 'cfoToNetIncome', 'revenueGrowth']) {
    const line = figureLine(a, name, latest, lang);
    if (line) lines.push(line.replace(/ = .*$/, ''));
  }
  lines.push(...scoreLines(a, lang));
  const flags = flagLines(a, null, lang);
  lines.push(flags.length ? `${t(lang, '风险信号', 'Red flags')}${P.colon(lang)}` : t(lang, '风险信号：未触发', 'Red flags: none'), ...flags);
  if (a.loan) lines.push(...loanLines(a, lang));
  lines.push(NEXT[lang]);
  return lines.join('\n');
}

/** The answer to a loan request: the loan view first (DSCR, leverage after the loan, 流贷测算), then the flags. */
export function replyLoanView(a: AnalyzeOutput, lang: Lang): string {
  const l = a.loan;
  if (!l) return replyAnalysis(a, lang);
  const u = units(a);
  const v = (name: string, f: { value: number | null; note: string | null }) => (f.value === null ? describeNote(f.note, lang) : show(name, f.value, u, lang));
  const wc = l.workingCapital;
  const lines = [
    t(lang, `**${a.company} 贷款测算**（${l.period}；申请 ${show('newLoanCapacity', l.request.loanAmount, u, lang)}，${l.request.tenorYears} 年，年利率 ${new Decimal(l.request.rate).mul(100).toFixed(2)}%）：`, `**${a.company} loan view** (${l.period}; request ${show('newLoanCapacity', l.request.loanAmount, u, lang)}, ${l.request.tenorYears} years at ${new Decimal(l.request.rate).mul(100).toFixed(2)}%):`),
    `- ${nameOf('dscr', lang)}${P.colon(lang)}${v('dscr', l.dscr)} = ${formulaText(l.dscr.formula, lang)}`,
    `- ${nameOf('debtToAssetsAfter', lang)}${P.colon(lang)}${v('debtToAssetsAfter', l.debtToAssetsAfter)}`,
    `- ${nameOf('debtToEbitdaAfter', lang)}${P.colon(lang)}${v('debtToEbitdaAfter', l.debtToEbitdaAfter)}`,
    `- ${nameOf('interestCoverageAfter', lang)}${P.colon(lang)}${v('interestCoverageAfter', l.interestCoverageAfter)}`,
    ...(wc.cycleDays ? [`- ${nameOf('cycleDays', lang)}${P.colon(lang)}${v('cycleDays', wc.cycleDays)}`] : []),
    `- ${nameOf('workingCapitalRequired', lang)}${P.colon(lang)}${v('workingCapitalRequired', wc.workingCapitalRequired)}`,
    `- ${nameOf('newLoanCapacity', lang)}${P.colon(lang)}${v('newLoanCapacity', wc.newLoanCapacity)} = ${formulaText(wc.newLoanCapacity.formula, lang)}`,
  ];
  const cap = wc.newLoanCapacity.value;
  if (cap !== null && cap <= 0) lines.push(t(lang, '- 额度 ≤ 0：测算无新增流动资金贷款需求。', '- Capacity ≤ 0: no new working-capital loan is needed.'));
  else if (wc.requestWithinNeed !== null) lines.push(wc.requestWithinNeed ? t(lang, '- 申请金额在测算额度以内。', '- The request is within the need.') : t(lang, '- 申请金额超过测算额度。', '- The request exceeds the need.'));
  const flags = flagLines(a, null, lang);
  if (flags.length) lines.push(`${t(lang, '风险信号', 'Red flags')}${P.colon(lang)}`, ...flags);
  lines.push(t(lang, '接着可以问：“能贷多少”、“DSCR 怎么算的”、“写一份授信审查报告”。', 'Next you could ask: "how much working-capital loan can they take?", "how is the DSCR computed?", "write the memo".'));
  return lines.join('\n');
}

function loanLines(a: AnalyzeOutput, lang: Lang): string[] {
  const l = a.loan;
  if (!l) return [];
  const u = units(a);
  const v = (name: string, x: number | null, note: string | null) => (x === null ? describeNote(note, lang) : show(name, x, u, lang));
  const wc = l.workingCapital;
  const lines = [
    `${t(lang, '贷款测算', 'Loan view')}${P.paren(lang, `${l.period}${P.semi(lang)}${t(lang, '申请', 'request')} ${show('newLoanCapacity', l.request.loanAmount, u, lang)}${P.comma(lang)}${l.request.tenorYears} ${t(lang, '年', 'years')}`)}${P.colon(lang)}`,
    `- ${nameOf('dscr', lang)}${P.colon(lang)}${v('dscr', l.dscr.value, l.dscr.note)} = ${formulaText(l.dscr.formula, lang)}`,
    `- ${nameOf('debtToAssetsAfter', lang)}${P.colon(lang)}${v('debtToAssetsAfter', l.debtToAssetsAfter.value, l.debtToAssetsAfter.note)}`,
    `- ${nameOf('newLoanCapacity', lang)}${P.colon(lang)}${v('newLoanCapacity', wc.newLoanCapacity.value, wc.newLoanCapacity.note)}${wc.requestWithinNeed === null ? '' : wc.requestWithinNeed ? t(lang, '（申请在测算额度内）', ' (request within the need)') : t(lang, '（申请超过测算额度）', ' (request above the need)')}`,
  ];
  return lines;
}

/** A topic answered from the analysis: its figures for the period, with formula or source, and its flags. */
export function replyTopic(a: AnalyzeOutput, topic: Topic, wanted: string | null, lang: Lang): string {
  if (topic === 'overview') return replyAnalysis(a, lang);
  const { period, unknown } = pickPeriod(a.periods, wanted);
  const lines: string[] = [];
  if (unknown) lines.push(t(lang, `报表中没有期间“${unknown}”（可用：${a.periods.join('、')}），以下为最新期。`, `The statements have no period "${unknown}" (available: ${a.periods.join(', ')}); the latest period follows.`));
  lines.push(t(lang, `**${a.company} ${TOPIC_NAME[topic].zh}**（${period}；${a.currency} ${a.unit}）：`, `**${a.company} — ${TOPIC_NAME[topic].en}** (${period}; ${a.currency} ${a.unit}):`));
  if (topic === 'scores') lines.push(...scoreLines(a, lang));
  else if (topic === 'dupont') lines.push(...dupontLines(a, period, lang));
  else for (const name of TOPIC_FIGURES[topic]) {
    const line = figureLine(a, name, period, lang);
    if (line) lines.push(line);
  }
  const flags = flagLines(a, TOPIC_FLAGS[topic] ?? [], lang);
  // Rules run on the latest period: say so when the figures above are of an earlier one.
  const asOf = period === a.periods.at(-1) ? '' : P.paren(lang, t(lang, `按最新期 ${a.periods.at(-1) ?? ''}`, `as of the latest period, ${a.periods.at(-1) ?? ''}`));
  if (flags.length) lines.push(`${t(lang, '相关风险信号', 'Related red flags')}${asOf}${P.colon(lang)}`, ...flags);
  lines.push(t(lang, '接着可以问：“和去年比呢”、“为什么？”、“有什么风险”。', 'Next you could ask: "compare with last year", "why?", "red flags?".'));
  return lines.join('\n');
}

function dupontLines(a: AnalyzeOutput, period: string, lang: Lang): string[] {
  const names = ['roe', 'dupontNetMargin', 'dupontAssetTurnover', 'dupontEquityMultiplier'];
  const lines = names.map((n) => figureLine(a, n, period, lang)).filter((x): x is string => x !== null);
  const get = (n: string) => a.ratios[n]?.find((f) => f.period === period)?.value ?? null;
  const [roe, nm, at, em] = names.map(get);
  if (roe !== null && nm !== null && at !== null && em !== null) {
    const u = units(a);
    lines.unshift(t(lang, `ROE ${show('roe', roe as number, u, lang)} = 销售净利率 ${show('dupontNetMargin', nm as number, u, lang)} × 总资产周转率 ${show('dupontAssetTurnover', at as number, u, lang)} × 权益乘数 ${show('dupontEquityMultiplier', em as number, u, lang)}`, `ROE ${show('roe', roe as number, u, lang)} = net margin ${show('dupontNetMargin', nm as number, u, lang)} × asset turnover ${show('dupontAssetTurnover', at as number, u, lang)} × equity multiplier ${show('dupontEquityMultiplier', em as number, u, lang)}`));
  }
  return lines;
}

/** Rule names as reviewers say them. */
const FLAG_NAME: Record<string, { zh: string; en: string }> = {
  CASH_DEBT_BOTH_HIGH: { zh: '存贷双高', en: 'high cash and high debt' },
  RECEIVABLES_SURGE: { zh: '应收账款激增', en: 'receivables surge' },
  RELATED_PARTY_FUND_OCCUPATION: { zh: '关联方资金占用', en: 'related-party fund occupation' },
  OTHER_RECEIVABLES_HIGH: { zh: '其他应收款偏高', en: 'high other receivables' },
  SHORT_DEBT_LONG_INVEST: { zh: '短贷长投', en: 'short-term debt funding long-term assets' },
  PROFIT_WITHOUT_CASH: { zh: '有利润无现金', en: 'profit without cash' },
  NEGATIVE_EQUITY: { zh: '资不抵债', en: 'negative equity' },
  THREE_RED_LINES: { zh: '三道红线', en: 'three red lines' },
  INVENTORY_BUILDUP: { zh: '存货积压', en: 'inventory build-up' },
};

/** Figures a rule reads: when one is missing for the latest period, the rule could not run. */
const RULE_INPUTS: Record<string, string[]> = {
  CASH_DEBT_BOTH_HIGH: ['totalDebt', 'equityRatio'],
  RECEIVABLES_SURGE: ['receivablesGrowth', 'revenueGrowth'],
  SHORT_DEBT_LONG_INVEST: ['workingCapital', 'totalDebt'],
  PROFIT_WITHOUT_CASH: ['cfoToNetIncome'],
  NEGATIVE_EQUITY: ['equityRatio'],
  THREE_RED_LINES: ['liabilitiesToAssetsExAdvances', 'netGearing', 'cashToShortTermDebt'],
  INVENTORY_BUILDUP: ['inventoryGrowth', 'revenueGrowth'],
};

/** Line items a rule reads directly (looked up among the figures' inputs). */
const RULE_ITEMS: Record<string, string[]> = {
  CASH_DEBT_BOTH_HIGH: ['cash', 'totalAssets'],
  NEGATIVE_EQUITY: ['totalEquity'],
};

/** One rule asked about by name: the flag with its evidence, that it did not fire, or that it could not run. */
function replyOneFlag(a: AnalyzeOutput, code: string, lang: Lang): string {
  const latest = a.periods.at(-1) ?? '';
  const name = FLAG_NAME[code]?.[lang] ?? code;
  const f = a.flags.find((x) => x.code === code);
  const others = a.flags.filter((x) => x.code !== code).map((x) => x.code);
  const rest = others.length ? t(lang, `其他已触发的风险信号：${others.join('、')}（问“有什么风险”看详情）。`, `Other flags raised: ${others.join(', ')} (ask "red flags?" for details).`) : t(lang, '未触发其他风险信号。', 'No other flag was raised.');
  if (!f) {
    const gaps = (RULE_INPUTS[code] ?? []).map((n) => ({ n, f: a.ratios[n]?.at(-1) })).filter((x) => x.f?.value === null && x.f.note?.startsWith('n/a'));
    const items = itemIndex(a);
    const lacking = (RULE_ITEMS[code] ?? []).filter((k) => !items.get(k)?.has(latest));
    if (gaps.length || lacking.length) {
      const why = [
        ...lacking.map((k) => t(lang, `报表未列示${nameOf(k, lang)}`, `the statements lack ${nameOf(k, lang)}`)),
        ...gaps.map((g) => `${nameOf(g.n, lang)}${P.paren(lang, describeNote(g.f?.note ?? null, lang))}`),
      ].join(P.semi(lang));
      return [t(lang, `**${a.company}**（${latest}）无法判断“${name}”（${code}）：${why}。`, `**${a.company}** (${latest}): the "${name}" rule (${code}) cannot be checked: ${why}.`), rest].join('\n');
    }
    return [t(lang, `**${a.company}**（截至 ${latest}）未触发“${name}”（${code}）规则。`, `**${a.company}** (as of ${latest}): the "${name}" rule (${code}) did not fire.`), rest].join('\n');
  }
  const ev = f.evidence.filter((e) => e.value !== null).map((e) => `${nameOf(e.name, lang)} ${e.period} = ${show(e.name, e.value as number, units(a), lang)}`);
  return [
    t(lang, `**${a.company}** 触发“${name}”（${code}，${SEVERITY[f.severity]?.zh ?? f.severity}）：${f.messages.zh}`, `**${a.company}** raises "${name}" (${code}, ${SEVERITY[f.severity]?.en ?? f.severity}): ${f.messages.en}`),
    ...(ev.length ? [`${t(lang, '证据', 'Evidence')}${P.colon(lang)}${ev.join(P.semi(lang))}`] : []),
    rest,
  ].join('\n');
}

export function replyFlags(a: AnalyzeOutput, lang: Lang, code?: string): string {
  if (code) return replyOneFlag(a, code, lang);
  const latest = a.periods.at(-1) ?? '';
  const lines = flagLines(a, null, lang);
  if (!lines.length) {
    return t(
      lang,
      `**${a.company}**（截至 ${latest}）未触发风险信号规则（已检查：存贷双高、应收账款激增、其他应收款/关联方资金占用、短贷长投、有利润无现金、应计比率、资不抵债、资产负债率、流动/速动比率、利息保障倍数、毛利率下滑、存货积压、经营现金流为负、三道红线、Beneish M、Altman 困境区）。规则无法运行的指标见“偿债能力如何”等专题问答。`,
      `**${a.company}** (as of ${latest}): no red-flag rule fired (checked: high cash and high debt, receivables surge, other/related-party receivables, short debt funding long assets, profit without cash, accruals, negative equity, debt to assets, current/quick ratio, interest coverage, gross-margin drop, inventory build-up, negative operating cash flow, three red lines, Beneish M, Altman distress). Figures a rule could not use show under the topic questions ("how leveraged is it").`,
    );
  }
  const head = t(lang, `**${a.company} 风险信号**（截至 ${latest}，共 ${lines.length} 项；严重程度：严重 > 高 > 中 > 低）：`, `**${a.company} red flags** (as of ${latest}, ${lines.length} in all; severity critical > high > medium > low):`);
  const evidence = a.flags.map((f) => {
    const ev = f.evidence.filter((e) => e.value !== null).map((e) => `${nameOf(e.name, lang)} ${e.period} = ${show(e.name, e.value as number, units(a), lang)}`);
    return ev.length ? `  ${t(lang, '证据', 'Evidence')}${P.colon(lang)}${ev.join(P.semi(lang))}` : '';
  });
  const body = lines.flatMap((l, i) => (evidence[i] ? [l, evidence[i] as string] : [l]));
  return [head, ...body, t(lang, '接着可以问：“为什么？”、“写一份授信审查报告”。', 'Next you could ask: "why?", "write the memo".')].join('\n');
}

/** An explained figure, worded for the question's mode. */
export function replyExplain(e: ExplainOutput, q: Question | null, lang: Lang): string {
  const mode = q?.mode ?? 'value';
  const u = units(e);
  const i = e.series.findIndex((p) => p.period === e.period);
  const point = e.series[i];
  const prev = i > 0 ? e.series[i - 1] : undefined;
  const basis = e.kind === 'item'
    ? `${t(lang, '来源', 'Source')}${P.colon(lang)}${e.source ? `${e.source.label}${P.paren(lang, where(e.source, lang))}` : t(lang, '推导值', 'derived')}`
    : `${t(lang, '公式', 'Formula')}${P.colon(lang)}${e.formulaText}`;
  if (e.kind === 'score') {
    if (mode === 'trend' && e.series.length > 1) {
      return [`**${e.label}** ${t(lang, '历年', 'by period')}${P.colon(lang)}`, ...e.series.map((p) => `- ${p.period}${P.colon(lang)}${p.display}`), e.explanation].join('\n');
    }
    return e.explanation;
  }
  if (mode === 'trend') {
    const lines = e.series.map((p) => `- ${p.period}${P.colon(lang)}${p.display}${p.changeDisplay ? t(lang, `（较上期 ${p.changeDisplay}）`, ` (${p.changeDisplay} on the previous period)`) : ''}`);
    return [`**${e.label}** ${t(lang, '历年走势', 'trend')}${P.paren(lang, e.company)}${P.colon(lang)}`, ...lines, `${basis}${P.stop(lang)}`].join('\n');
  }
  if (mode === 'compare' && prev && point) {
    if (point.value !== null && prev.value !== null) {
      const dir = (point.change ?? 0) > 0 ? t(lang, '上升', 'up') : (point.change ?? 0) < 0 ? t(lang, '下降', 'down') : t(lang, '持平', 'flat');
      const growth = e.growth !== null ? P.paren(lang, `${e.growth > 0 ? '+' : ''}${new Decimal(e.growth).mul(100).toFixed(2)}%`) : '';
      return [
        t(lang, `**${e.label}**：${prev.period} ${prev.display} → ${e.period} ${point.display}，变动 ${point.changeDisplay ?? ''}${growth}（${dir}）。`, `**${e.label}**: ${prev.period} ${prev.display} → ${e.period} ${point.display}, change ${point.changeDisplay ?? ''}${growth} (${dir}).`),
        `${basis}${P.stop(lang)}`,
      ].join('\n');
    }
    return [t(lang, `**${e.label}**：${prev.period} ${prev.display}；${e.period} ${point.display}。无法比较。`, `**${e.label}**: ${prev.period} ${prev.display}; ${e.period} ${point.display}. No comparison possible.`), `${basis}${P.stop(lang)}`].join('\n');
  }
  const lines: string[] = [];
  if (e.value === null) {
    lines.push(t(lang, `**${e.label}**（${e.period}）：${e.display}。`, `**${e.label}** (${e.period}): ${e.display}.`));
    if (e.latestAvailable) lines.push(t(lang, `最近可得：${e.latestAvailable.period} ${e.latestAvailable.display}。`, `Latest available: ${e.latestAvailable.period} ${e.latestAvailable.display}.`));
    // A line item the statements do not print has no source to cite; a ratio still has its formula.
    if (e.kind !== 'item') lines.push(`${basis}${P.stop(lang)}`);
    if (mode === 'why') {
      lines.push(
        e.note?.startsWith('not meaningful')
          ? t(lang, '分母为零或为负时比率不给出数值：负数相除会得出误导性的结果（例如权益为负时的 ROE）。', 'A ratio over a zero or negative base is not given: dividing negatives gives a misleading figure (e.g. ROE on negative equity).')
          : t(lang, '报表缺少计算所需的科目；补充这些科目后即可计算。', 'The statements lack the lines the formula needs; with them the figure can be computed.'),
      );
    }
    return lines.join('\n');
  }
  lines.push(t(lang, `**${e.label}**（${e.period}）：${e.display}`, `**${e.label}** (${e.period}): ${e.display}`));
  if (e.caveat) lines.push(`- ${t(lang, '注', 'Note')}${P.colon(lang)}${e.caveat}`);
  lines.push(`- ${basis}`);
  for (const r of e.remarks) lines.push(`- ${r}`);
  if (e.kind !== 'item' && e.inputs.length) {
    const input = (x: ExplainOutput['inputs'][number]) => {
      const [key = x.name, at] = x.name.split('@');
      return `${nameOf(key, lang)}${at ? P.paren(lang, at) : ''} ${show(key, x.value, u, lang)}${x.source ? P.paren(lang, where(x.source, lang)) : ''}`;
    };
    lines.push(`- ${t(lang, '输入', 'Inputs')}${P.colon(lang)}${e.inputs.map(input).join(P.semi(lang))}`);
  }
  if (e.related.length) {
    const withChange = mode === 'why';
    lines.push(`- ${e.related.map((r) => `${r.label} = ${r.display}${withChange && r.changeDisplay ? P.paren(lang, `${t(lang, '较上期', 'on the previous period')} ${r.changeDisplay}`) : ''}`).join(P.semi(lang))}`);
  }
  if (e.warning) {
    const lvl = show(e.name, e.warning.level, u, lang);
    lines.push(`- ${e.warning.breached ? t(lang, `${e.warning.bad === 'below' ? '低于' : '高于'}常用预警水平 ${lvl}`, `${e.warning.bad === 'below' ? 'below' : 'above'} the usual warning level of ${lvl}`) : t(lang, `未触及常用预警水平 ${lvl}`, `within the usual warning level of ${lvl}`)}`);
  }
  if (prev && prev.value !== null && point?.changeDisplay) lines.push(`- ${t(lang, '上期', 'Previous period')} ${prev.period}${P.colon(lang)}${prev.display}${P.paren(lang, `${t(lang, '变动', 'change')} ${point.changeDisplay}`)}`);
  if (mode === 'why') {
    if (e.inputChanges.length && prev) {
      lines.push(t(lang, `变动原因（${prev.period} → ${e.period}）：`, `What moved (${prev.period} → ${e.period}):`));
      for (const c of e.inputChanges) lines.push(`- ${c.label}${P.colon(lang)}${show(c.name, c.from, u, lang)} → ${show(c.name, c.to, u, lang)}${P.paren(lang, showChange(c.name, c.change, u, lang))}`);
    } else if (e.kind === 'item') {
      lines.push(t(lang, '该项为报表列示数，报表本身不含变动原因：请结合附注、经营情况核实；相关比率可问“毛利率为什么变化”等。', 'This is a line item as printed: the statements do not say why it moved — check the notes and operations; ratios built on it can be asked about ("why did the gross margin change?").'));
    } else if (e.kind !== 'loan') lines.push(e.explanation);
  }
  return lines.join('\n');
}

export function replyCompare(c: CompareOutput, lang: Lang): string {
  const u = units(c);
  // A comparison of named ratios (group "all" with a short list) is titled by them.
  const named = c.group === 'all' && c.rows.length <= 3 ? c.rows.map((r) => r.label).join(t(lang, '、', ', ')) : null;
  const group = named ?? TOPIC_NAME[c.group as Topic]?.[lang] ?? (c.group === 'all' ? t(lang, '全部指标', 'all figures') : c.group);
  const lines = [t(lang, `**${c.company}**：${c.from} → ${c.to}（${group}）`, `**${c.company}**: ${c.from} → ${c.to} (${group})`)];
  const word = (r: CompareOutput['rows'][number]) => {
    const dir = r.direction === 'up' ? t(lang, '上升', 'up') : r.direction === 'down' ? t(lang, '下降', 'down') : r.direction === 'flat' ? t(lang, '持平', 'flat') : '';
    const ass = r.assessment === 'better' ? t(lang, '改善', 'better') : r.assessment === 'worse' ? t(lang, '恶化', 'worse') : '';
    return [dir, ass].filter(Boolean).join(t(lang, '，', ', '));
  };
  for (const r of c.rows) {
    const f = r.from === null ? t(lang, '无', 'n/a') : show(r.name, r.from, u, lang);
    const to = r.to === null ? t(lang, '无', 'n/a') : show(r.name, r.to, u, lang);
    const ch = r.change === null ? '' : t(lang, `，变动 ${showChange(r.name, r.change, u, lang)}`, `, change ${showChange(r.name, r.change, u, lang)}`);
    const w = word(r);
    lines.push(`- ${r.label}${P.colon(lang)}${f} → ${to}${ch}${w ? P.paren(lang, w) : ''}${r.note ? `${P.semi(lang)}${r.note}` : ''}`);
  }
  return lines.join('\n');
}

export function replyMemo(m: { markdown: string; citations: number; decision: Decision; path: string }, lang: Lang): string {
  const decided = m.markdown.split('\n').find((l) => /^(决定依据|Decided by)/.test(l));
  const head = t(
    lang,
    `已生成授信审查报告（${m.citations} 处来源附注），审查意见：${DECISION_TEXT[m.decision].zh}。${decided ? `${decided}。` : ''}已保存：${m.path}`,
    `Loan review memo drafted (${m.citations} source notes); opinion: ${DECISION_TEXT[m.decision].en}. ${decided ? `${decided}. ` : ''}Saved to ${m.path}`,
  );
  return `${head}\n\n${m.markdown}`;
}

export function replyFor(tool: string, result: unknown, lang: Lang, q: Question | null = null): string {
  switch (tool) {
    case 'analyze_statements': {
      const a = result as AnalyzeOutput;
      const s = q?.subject;
      if (s?.kind === 'flags') return replyFlags(a, lang, s.code);
      if (s?.kind === 'topic') return replyTopic(a, s.topic, q?.period ?? null, lang);
      return a.loan ? replyLoanView(a, lang) : replyAnalysis(a, lang);
    }
    case 'explain_figure':
      return replyExplain(result as ExplainOutput, q, lang);
    case 'compare_periods':
      return replyCompare(result as CompareOutput, lang);
    case 'write_loan_memo':
      return replyMemo(result as { markdown: string; citations: number; decision: Decision; path: string }, lang);
    default:
      return JSON.stringify(result);
  }
}

export function replyError(error: string, lang: Lang): string {
  return t(lang, `无法完成：${error}`, `Could not complete: ${error}`);
}

export function replyNeedFile(lang: Lang): string {
  return t(
    lang,
    '请先给出报表文件，例如：“分析一下 statements/apple.csv”，或直接说公司名（apple、nvidia、boeing、enron、茅台、康美、恒大）。',
    'Give me a statement file first, e.g. "analyze statements/apple.csv", or name a bundled company (apple, nvidia, boeing, enron, moutai, kangmei, evergrande).',
  );
}

export interface LoanProblem {
  field: 'rate' | 'tenor' | 'amount';
  /** As the user typed it: the rate in percent, the tenor in years. */
  value: number;
}

/** Loan terms outside what a facility can be, worded as a reviewer would write them. */
export function replyLoanTermsProblem(lang: Lang, problems: readonly LoanProblem[]): string {
  const text = problems.map((p) => {
    switch (p.field) {
      case 'rate':
        return t(lang, `利率 ${p.value}%：年利率按百分比填写，应在 0–30% 之间（例如“利率4.35%”）`, `rate ${p.value}%: annual rate in percent, expected 0–30% (e.g. "at 4.35%")`);
      case 'tenor':
        return t(lang, `期限 ${p.value} 年：贷款期限按年填写，应大于 0 且不超过 50 年`, `tenor ${p.value} years: loan tenor in years, expected more than 0 and at most 50`);
      default:
        return t(lang, `金额 ${p.value}：贷款金额应为正数`, `amount ${p.value}: the loan amount must be positive`);
    }
  });
  return `${text.join(t(lang, '；', '; '))}${t(lang, '。', '.')}`;
}

export function replyNeedLoanTerms(lang: Lang, figure: string | null, given: { loanAmount?: number; tenorYears?: number; rate?: number } = {}): string {
  const missing = [
    ...(given.loanAmount === undefined ? [t(lang, '金额', 'amount')] : []),
    ...(given.tenorYears === undefined ? [t(lang, '期限', 'tenor')] : []),
    ...(given.rate === undefined ? [t(lang, '利率', 'rate')] : []),
  ];
  const what = figure ? nameOf(figure, lang) : t(lang, '贷款测算', 'The loan view');
  return t(
    lang,
    `${what}需要贷款金额、期限和利率（缺：${missing.join('、')}），例如：“贷款 5000万 3年 利率4%”。`,
    `${what} needs the loan amount, tenor and rate (missing: ${missing.join(', ')}), e.g. "loan 500 million for 3 years at 4%".`,
  );
}

export function replyHelp(lang: Lang, file: string | null): string {
  const on = file ? t(lang, `（当前文件：${file}）`, ` (current file: ${file})`) : t(lang, '（先加载文件，例如“分析一下 statements/apple.csv”或“分析茅台”）', ' (load a file first, e.g. "analyze statements/apple.csv" or "analyze boeing")');
  return t(
    lang,
    [
      `这个问题我无法从报表回答。可以这样问${on}：`,
      '- 数值：“净利润是多少”、“毛利率是多少”、“利息保障倍数”、“Z值多少”、“有没有财务操纵迹象”',
      '- 专题：“偿债能力如何”、“杠杆怎么样”、“现金流怎么样”、“营运能力怎么样”、“盈利能力”、“成长性”',
      '- 风险：“有什么风险/红旗”',
      '- 追问：“和去年比呢”、“2022年呢”、“为什么？”、“毛利率趋势”',
      '- 贷款：“贷款 5000万 3年 利率4%”、“能贷多少”、“DSCR 多少”、“写一份授信审查报告”',
    ].join('\n'),
    [
      `I can't answer that from the statements. You can ask${on}:`,
      '- a figure: "what is net income", "gross margin?", "what\'s the interest cover", "Z score?", "is there earnings manipulation risk"',
      '- a topic: "how leveraged is it", "liquidity?", "how\'s the cash flow", "DSO, DIO, DPO?", "how profitable is it", "growth?"',
      '- risks: "red flags?"',
      '- follow-ups: "compare with last year", "what about 2022?", "why?", "gross margin trend"',
      '- a loan: "loan 500 million for 3 years at 4%", "how much working-capital loan can they take?", "what\'s the DSCR", "write the memo"',
    ].join('\n'),
  );
}
