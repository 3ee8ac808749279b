/**
 * The analyst's offline planner. It maps a reviewer's message (zh/en) to one analyst tool call and
 * words the reply from that tool's output only — it never computes a figure. Follow-ups reuse the
 * thread's statement file (and loan terms) from the earlier tool calls in the transcript.
 * Pure and deterministic.
 */
import { Decimal } from 'decimal.js';
import { turnResults, type Lang, type PlannerDecision, type PlannerInput, type TranscriptEntry } from '../../runtime/planner.js';
import { figureNameIn } from './figure-aliases.js';
import { replyError, replyFor, replyHelp, replyNeedFile, replyNeedPeriods } from './replies.js';

const call = (name: string, args: Record<string, unknown>): PlannerDecision => ({ type: 'tools', calls: [{ name, args }] });
const reply = (text: string): PlannerDecision => ({ type: 'reply', text });

const MEMO = /授信审查报告|审查报告|调查报告|授信报告|信贷报告|写.{0,6}报告|\bmemo\b|(?:write|draft).{0,20}report|credit (?:review )?report/i;
const COMPARE = /对比|比较|相比|变化|compare|comparison|versus|\bvs\.?\b/i;
const EXPLAIN = /为什么|为何|怎么|如何|解释|说明|含义|是什么|多少|偏低|偏高|why|explain|what(?:'s| is| are)|how|mean/i;
const ANALYZE = /分析|看看|看一下|审查|analy[sz]e|analysis|review|look at|load/i;
const LOAN = /贷款|借款|授信额度|融资|\bloan\b|borrow|facility/i;
const PATH = /[^\s"'“”‘’，。,；;：:（）()<>]+\.(?:csv|tsv|json)\b/iu;

type AssistantEntry = Extract<TranscriptEntry, { role: 'assistant' }>;
type Call = AssistantEntry['toolCalls'][number];

function earlierCalls(input: PlannerInput): Call[] {
  return input.transcript.filter((e): e is AssistantEntry => e.role === 'assistant').flatMap((e) => e.toolCalls);
}

/** The statement file of the thread: the last path used by an earlier tool call. */
export function threadFile(input: PlannerInput): string | null {
  const calls = earlierCalls(input);
  for (let i = calls.length - 1; i >= 0; i--) {
    const p = calls[i]?.args.path;
    if (typeof p === 'string' && p) return p;
  }
  return null;
}

interface LoanTerms {
  loanAmount?: number;
  tenorYears?: number;
  rate?: number;
  loanUnit?: string;
}

/** Loan terms used earlier in the thread for the same file (so "write the memo" keeps them). */
function threadLoan(input: PlannerInput, path: string): LoanTerms | null {
  const calls = earlierCalls(input);
  for (let i = calls.length - 1; i >= 0; i--) {
    const a = calls[i]?.args;
    if (a?.path === path && typeof a.loanAmount === 'number') {
      const out: LoanTerms = { loanAmount: a.loanAmount };
      if (typeof a.tenorYears === 'number') out.tenorYears = a.tenorYears;
      if (typeof a.rate === 'number') out.rate = a.rate;
      if (typeof a.loanUnit === 'string') out.loanUnit = a.loanUnit;
      return out;
    }
  }
  return null;
}

const UNIT_WORDS: ReadonlyArray<readonly [RegExp, string]> = [
  [/^(亿元|亿)$/, '亿元'],
  [/^(万元|万)$/, '万元'],
  [/^千元$/, '千元'],
  [/^百万元$/, '百万元'],
  [/^(millions?|mn|m)$/i, 'millions'],
  [/^(billions?|bn|b)$/i, 'billions'],
  [/^(thousands?|k)$/i, 'thousands'],
];

/** "贷款 5000万 3年 利率4%", "loan 500 million for 3 years at 4.5%". Parsing only: 4% → 0.04 by a decimal shift. */
export function parseLoan(text: string): LoanTerms | null {
  if (!LOAN.test(text)) return null;
  const out: LoanTerms = {};
  const rate = /(\d+(?:\.\d+)?)\s*%/.exec(text);
  if (rate?.[1]) out.rate = new Decimal(rate[1]).div(100).toNumber();
  const tenor = /(\d+(?:\.\d+)?)\s*(?:年期|年|个?年度?|years?|yrs?|y\b)/i.exec(text.replace(/(19|20)\d{2}\s*年/g, ' '));
  if (tenor?.[1] && Number(tenor[1]) <= 50) out.tenorYears = Number(tenor[1]);
  // The amount: the first number that is not the rate or the tenor, with its unit word if any.
  const cleaned = text
    .replace(/(\d+(?:\.\d+)?)\s*%/g, ' ')
    .replace(/(\d+(?:\.\d+)?)\s*(?:年期|年|years?|yrs?|y\b)/gi, ' ')
    .replace(/[A-Za-z_]*\d*[./\\][^\s]*\.(?:csv|tsv|json)/gi, ' ');
  const amt = /\$?\s*(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(亿元|亿|万元|万|千元|百万元|millions?|mn|billions?|bn|thousands?|k|m|b)?(?![A-Za-z])/i.exec(cleaned);
  if (amt?.[1]) {
    out.loanAmount = Number(amt[1].replace(/,/g, ''));
    const unit = amt[2] ? UNIT_WORDS.find(([re]) => re.test(amt[2] as string))?.[1] : undefined;
    if (unit) out.loanUnit = unit;
  }
  return Object.keys(out).length ? out : null;
}

/** Period names in the message: FY2024, 2024, 2024年 (first two distinct). */
function periodsIn(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/\b(FY\s?\d{4})\b|((?:19|20)\d{2})(?=\D|$)/gi)) {
    const p = (m[1] ?? m[2] ?? '').replace(/\s+/g, '').toUpperCase();
    if (p && !out.includes(p)) out.push(p);
  }
  return out.slice(0, 2);
}

/** The last two periods known from an earlier analysis in the thread (for "compare" without years). */
function knownPeriods(input: PlannerInput): string[] {
  for (let i = input.transcript.length - 1; i >= 0; i--) {
    const e = input.transcript[i];
    if (e?.role !== 'tool' || !e.ok) continue;
    const r = e.result as { periods?: unknown } | undefined;
    if (Array.isArray(r?.periods) && r.periods.every((p) => typeof p === 'string')) return (r.periods as string[]).slice(-2);
  }
  return [];
}

function groupIn(text: string): string {
  if (/长期偿债|杠杆|资本结构|负债水平|leverage|gearing|solvency|debt/i.test(text)) return 'leverage';
  if (/短期偿债|偿债能力|流动性|liquidity|current ratio|流动比率/i.test(text)) return 'liquidity';
  if (/盈利|利润率|杜邦|profitab|margin|\broe\b|dupont/i.test(text)) return 'profitability';
  if (/营运能力|周转|efficien|turnover|working capital cycle/i.test(text)) return 'efficiency';
  if (/现金流|cash ?flow/i.test(text)) return 'cashflow';
  return 'all';
}

function withLang<T extends Record<string, unknown>>(args: T, lang: Lang): T & { lang: Lang } {
  return { ...args, lang };
}

export function analystPlanner(input: PlannerInput): PlannerDecision {
  const lang = input.lang;
  const results = turnResults(input);
  const last = results.at(-1);
  if (last) return reply(last.ok ? replyFor(last.name, last.result, lang) : replyError(last.error ?? '', lang));

  const text = input.userText.trim();
  const named = PATH.exec(text)?.[0];
  const path = named ?? threadFile(input);
  const loan = parseLoan(text);
  const wantsMemo = MEMO.test(text);
  const wantsCompare = !wantsMemo && COMPARE.test(text);
  const figure = figureNameIn(text);
  const wantsExplain = !wantsMemo && !wantsCompare && figure !== null && (EXPLAIN.test(text) || !ANALYZE.test(text));
  const wantsAnalyze = ANALYZE.test(text) || named !== undefined || loan !== null;
  if (!wantsMemo && !wantsCompare && !wantsExplain && !wantsAnalyze) return reply(replyHelp(lang, path));
  if (!path) return reply(replyNeedFile(lang));

  if (wantsMemo) {
    const terms = loan ?? threadLoan(input, path) ?? {};
    return call('write_loan_memo', withLang({ path, ...terms }, lang));
  }
  if (wantsCompare) {
    let periods = periodsIn(text);
    if (periods.length < 2) periods = knownPeriods(input);
    if (periods.length < 2) return reply(replyNeedPeriods(lang));
    const [from, to] = [...periods].sort() as [string, string];
    return call('compare_periods', withLang({ path, from, to, group: groupIn(text) }, lang));
  }
  if (wantsExplain && figure) {
    const period = periodsIn(text)[0];
    return call('explain_figure', withLang({ path, name: figure, ...(period ? { period } : {}) }, lang));
  }
  return call('analyze_statements', withLang({ path, ...(loan ?? {}) }, lang));
}
