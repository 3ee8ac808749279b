/**
 * What a reviewer's message asks, read deterministically (zh/en): a figure, a topic, the red flags,
 * the memo or a loan, with a mode (value, trend, why, comparison) and a period. Follow-ups that name
 * no subject ("和去年比呢", "what about 2022?", "why?") take it from the thread's earlier questions.
 * Pure: no I/O, no figures.
 */
import { figuresIn } from './figure-aliases.js';

export type Topic = 'liquidity' | 'leverage' | 'coverage' | 'solvency' | 'profitability' | 'dupont' | 'efficiency' | 'cashflow' | 'growth' | 'scores' | 'overview';
export type Mode = 'value' | 'trend' | 'why' | 'compare';
/** `code`: one red-flag rule asked about by name ("存贷双高吗", "three red lines?"). */
export type Subject = { kind: 'figure'; name: string } | { kind: 'topic'; topic: Topic } | { kind: 'flags'; code?: string };

export interface Question {
  subject: Subject | null;
  mode: Mode;
  /** A period as the user named it ("2022", "FY2022") or relative ("latest", "latest-1"). */
  period: string | null;
  /** Two explicit periods ("compare 2023 and 2024"), oldest first. */
  periods: string[];
  /** The message only makes sense after an earlier one (no subject of its own, a follow-up cue). */
  followUp: boolean;
}

/** Figures each topic reports, latest period first; the first names decide a multi-figure question. */
export const TOPIC_FIGURES: Record<Exclude<Topic, 'overview' | 'scores' | 'dupont'>, string[]> = {
  liquidity: ['currentRatio', 'quickRatio', 'cashRatio', 'cashToShortTermDebt', 'workingCapital'],
  leverage: ['debtToAssets', 'totalDebt', 'debtToEquity', 'liabilitiesToEquity', 'netGearing', 'debtToEbitda', 'netDebtToEbitda'],
  coverage: ['interestCoverage', 'ebitdaInterestCoverage', 'cfoToDebt'],
  solvency: ['currentRatio', 'quickRatio', 'debtToAssets', 'debtToEquity', 'liabilitiesToEquity', 'interestCoverage', 'cfoToDebt'],
  profitability: ['grossMargin', 'operatingMargin', 'netMargin', 'roa', 'roe'],
  efficiency: ['dso', 'dio', 'dpo', 'cashConversionCycle', 'assetTurnover', 'receivableTurnover', 'inventoryTurnover'],
  cashflow: ['cashFromOperations', 'freeCashFlow', 'cfoToNetIncome', 'cashCollectionRatio', 'cfoToDebt', 'accrualRatio'],
  growth: ['revenueGrowth', 'netIncomeGrowth', 'operatingProfitGrowth', 'totalAssetsGrowth', 'receivablesGrowth', 'revenueCagr'],
};

/** Ordered: the more specific wording first (短期偿债 before 偿债). */
const TOPICS: ReadonlyArray<readonly [RegExp, Topic]> = [
  [/杜邦|du ?pont/i, 'dupont'],
  [/短期偿债|流动性|变现能力|liquidity|\bliquid\b/i, 'liquidity'],
  [/长期偿债|杠杆|资本结构|负债水平|负债情况|负债率?(高|怎么样|如何)|债务负担|债务水平|leverage|leveraged|gearing|indebted|debt (level|load|burden|profile|position)|capital structure|how much debt/i, 'leverage'],
  [/偿债保障|付息能力|coverage ratios?|debt coverage|(cover|pay) (its |their |the )?interest/i, 'coverage'],
  [/偿债能力|偿债|还款能力|还款来源|还得起|solvency|solvent|repay|pay back|debt[- ]paying/i, 'solvency'],
  [/盈利能力|盈利|赚钱|获利|利润(怎么样|如何|情况)|profitab|margins?\b|make money|earnings power/i, 'profitability'],
  [/营运能力|运营效率|营运效率|运营能力|周转|efficien|turnover/i, 'efficiency'],
  [/现金流|现金流量|收现|cash ?flows?|cash generation/i, 'cashflow'],
  [/成长性|成长能力|增长(情况|怎么样|如何)|发展能力|growth|growing|how fast/i, 'growth'],
  [/评分|打分|scores?\b|scoring|ratings?\b/i, 'scores'],
  [/整体|总体|概况|概览|总结|基本情况|大概情况|summary|summari[sz]e|overview|overall|big picture|how is (it|the company|the borrower) doing|financial health/i, 'overview'],
];

