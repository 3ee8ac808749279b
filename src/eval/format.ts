import type { CaseResult, CaseRun } from './report-schema.js';

/** Small formatting helpers shared by the terminal, HTML and JUnit reports. */

export function fmtMetric(metric: string, v: number | null | undefined): string {
  if (v === null || v === undefined || Number.isNaN(v)) return '—';
  if (/Ms$/.test(metric)) return `${v < 10 ? v.toFixed(2) : v.toFixed(0)} ms`;
  if (Number.isInteger(v)) return String(v);
  return v.toFixed(3);
}

export function fmtDelta(d: number | null | undefined): string {
  if (d === null || d === undefined || Math.abs(d) < 5e-4) return '';
  return `${d > 0 ? '+' : ''}${d.toFixed(3)}`;
}

export function short(v: unknown, max = 160): string {
  let s: string;
  if (v === undefined) s = '(absent)';
  else if (typeof v === 'string') s = JSON.stringify(v);
  else s = JSON.stringify(v) ?? String(v);
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/** The first failing run of a case (the one whose expected vs actual we show). */
export function firstFailure(c: CaseResult): CaseRun | undefined {
  return c.runs.find((r) => !r.success) ?? c.runs.find((r) => r.violations.length > 0);
}

/** Higher-is-better metrics on a 0..1 scale (charted as bars). */
export function isRatioMetric(metric: string, v: number | null | undefined): v is number {
  // passRate duplicates pass^1; flakiness is lower-is-better and would read as a bad bar.
  return typeof v === 'number' && !/^(cases|runs|violations|latency|tokens|passRate|flakiness)/.test(metric) && v >= 0 && v <= 1;
}

/** The headline quality metric per suite, from the kinds it holds. */
export function headline(metrics: Record<string, number | null>): string[] {
  const order = ['fieldAccuracy', 'argAccuracy', 'toolCallF1', 'stateSuccess', 'replyAccuracy', 'numericAccuracy', 'flagAccuracy', 'recall@5', 'mrr@10', 'citationRecall', 'refusalAccuracy'];
  return order.filter((m) => metrics[m] !== undefined && metrics[m] !== null);
}
