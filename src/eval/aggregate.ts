import { flakiness } from './metrics/flakiness.js';
import { latencySummary } from './metrics/latency.js';
import { passAtK, passHatK } from './metrics/pass-k.js';
import type { CaseResult, CaseRun, Metrics } from './report-schema.js';
import type { EvalCase } from './suite-schema.js';

/** Folds runs into case results and case results into suite metrics (pure). */

export function caseResult(c: EvalCase, runs: CaseRun[]): CaseResult {
  const sorted = [...runs].sort((a, b) => a.repeat - b.repeat);
  const successes = sorted.filter((r) => r.success).length;
  return {
    id: c.id,
    kind: c.kind,
    agent: c.agent,
    tags: c.tags,
    n: sorted.length,
    c: successes,
    passed: successes === sorted.length,
    flaky: successes > 0 && successes < sorted.length,
    runs: sorted,
  };
}

/** k values reported for n repeats: 1, n, and 4 / 8 when they fit (τ-bench reports k ∈ {4, 8}). */
export function reportedKs(n: number): number[] {
  return [...new Set([1, 4, 8, n])].filter((k) => k >= 1 && k <= n).sort((a, b) => a - b);
}

function mean(values: Array<number | null | undefined>): number | null {
  const v = values.filter((x): x is number => typeof x === 'number' && Number.isFinite(x));
  return v.length ? v.reduce((a, b) => a + b, 0) / v.length : null;
}

export function suiteMetrics(cases: CaseResult[], repeat: number): Metrics {
  const runs = cases.flatMap((c) => c.runs);
  const m: Metrics = { cases: cases.length, runs: runs.length };
  if (cases.length === 0) return m;
  const counts = cases.map((c) => ({ n: c.n, c: c.c }));
  const n = Math.min(...cases.map((c) => c.n), repeat);
  for (const k of reportedKs(n)) {
    m[`pass^${k}`] = passHatK(counts, k);
    if (k > 1) m[`pass@${k}`] = passAtK(counts, k);
  }
  m.passRate = m['pass^1'] ?? null;
  const keys = [...new Set(runs.flatMap((r) => Object.keys(r.metrics)))].sort();
  for (const key of keys) m[key] = mean(runs.map((r) => r.metrics[key]));
  m.violations = runs.reduce((s, r) => s + r.violations.length, 0);
  m.flakiness = flakiness(cases.map((c) => c.runs.map((r) => r.success)));
  const lat = latencySummary(runs.map((r) => r.latencyMs));
  m.latencyP50Ms = lat.p50;
  m.latencyP95Ms = lat.p95;
  const tokens = runs.map((r) => r.tokens).filter((t): t is number => typeof t === 'number');
  if (tokens.length) m.tokensPerRun = tokens.reduce((a, b) => a + b, 0) / tokens.length;
  return m;
}
