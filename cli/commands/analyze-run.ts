/** The heavy part of `finagent analyze`: argument checks worded for reviewers, the run, the summary. */
import { writeFileSync } from 'node:fs';
import { Decimal } from 'decimal.js';
import type { AnalysisResult } from '../../src/analysis/engine/index.js';
import { altmanGap, caveatOf, describeNote, formatFigure } from '../../src/analysis/memo/index.js';
import { nullCell } from '../../src/analysis/memo/figure-format.js';
import { SectorSchema, UnitSchema } from '../../src/analysis/model.js';
import { parseUnit } from '../../src/analysis/input/units.js';
import { UserInputError } from '../../src/runtime/errors.js';
import { cliIdentity, openRuntime, printJson, type GlobalOptions } from '../context.js';

export interface AnalyzeFlags {
  json?: boolean;
  memo?: string;
  sector?: string;
  loanAmount?: string;
  loanUnit?: string;
  tenor?: string;
  rate?: string;
}

/** Upper bound of a plausible annual rate, in percent: anything above is a typo (500 for 5.00). */
export const MAX_RATE_PCT = 30;
export const MAX_TENOR_YEARS = 50;

/** A number as typed on the command line: "4.35", "4.35%", "5,000". */
function numberOf(text: string): number | null {
  const t = text.trim().replace(/,/g, '').replace(/%$/, '');
  if (!/^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(t)) return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
}

export interface AnalyzeArgs {
  lang: 'zh' | 'en';
  sector?: string;
  loanAmount?: number;
  tenorYears?: number;
  /** A fraction for the tool (the flag is in percent). */
  rate?: number;
  loanUnit?: string;
}

/**
 * The command-line options checked and worded the way a reviewer would write them ("--rate 500:
 * annual rate in percent, expected 0–30"), before any file is read. Throws UserInputError (exit 2).
 */
export function analyzeArgs(opts: AnalyzeFlags, langFlag: string | undefined): AnalyzeArgs {
  const problems: string[] = [];
  if (langFlag !== undefined && !['auto', 'zh', 'en'].includes(langFlag)) {
    problems.push(`--lang ${langFlag}: language of messages and the memo, expected auto, zh or en`);
  }
  const out: AnalyzeArgs = { lang: langFlag === 'en' ? 'en' : 'zh' };
  if (opts.sector !== undefined) {
    const s = SectorSchema.safeParse(opts.sector.trim());
    if (s.success) out.sector = s.data;
    else problems.push(`--sector ${opts.sector}: sector (selects the Altman model), expected one of ${SectorSchema.options.join(', ')}`);
  }
  if (opts.loanAmount !== undefined) {
    const n = numberOf(opts.loanAmount);
    if (n === null || n <= 0) problems.push(`--loan-amount ${opts.loanAmount}: loan amount, expected a positive number in the statement unit (or in --loan-unit), e.g. 5000`);
    else out.loanAmount = n;
  }
  if (opts.tenor !== undefined) {
    const n = numberOf(opts.tenor);
    if (n === null || n <= 0 || n > MAX_TENOR_YEARS) problems.push(`--tenor ${opts.tenor}: loan tenor in years, expected more than 0 and at most ${MAX_TENOR_YEARS}, e.g. 3`);
    else out.tenorYears = n;
  }
  if (opts.rate !== undefined) {
    const n = numberOf(opts.rate);
    if (n === null || n < 0 || n > MAX_RATE_PCT) problems.push(`--rate ${opts.rate}: annual rate in percent, expected 0–${MAX_RATE_PCT}, e.g. 4.35 for 4.35%`);
    // The tool takes the rate as a fraction; people type percent. Decimal shift, exact.
    else out.rate = new Decimal(n).div(100).toNumber();
  }
  if (opts.loanUnit !== undefined) {
    const u = parseUnit(opts.loanUnit);
    if (u === undefined) problems.push(`--loan-unit ${opts.loanUnit}: unit of --loan-amount, expected one of ${UnitSchema.options.join(', ')}`);
    else out.loanUnit = u;
    if (opts.loanAmount === undefined) problems.push(`--loan-unit ${opts.loanUnit}: applies to --loan-amount, which is missing`);
  }
  const loanFlags = { '--loan-amount': opts.loanAmount, '--tenor': opts.tenor, '--rate': opts.rate };
  const given = Object.entries(loanFlags).filter(([, v]) => v !== undefined);
  if (given.length > 0 && given.length < 3) {
    const missing = Object.entries(loanFlags).filter(([, v]) => v === undefined).map(([k]) => k);
    problems.push(`${given.map(([k, v]) => `${k} ${v}`).join(' ')}: the loan view needs ${missing.join(' and ')} as well (amount, tenor and rate together)`);
  }
  if (problems.length) throw new UserInputError(problems.join('\n'));
  return out;
}

