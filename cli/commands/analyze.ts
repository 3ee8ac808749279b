import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { UserInputError } from '../../src/runtime/errors.js';
import { cliIdentity, globals, openRuntime, printJson } from '../context.js';
import { EXIT_USAGE, run } from '../exit.js';

interface AnalyzeFlags {
  json?: boolean;
  memo?: string;
  sector?: string;
  loanAmount?: string;
  loanUnit?: string;
  tenor?: string;
  rate?: string;
}

interface Figure {
  period: string;
  value: number | null;
  note?: string | null;
}

interface Analysis {
  company: string;
  currency: string;
  unit: string;
  periods: string[] | Array<{ label: string }>;
  ratios: Record<string, Figure[]>;
  flags: Array<{ code: string; severity: string; message: string }>;
  warnings: string[];
}

function num(name: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) throw new UserInputError(`--${name} must be a non-negative number, not "${v}"`);
  return n;
}

const SHOWN = ['currentRatio', 'quickRatio', 'debtToAssets', 'debtToEbitda', 'interestCoverage', 'grossMargin', 'netMargin', 'roe', 'cfoToDebt', 'revenueGrowth'];

function summary(a: Analysis): string {
  const lines = [`${a.company} (${a.currency}, ${a.unit})`];
  for (const name of SHOWN) {
    const figs = a.ratios[name];
    if (!figs) continue;
    lines.push(`  ${name.padEnd(17)} ${figs.map((f) => `${f.period}: ${f.value === null ? 'n/m' : f.value.toFixed(4)}`).join('  ')}`);
  }
  for (const f of a.flags) lines.push(`  [${f.severity}] ${f.code}: ${f.message}`);
  for (const w of a.warnings) lines.push(`  warning: ${w}`);
  return `${lines.join('\n')}\n`;
}

export function register(program: Command): void {
  program
    .command('analyze')
    .description("analyse a borrower's statements (CSV with CAS or US GAAP labels, canonical JSON, SEC companyfacts)")
    .argument('<file>', 'statement file')
    .option('--json', 'print the full analysis as JSON')
    .option('--memo <file>', 'write a loan-review memo (Markdown) citing every figure')
    .option('--sector <sector>', 'sector override (selects the Altman model)')
    .option('--loan-amount <n>', "proposed loan amount, in the statement's unit unless --loan-unit is given")
    .option('--loan-unit <unit>', 'unit of --loan-amount: 元, 万元, 亿元, units, thousands, millions …')
    .option('--tenor <years>', 'loan tenor in years')
    .option('--rate <pct>', 'loan interest rate in percent, e.g. 4.35')
    .action((file: string, opts: AnalyzeFlags, cmd: Command) =>
      run(async () => {
        // The global --lang (auto | zh | en) picks the memo and message language; auto means Chinese here.
        const g = globals(cmd);
        if (g.lang && !['auto', 'zh', 'en'].includes(g.lang)) {
          process.stderr.write(`finagent: --lang must be auto, zh or en, not "${g.lang}"\n`);
          return EXIT_USAGE;
        }
        const lang = g.lang === 'en' ? 'en' : 'zh';
        const input = {
          path: file,
          lang,
          ...(opts.sector ? { sector: opts.sector } : {}),
          ...(opts.loanAmount ? { loanAmount: num('loan-amount', opts.loanAmount) } : {}),
          ...(opts.tenor ? { tenorYears: num('tenor', opts.tenor) } : {}),
          ...(opts.loanUnit ? { loanUnit: opts.loanUnit } : {}),
          // The tool takes the rate as a fraction; people type percent.
          ...(opts.rate ? { rate: (num('rate', opts.rate) ?? 0) / 100 } : {}),
        };
        const { rt, user } = await openRuntime(g, ['analyst']);
        try {
          const who = await cliIdentity(rt, user, rt.agent('analyst').defaultUser);
          const res = await rt.runTool({ agent: 'analyst', tool: 'analyze_statements', input, user: who, thread: 'cli-analyze' });
          if (res.error) {
            process.stderr.write(`finagent: ${res.error}\n`);
            return EXIT_USAGE;
          }
          if (opts.memo) {
            const memo = await rt.runTool({ agent: 'analyst', tool: 'write_loan_memo', input, user: who, thread: 'cli-analyze' });
            if (memo.error) {
              process.stderr.write(`finagent: ${memo.error}\n`);
              return EXIT_USAGE;
            }
            writeFileSync(opts.memo, (memo.result as { markdown: string }).markdown);
            process.stderr.write(`memo written to ${opts.memo}\n`);
          }
          if (opts.json) printJson(res.result);
          else process.stdout.write(summary(res.result as Analysis));
          return 0;
        } finally {
          await rt.close();
        }
      }),
    );
}
