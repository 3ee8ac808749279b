/** One measured figure. Bench modules export `run(): Promise<BenchResult[]>`; bench/run.ts prints them all. */
export interface BenchResult {
  name: string;
  /** Median of the samples, in `unit`. */
  median: number;
  p95?: number;
  unit: 'ms' | 'ops/s' | 'turns/s' | 'articles/s' | 'MB' | 'ratio';
  /** Human-readable target, e.g. "< 5 ms"; `pass` says whether the median meets it. */
  target?: string;
  pass?: boolean;
  samples?: number;
  note?: string;
}

/** Median and p95 of a sample (copy-sorted). */
export function summarize(samples: number[]): { median: number; p95: number } {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * (s.length - 1)))] ?? NaN;
  const mid = s.length % 2 ? at(0.5) : ((s[s.length / 2 - 1] ?? NaN) + (s[s.length / 2] ?? NaN)) / 2;
  return { median: mid, p95: at(0.95) };
}
