/**
 * Replies worded from tool output only. Figures are the tools' values, formatted for display
 * (rounded, percent for fractions) — never derived here.
 */
import { DECISION_TEXT, describeNote, formatFigure, labelOf, type Decision } from '../../analysis/memo/index.js';
import type { Lang } from '../../runtime/planner.js';
import type { AnalyzeOutput } from './analyze-tool.js';
import type { CompareOutput } from './compare-periods.js';
import type { ExplainOutput } from './explain-figure.js';

const t = (lang: Lang, zh: string, en: string) => (lang === 'zh' ? zh : en);

const SUMMARY_RATIOS = ['currentRatio', 'quickRatio', 'debtToAssets', 'debtToEquity', 'interestCoverage', 'grossMargin', 'netMargin', 'roe', 'cfoToNetIncome', 'revenueGrowth'];
const ZONE: Record<string, { zh: string; en: string }> = { safe: { zh: '安全区', en: 'safe' }, grey: { zh: '灰色区', en: 'grey' }, distress: { zh: '困境区', en: 'distress' } };

function shortNull(note: string | null, lang: Lang): string {
  return describeNote(note, lang);
}

export function replyAnalysis(a: AnalyzeOutput, lang: Lang): string {
  const latest = a.periods.at(-1) ?? '';
  const lines: string[] = [];
  lines.push(t(lang, `**${a.company}**（${a.periods.join('、')}；${a.currency} ${a.unit}），最新期 ${latest}：`, `**${a.company}** (${a.periods.join(', ')}; ${a.currency} ${a.unit}), latest period ${latest}:`));
  for (const name of SUMMARY_RATIOS) {
    const f = a.ratios[name]?.at(-1);
    if (!f) continue;
    lines.push(`- ${labelOf(name, lang)}：${f.value === null ? shortNull(f.note, lang) : formatFigure(name, f.value)}`);
  }
  const al = a.scores.altmanZ;
  const alp = al.periods.at(-1);
  const sel = alp?.[al.selected];
  const sym = { z: 'Z', zPrime: 'Z′', zDoublePrime: 'Z″' }[al.selected];
  const be = a.scores.beneishM.periods.at(-1);
  const pf = a.scores.piotroskiF.periods.at(-1);
  const scoreParts = [
    `Altman ${sym} ${sel?.value == null ? t(lang, '无法计算', 'n/a') : `${sel.value.toFixed(4)}（${ZONE[sel.zone ?? '']?.[lang] ?? ''}）`}`,
    `Beneish M ${be?.value == null ? t(lang, '无法计算', 'n/a') : `${be.value.toFixed(4)}（${be.classification}）`}`,
    `Piotroski F ${pf?.value == null ? t(lang, '不完整', 'incomplete') : pf.value}`,
  ];
  lines.push(`- ${t(lang, '评分', 'Scores')}：${scoreParts.join('；')}`);
  if (a.flags.length) {
    lines.push(`- ${t(lang, '风险信号', 'Red flags')}：`);
    for (const f of a.flags) lines.push(`  - ${f.code}（${f.severity}）：${lang === 'zh' ? f.messages.zh : f.messages.en}`);
  } else lines.push(`- ${t(lang, '风险信号：无', 'Red flags: none')}`);
  if (a.loan) {
    const l = a.loan;
    const v = (x: number | null, fmt: (n: number) => string, note: string | null) => (x === null ? shortNull(note, lang) : fmt(x));
    lines.push(
      `- ${t(lang, '贷款测算', 'Loan view')}（${l.period}）：DSCR ${v(l.dscr.value, (n) => `${n.toFixed(2)}×`, l.dscr.note)}；${t(lang, '贷后资产负债率', 'debt to assets after the loan')} ${v(l.debtToAssetsAfter.value, (n) => formatFigure('debtToAssets', n), l.debtToAssetsAfter.note)}；${t(lang, '新增流动资金贷款额度', 'working-capital loan capacity')} ${v(l.workingCapital.newLoanCapacity.value, (n) => formatFigure('workingCapital', n), l.workingCapital.newLoanCapacity.note)}`,
    );
  }
  lines.push(t(lang, '可继续问：“为什么Z值偏低？”、“对比两年的偿债能力”、“写一份授信审查报告”。', 'Ask next: "why is the Z-score low?", "compare the two years\' liquidity", "write the memo".'));
  return lines.join('\n');
}

