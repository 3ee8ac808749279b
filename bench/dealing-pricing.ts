/**
 * Pricing-library throughput: CFETS yield→price and price→yield on a 10Y semiannual CGB (the
 * compound formula, the slowest case), each op including the coupon-period setup for its
 * settlement date. Medians (and p95) over several timed runs.
 */
import { loadMarketData } from '../src/dealing/market/index.js';
import { buildQuote } from '../src/dealing/quote/index.js';
import { bondPeriod, fullPriceFromYield, yieldFromFullPrice, type BondTerms } from '../src/dealing/pricing/index.js';
import { summarize, type BenchResult } from './types.js';

const BOND: BondTerms = { code: '250011', kind: 'fixed', coupon: 1.7, frequency: 2, issueDate: '2025-05-25', maturityDate: '2035-05-25' };
const LAST: BondTerms = { code: 'last', kind: 'fixed', coupon: 2.5, frequency: 1, issueDate: '2021-06-15', maturityDate: '2026-06-15' };
const SETTLE = '2025-12-29';
const RUNS = 7;

function opsPerSecond(ops: number, fn: (i: number) => number): number[] {
  const rates: number[] = [];
  let sink = 0;
  for (let w = 0; w < Math.min(ops, 20_000); w++) sink += fn(w); // warm-up (JIT)
  for (let r = 0; r < RUNS; r++) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < ops; i++) sink += fn(i);
    const secs = Number(process.hrtime.bigint() - t0) / 1e9;
    rates.push(ops / secs);
  }
  if (!Number.isFinite(sink)) throw new Error('benchmark produced a non-finite result');
  return rates;
}

function result(name: string, samples: number[], target: number, note: string): BenchResult {
  const { median } = summarize(samples);
  // For throughput the pessimistic tail is the slow end: "p95" reports the 5th-percentile rate.
  const slow = [...samples].sort((a, b) => a - b)[Math.floor(0.05 * (samples.length - 1))] ?? median;
  return { name, median: Math.round(median), p95: Math.round(slow), unit: 'ops/s', target: `≥ ${target.toLocaleString('en-US')} ops/s`, pass: median >= target, samples: samples.length, note };
}

export async function run(): Promise<BenchResult[]> {
  const period = bondPeriod(BOND, SETTLE);
  const prices = Array.from({ length: 1024 }, (_, i) => fullPriceFromYield(period, 1.2 + (i % 100) * 0.01));
  const y2p = opsPerSecond(200_000, (i) => fullPriceFromYield(bondPeriod(BOND, SETTLE), 1.2 + (i % 100) * 0.01));
  const p2y = opsPerSecond(100_000, (i) => yieldFromFullPrice(bondPeriod(BOND, SETTLE), prices[i & 1023]!));
  const last = opsPerSecond(200_000, (i) => fullPriceFromYield(bondPeriod(LAST, SETTLE), 1.2 + (i % 100) * 0.01));
  // One bond quote with all pre-trade checks (market data loaded once, as in a running process).
  const md = loadMarketData();
  const req = { instrument: { kind: 'bond' as const, code: '220205' }, side: 'buy' as const, notional: 5e7, now: '2025-12-26T02:00:00Z', client: 'CLI-JNRC', trader: 't.zhang' };
  for (let i = 0; i < 500; i++) buildQuote(md, req);
  const quoteMs: number[] = [];
  for (let i = 0; i < 2000; i++) {
    const t0 = process.hrtime.bigint();
    buildQuote(md, req);
    quoteMs.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  const q = summarize(quoteMs);
  return [
    { name: 'dealing: buildQuote (bond, two prices + checks)', median: +q.median.toFixed(4), p95: +q.p95.toFixed(4), unit: 'ms', target: '< 1 ms', pass: q.median < 1, samples: quoteMs.length },
    result('dealing: yield→price (10Y semiannual, compound)', y2p, 200_000, 'incl. coupon-period setup per op; p95 = slow tail'),
    result('dealing: price→yield (10Y semiannual, Newton+bisection)', p2y, 50_000, 'incl. coupon-period setup per op; p95 = slow tail'),
    result('dealing: yield→price (last period, simple yield)', last, 200_000, 'incl. coupon-period setup per op'),
  ];
}
