/**
 * The analyst's offline planner. It reads a reviewer's message (zh/en: intent.ts), makes one analyst
 * tool call, and words the reply from that tool's output only — it never computes a figure.
 * Follow-ups reuse the thread's statement file, loan terms and subject (the figure or topic of the
 * last question that had one). Pure and deterministic.
 */
import { Decimal } from 'decimal.js';
import { turnResults, type Lang, type PlannerDecision, type PlannerInput, type TranscriptEntry } from '../../runtime/planner.js';
import { readQuestion, type Question, type Subject, type Topic } from './intent.js';
import { replyError, replyFor, replyHelp, replyLoanTermsProblem, replyNeedFile, replyNeedLoanTerms, type LoanProblem } from './replies.js';

const call = (name: string, args: Record<string, unknown>): PlannerDecision => ({ type: 'tools', calls: [{ name, args }] });
const reply = (text: string): PlannerDecision => ({ type: 'reply', text });

const MEMO = /授信审查报告|审查报告|调查报告|授信报告|信贷报告|写.{0,6}报告|\bmemo\b|(?:write|draft).{0,20}report|credit (?:review )?report/i;
const ANALYZE = /分析|看看|看一下|审查|加载|打开|读取|analy[sz]e|analysis|review|look at|load|open/i;
const LOAN = /贷款|借款|授信额度|融资|\bloan\b|borrow|facility/i;
const PATH = /[^\s"'“”‘’，。,；;：:（）()<>]+\.(?:csv|tsv|json)\b/iu;

/** Bundled statement files by the names people use for the companies. */
const BUNDLED: ReadonlyArray<readonly [RegExp, string]> = [
  [/\bapple\b|苹果公司|苹果/i, 'statements/apple.csv'],
  [/\bnvidia\b|英伟达/i, 'statements/nvidia.json'],
  [/\bboeing\b|波音/i, 'statements/boeing.csv'],
  [/\benron\b|安然/i, 'statements/enron.csv'],
  [/\bevergrande\b|恒大/i, 'statements/evergrande.csv'],
  [/\bkangmei\b|康美/i, 'statements/kangmei.csv'],
  [/\bmoutai\b|茅台/i, 'statements/moutai-2024.csv'],
];

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

/** Loan terms used earlier in the thread for the same file (so "write the memo" keeps them); a call that failed does not count. */
function threadLoan(input: PlannerInput, path: string): LoanTerms | null {
  const failed = new Set(input.transcript.filter((e) => e.role === 'tool' && !e.ok).map((e) => (e as Extract<TranscriptEntry, { role: 'tool' }>).toolCallId));
  const calls = earlierCalls(input);
  for (let i = calls.length - 1; i >= 0; i--) {
    const a = calls[i]?.args;
    if (a?.path === path && typeof a.loanAmount === 'number' && !failed.has(calls[i]?.id ?? '')) {
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
  // "百万" alone is "millions" of whatever currency the statements are in (500 百万 on USD statements).
  [/^百万$/, 'millions'],
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
  if (tenor?.[1]) out.tenorYears = Number(tenor[1]);
  // The amount: the first number that is not the rate or the tenor, with its unit word if any.
  const cleaned = text
    .replace(/(\d+(?:\.\d+)?)\s*%/g, ' ')
    .replace(/(\d+(?:\.\d+)?)\s*(?:年期|年|years?|yrs?|y\b)/gi, ' ')
    .replace(/[A-Za-z_]*\d*[./\\][^\s]*\.(?:csv|tsv|json)/gi, ' ');
  const amt = /\$?\s*(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(亿元|亿|万元|万|千元|百万元|百万|millions?|mn|billions?|bn|thousands?|k|m|b)?(?![A-Za-z])/i.exec(cleaned);
  if (amt?.[1]) {
    out.loanAmount = Number(amt[1].replace(/,/g, ''));
    const unit = amt[2] ? UNIT_WORDS.find(([re]) => re.test(amt[2] as string))?.[1] : undefined;
    if (unit) out.loanUnit = unit;
  }
  return Object.keys(out).length ? out : null;
}

/** Loan terms as typed, checked the way a reviewer would before any tool runs. */
function loanProblems(t: LoanTerms): LoanProblem[] {
  const out: LoanProblem[] = [];
  if (t.rate !== undefined && (t.rate < 0 || t.rate > 0.3)) out.push({ field: 'rate', value: new Decimal(t.rate).mul(100).toNumber() });
  if (t.tenorYears !== undefined && (t.tenorYears <= 0 || t.tenorYears > 50)) out.push({ field: 'tenor', value: t.tenorYears });
  if (t.loanAmount !== undefined && t.loanAmount <= 0) out.push({ field: 'amount', value: t.loanAmount });
  return out;
}

/** The last two periods known from an earlier analysis in the thread (for "compare" without years). */
function knownPeriods(input: PlannerInput): string[] {
  for (let i = input.transcript.length - 1; i >= 0; i--) {
    const e = input.transcript[i];
    if (e?.role !== 'tool' || !e.ok) continue;
    const r = e.result as { periods?: unknown; series?: unknown } | undefined;
    if (Array.isArray(r?.periods) && r.periods.every((p) => typeof p === 'string')) return r.periods as string[];
    if (Array.isArray(r?.series)) return (r.series as Array<{ period?: unknown }>).map((p) => String(p.period ?? ''));
  }
  return [];
}

/** User messages before the current one, newest first. */
function earlierQuestions(input: PlannerInput): string[] {
  const users = input.transcript.filter((e): e is Extract<TranscriptEntry, { role: 'user' }> => e.role === 'user').map((e) => e.text);
  return users.slice(0, -1).reverse();
}

/** The question with a follow-up's missing subject (and period) taken from the thread. */
export function resolveQuestion(input: PlannerInput): Question {
  const q = readQuestion(input.userText.trim());
  if (!q.followUp) return q;
  for (const text of earlierQuestions(input)) {
    const prev = readQuestion(text);
    if (prev.subject) return { ...q, subject: prev.subject, period: q.period ?? (q.mode === 'value' ? prev.period : null) };
  }
  return q;
}

const COMPARE_GROUP: Partial<Record<Topic, string>> = {
  liquidity: 'liquidity', leverage: 'leverage', coverage: 'coverage', solvency: 'solvency', profitability: 'profitability',
  dupont: 'profitability', efficiency: 'efficiency', cashflow: 'cashflow', growth: 'growth', overview: 'all',
};
const LOAN_NEEDS_TERMS = new Set(['dscr', 'debtToAssetsAfter', 'debtToEbitdaAfter', 'interestCoverageAfter']);

function withLang<T extends Record<string, unknown>>(args: T, lang: Lang): T & { lang: Lang } {
  return { ...args, lang };
}

function complete(t: LoanTerms | null): t is Required<Pick<LoanTerms, 'loanAmount' | 'tenorYears' | 'rate'>> & LoanTerms {
  return t !== null && t.loanAmount !== undefined && t.tenorYears !== undefined && t.rate !== undefined;
}

/** The tool call that answers a subject. */
function callFor(subject: Subject, q: Question, path: string, terms: LoanTerms | null, input: PlannerInput, lang: Lang): PlannerDecision {
  const loanArgs = complete(terms) ? terms : {};
  if (subject.kind === 'figure') {
    if (LOAN_NEEDS_TERMS.has(subject.name) && !complete(terms)) return reply(replyNeedLoanTerms(lang, subject.name));
    // Two explicit periods of a ratio: the compare tool gives the exact change between them.
    if (q.periods.length === 2 && !['altmanZ', 'beneishM', 'piotroskiF'].includes(subject.name)) {
      const [from, to] = q.periods as [string, string];
      return call('compare_periods', withLang({ path, from, to, names: [subject.name] }, lang));
    }
    const period = q.periods.length === 2 ? q.periods[1] : q.period;
    return call('explain_figure', withLang({ path, name: subject.name, ...(period ? { period } : {}), ...loanArgs }, lang));
  }
  if (subject.kind === 'topic' && q.mode === 'compare') {
    const group = COMPARE_GROUP[subject.topic];
    if (group) {
      const known = knownPeriods(input);
      const [from, to] = q.periods.length === 2 ? (q.periods as [string, string]) : known.length >= 2 ? [known.at(-2) as string, known.at(-1) as string] : ['latest-1', 'latest'];
      return call('compare_periods', withLang({ path, from, to, group }, lang));
    }
  }
  return call('analyze_statements', withLang({ path, ...loanArgs }, lang));
}

export function analystPlanner(input: PlannerInput): PlannerDecision {
  const lang = input.lang;
  const text = input.userText.trim();
  const results = turnResults(input);
  const last = results.at(-1);
  if (last) return reply(last.ok ? replyFor(last.name, last.result, lang, resolveQuestion(input)) : replyError(last.error ?? '', lang));

  const named = PATH.exec(text)?.[0] ?? BUNDLED.find(([re]) => re.test(text))?.[1];
  const path = named ?? threadFile(input);
  const loan = parseLoan(text);
  const q = resolveQuestion(input);
  const wantsMemo = MEMO.test(text);
  const wantsAnalyze = ANALYZE.test(text) || named !== undefined;
  if (!wantsMemo && !q.subject && !loan && !wantsAnalyze) return reply(replyHelp(lang, path));
  if (!path) return reply(replyNeedFile(lang));

  if (loan) {
    const problems = loanProblems(loan);
    if (problems.length) return reply(replyLoanTermsProblem(lang, problems));
  }
  if (wantsMemo) {
    const terms = loan ?? threadLoan(input, path) ?? {};
    return call('write_loan_memo', withLang({ path, ...terms }, lang));
  }
  if (loan && !complete(loan) && loan.loanAmount !== undefined) return reply(replyNeedLoanTerms(lang, null, loan));
  const terms = complete(loan) ? loan : threadLoan(input, path);
  if (q.subject) return callFor(q.subject, q, path, terms, input, lang);
  if (q.periods.length === 2) {
    const [from, to] = q.periods as [string, string];
    return call('compare_periods', withLang({ path, from, to, group: 'all' }, lang));
  }
  return call('analyze_statements', withLang({ path, ...(complete(loan) ? loan : {}) }, lang));
}