const SHOWN = ['currentRatio', 'quickRatio', 'debtToAssets', 'debtToEquity', 'liabilitiesToEquity', 'debtToEbitda', 'interestCoverage', 'grossMargin', 'netMargin', 'roe', 'cfoToDebt', 'revenueGrowth'];
const SYMBOL = { z: 'Z', zPrime: 'Z′', zDoublePrime: 'Z″' } as const;

/** The terminal summary: headline ratios per period, the Altman variant and why, flags, loan view. */
export function summary(a: AnalysisResult, lang: 'zh' | 'en'): string {
  const lines = [`${a.company} (${a.currency}, ${a.unit})`];
  const notes: string[] = [];
  for (const name of SHOWN) {
    const figs = a.ratios[name];
    if (!figs) continue;
    const cells = figs.map((f) => {
      const caveat = f.value !== null ? caveatOf(f.note, lang) : null;
      if (caveat && !notes.includes(`${name}: ${caveat}`)) notes.push(`${name}: ${caveat}`);
      // n/a = the statements lack a line; n.m. = not meaningful (a zero or negative base).
      return `${f.period}: ${f.value === null ? nullCell(f.note, 'en') : `${formatFigure(name, f.value)}${caveat ? '*' : ''}`}`;
    });
    lines.push(`  ${name.padEnd(19)} ${cells.join('  ')}`);
  }
  for (const n of notes) lines.push(`  * ${n}`);
  const al = a.scores.altmanZ;
  const last = al.periods.at(-1);
  const sel = last?.[al.selected];
  const sym = SYMBOL[al.selected];
  lines.push(
    `  Altman ${sym} ${last?.period ?? ''}: ${sel?.value == null ? `${lang === 'zh' ? '无法计算：' : 'not computable: '}${altmanGap(sel?.note ?? null, lang)}` : `${sel.value.toFixed(4)} (${sel.zone})`}`,
    `    ${lang === 'zh' ? '选用原因' : 'variant'}: ${al.reasons[lang]}`,
  );
  for (const f of a.flags) lines.push(`  [${f.severity}] ${f.code}: ${lang === 'zh' ? f.messages.zh : f.messages.en}`);
  if (a.loan) {
    const l = a.loan;
    const cap = l.workingCapital.newLoanCapacity;
    const zh = lang === 'zh';
    lines.push(
      `  ${zh ? '贷款测算' : 'loan'} ${l.period}: DSCR ${l.dscr.value === null ? describeNote(l.dscr.note, lang) : `${l.dscr.value.toFixed(2)}×`}; ` +
        `${zh ? '新增流动资金贷款额度' : 'working-capital loan capacity'} ${cap.value === null ? describeNote(cap.note, lang) : `${formatFigure('workingCapital', cap.value)} ${a.currency} ${a.unit}`}`,
    );
  }
  for (const w of a.warnings) lines.push(`  warning: ${w}`);
  return `${lines.join('\n')}\n`;
}

/** The tool's loan-unit message in the command line's words. */
function cliWords(error: string): string {
  return error.replace(/^loanUnit (\S+)/, '--loan-unit $1').replace(/give the loan in/, 'give --loan-amount in');
}


/** The `analyze` action (loaded only when the command runs: `--help` never pays for the analysis code). */
export async function runAnalyze(file: string, opts: AnalyzeFlags, g: GlobalOptions): Promise<number> {
    const { lang, ...rest } = analyzeArgs(opts, g.lang);
    const input = { path: file, lang, ...rest };
    const { rt, user } = await openRuntime(g, ['analyst']);
    try {
      const who = await cliIdentity(rt, user, rt.agent('analyst').defaultUser);
      const res = await rt.runTool({ agent: 'analyst', tool: 'analyze_statements', input, user: who, thread: 'cli-analyze' });
      if (res.error) throw new UserInputError(cliWords(res.error));
      if (opts.memo) {
        const memo = await rt.runTool({ agent: 'analyst', tool: 'write_loan_memo', input, user: who, thread: 'cli-analyze' });
        if (memo.error) throw new UserInputError(cliWords(memo.error));
        const m = memo.result as { markdown: string; decision: string };
        try {
          writeFileSync(opts.memo, m.markdown);
        } catch (e) {
          throw new UserInputError(`--memo ${opts.memo}: cannot write the memo there (${(e as Error).message})`);
        }
        const decided = m.markdown.split('\n').find((l) => /^(决定依据|Decided by)/.test(l));
        process.stderr.write(`memo written to ${opts.memo} (opinion: ${m.decision})${decided ? `\n${decided}` : ''}\n`);
      }
      if (opts.json) printJson(res.result);
      else process.stdout.write(summary(res.result as AnalysisResult, lang));
      return 0;
    } finally {
      await rt.close();
    }
}

