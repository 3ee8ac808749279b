/**
 * Statement analysis latency: a full 3-period analysis (all ratios, Altman/Beneish/Piotroski, red
 * flags, loan view) of Apple FY2022–FY2024, timed per call after a warm-up. Target p50 < 20 ms.
 */
import { existsSync } from 'node:fs';
import { analyze, type EngineStatement } from '../src/analysis/engine/index.js';
import { apple } from '../src/analysis/engine/fixtures/us-companies.js';
import { loadStatements } from '../src/analysis/input/load-statements.js';
import { dataPath } from '../src/runtime/paths.js';
import { summarize, type BenchResult } from './types.js';

const WARMUP = 50;
const SAMPLES = 200;

function time(n: number, fn: () => number): number[] {
  let sink = 0;
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = process.hrtime.bigint();
    sink += fn();
    ms.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  if (sink < 0) throw new Error('unreachable');
  return ms;
}

export async function run(): Promise<BenchResult[]> {
  const opts = { loan: { loanAmount: 10000, tenorYears: 5, rate: 0.045 } };
  time(WARMUP, () => analyze(apple, opts).flags.length);
  const ms = time(SAMPLES, () => analyze(apple, opts).flags.length);
  const { median, p95 } = summarize(ms);
  const round = (x: number) => Math.round(x * 1000) / 1000;
  const out: BenchResult[] = [
    {
      name: 'analysis: full 3-period analyze() (ratios, scores, flags, loan view)',
      median: round(median),
      p95: round(p95),
      unit: 'ms',
      target: '< 20 ms',
      pass: median < 20,
      samples: SAMPLES,
      note: `${Object.keys(analyze(apple).ratios).length} ratios × 3 periods, decimal.js arithmetic`,
    },
  ];
  // The same from the bundled CSV (parse + map + validate + analyse), when the data file exists.
  const csv = dataPath('statements', 'apple.csv');
  if (existsSync(csv)) {
    const once = () => analyze(loadStatements(csv).statement as EngineStatement, opts).flags.length;
    time(WARMUP, once);
    const s2 = summarize(time(SAMPLES, once));
    out.push({
      name: 'analysis: load data/statements/apple.csv + analyze()',
      median: round(s2.median), p95: round(s2.p95), unit: 'ms', target: '< 20 ms', pass: s2.median < 20, samples: SAMPLES,
    });
  }
  return out;
}