/** Red-flag rules by the names reviewers use (§1.10.2). */
const FLAG_NAMES: ReadonlyArray<readonly [RegExp, string]> = [
  [/存贷双高|high cash and high debt|cash[- ]and[- ]debt/i, 'CASH_DEBT_BOTH_HIGH'],
  [/短贷长投|short[- ]term debt (funding|for) long/i, 'SHORT_DEBT_LONG_INVEST'],
  [/资金占用|fund (diversion|occupation)/i, 'RELATED_PARTY_FUND_OCCUPATION'],
  [/三道红线|red lines/i, 'THREE_RED_LINES'],
  [/有利润无现金|利润无现金|profit without cash/i, 'PROFIT_WITHOUT_CASH'],
  [/应收账款激增|应收激增|receivables? surge/i, 'RECEIVABLES_SURGE'],
  [/存货积压|存货堆积|inventory build[- ]?up/i, 'INVENTORY_BUILDUP'],
  [/资不抵债|negative equity|insolvent/i, 'NEGATIVE_EQUITY'],
];

const FLAGS = /风险|红旗|预警|警示|隐患|疑点|异常|red[- ]?flags?|warning signs?|concerns?|risks?\b|risky|worr(y|ies|ying)|anything wrong|problems?\b|issues?\b/i;

const COMPARE =
  /(比|和|跟|与|同)(去年|上年|上一年|上期|前一年)|(去年|上年|上期)(相)?比|同比|环比|相比|对比|比较|变化|增减|变动|compare|comparison|compared|versus|\bvs\.?(?=\s|$)|year[- ]on[- ]year|\byoy\b|against (last|the previous|the prior) year|than (last|the previous|the prior) year|\bchanged?\b|\bchanges\b/i;
const TREND = /趋势|走势|历年|这几年|近几年|各年|历史|trend|over (the )?(years|time|periods)|history|historical|each year|every year|year by year/i;
const WHY = /为什么|为何|原因|怎么回事|怎么会|解释|why|how come|what drives|what's driving|drivers?\b|explain/i;
const FOLLOW = /呢[？?。！!]*$|^那|^还有|^再|what about|how about|^and\b|^then\b/i;

/** Periods named in the text: explicit years (first two, in order) and one relative reference. */
function periodsOf(text: string, compare: boolean): { explicit: string[]; relative: string | null } {
  const explicit: string[] = [];
  for (const m of text.matchAll(/\b(FY\s?\d{4})\b|((?:19|20)\d{2})(?=\D|$)/gi)) {
    const p = (m[1] ?? m[2] ?? '').replace(/\s+/g, '').toUpperCase();
    if (p && !explicit.includes(p)) explicit.push(p);
  }
  let relative: string | null = null;
  if (/前年|two years (ago|before)/i.test(text)) relative = 'latest-2';
  else if (!compare && /去年|上年|上一年|上期|last year|prior year|previous year|year before/i.test(text)) relative = 'latest-1';
  else if (/今年|本期|最新|最近一期|latest|this year|current year|most recent/i.test(text)) relative = 'latest';
  return { explicit: explicit.slice(0, 2), relative };
}

/** The subject of a message on its own (no thread context). */
export function subjectOf(text: string): Subject | null {
  const code = FLAG_NAMES.find(([re]) => re.test(text))?.[1];
  if (code) return { kind: 'flags', code };
  const figures = figuresIn(text);
  const topicHit = TOPICS.find(([re]) => re.test(text))?.[1] ?? null;
  if (topicHit === 'dupont') return { kind: 'topic', topic: 'dupont' };
  if (figures.length >= 2) {
    // "DSO, DIO, DPO?" or "毛利率和净利率": several figures of one topic are that topic.
    const topic = (Object.entries(TOPIC_FIGURES) as Array<[Exclude<Topic, 'overview' | 'scores' | 'dupont'>, string[]]>).find(([, names]) => figures.every((f) => names.includes(f)))?.[0];
    if (topic) return { kind: 'topic', topic };
  }
  const first = figures[0];
  if (first) return { kind: 'figure', name: first };
  if (topicHit) return { kind: 'topic', topic: topicHit };
  if (FLAGS.test(text)) return { kind: 'flags' };
  return null;
}

/** Reads one message. */
export function readQuestion(text: string): Question {
  const compare = COMPARE.test(text);
  const mode: Mode = WHY.test(text) ? 'why' : TREND.test(text) ? 'trend' : compare ? 'compare' : 'value';
  const { explicit, relative } = periodsOf(text, compare);
  const subject = subjectOf(text);
  const period = explicit.length === 1 ? (explicit[0] as string) : relative;
  const cue = mode !== 'value' || period !== null || FOLLOW.test(text.trim());
  // A bare "why?" / "和去年比呢" / "what about 2022?" names no subject: it refers back.
  return { subject, mode, period, periods: explicit.length === 2 ? [...explicit].sort() : [], followUp: subject === null && cue };
}
