import type { Command } from 'commander';
import { globals } from '../context.js';
import { run } from '../exit.js';

// Bounds repeated here so `--help` does not load the analysis engine (checked in analyze-run.ts).
const MAX_RATE_PCT = 30;
const MAX_TENOR_YEARS = 50;

export function register(program: Command): void {
  program
    .command('analyze')
    .description("analyse a borrower's statements (CSV with CAS or US GAAP labels, canonical JSON, SEC companyfacts)")
    .argument('<file>', 'statement file')
    .option('--json', 'print the full analysis as JSON')
    .option('--memo <file>', 'write a loan-review memo (Markdown) citing every figure')
    .option('--sector <sector>', 'sector override (selects the Altman model): manufacturing, non_manufacturing, emerging_market, services, technology, retail, real_estate, utilities, financial, other')
    .option('--loan-amount <n>', "proposed loan amount, in the statement's unit unless --loan-unit is given")
    .option('--loan-unit <unit>', 'unit of --loan-amount: 元, 万元, 亿元, units, thousands, millions …')
    .option('--tenor <years>', `loan tenor in years (0–${MAX_TENOR_YEARS})`)
    .option('--rate <pct>', `annual loan rate in percent (0–${MAX_RATE_PCT}), e.g. 4.35`)
    .action((file: string, opts: Record<string, string | boolean | undefined>, cmd: Command) =>
      run(async () => {
        const { runAnalyze } = await import('./analyze-run.js');
        return runAnalyze(file, opts, globals(cmd));
      }),
    );
}