export function replyExplain(e: ExplainOutput): string {
  return e.explanation;
}

export function replyCompare(c: CompareOutput, lang: Lang): string {
  const lines = [t(lang, `${c.company}：${c.from} → ${c.to}（${c.group}）`, `${c.company}: ${c.from} → ${c.to} (${c.group})`)];
  const word = (r: CompareOutput['rows'][number]) => {
    const dir = r.direction === 'up' ? t(lang, '上升', 'up') : r.direction === 'down' ? t(lang, '下降', 'down') : r.direction === 'flat' ? t(lang, '持平', 'flat') : '';
    const ass = r.assessment === 'better' ? t(lang, '改善', 'better') : r.assessment === 'worse' ? t(lang, '恶化', 'worse') : '';
    return [dir, ass].filter(Boolean).join(t(lang, '，', ', '));
  };
  for (const r of c.rows) {
    const f = r.from === null ? t(lang, '无', 'n/a') : formatFigure(r.name, r.from);
    const to = r.to === null ? t(lang, '无', 'n/a') : formatFigure(r.name, r.to);
    const ch = r.change === null ? '' : `，${t(lang, '变动', 'change')} ${formatFigure(r.name, r.change)}`;
    const w = word(r);
    lines.push(`- ${r.label}：${f} → ${to}${ch}${w ? `（${w}）` : ''}${r.note ? `；${r.note}` : ''}`);
  }
  return lines.join('\n');
}

export function replyMemo(m: { markdown: string; citations: number; decision: Decision; path: string }, lang: Lang): string {
  const head = t(
    lang,
    `已生成授信审查报告（${m.citations} 处来源附注），审查意见：${DECISION_TEXT[m.decision].zh}。已保存：${m.path}`,
    `Loan review memo drafted (${m.citations} source notes); opinion: ${DECISION_TEXT[m.decision].en}. Saved to ${m.path}`,
  );
  return `${head}\n\n${m.markdown}`;
}

export function replyFor(tool: string, result: unknown, lang: Lang): string {
  switch (tool) {
    case 'analyze_statements':
      return replyAnalysis(result as AnalyzeOutput, lang);
    case 'explain_figure':
      return replyExplain(result as ExplainOutput);
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
  return t(lang, '请先给出报表文件，例如：分析一下 statements/apple.csv', 'Give me a statement file first, e.g. "analyze statements/apple.csv".');
}

export function replyNeedPeriods(lang: Lang): string {
  return t(lang, '请说明要对比的两个期间，例如：对比2023和2024年的偿债能力', 'Name the two periods to compare, e.g. "compare FY2023 and FY2024 liquidity".');
}

export function replyHelp(lang: Lang, file: string | null): string {
  const on = file ? t(lang, `（当前文件：${file}）`, ` (current file: ${file})`) : '';
  return t(
    lang,
    `我可以：分析报表（“分析一下 statements/apple.csv”）、解释指标（“为什么Z值偏低？”）、对比期间（“对比2023和2024年的偿债能力”）、贷款测算（“贷款 5000万 3年 利率4%”）、写授信审查报告（“写一份授信审查报告”）${on}。`,
    `I can analyse statements ("analyze statements/apple.csv"), explain a figure ("why is the Z-score low?"), compare periods ("compare FY2023 and FY2024 liquidity"), assess a loan ("loan 500 million 3 years 4%") and write the review memo ("write the memo")${on}.`,
  );
}
