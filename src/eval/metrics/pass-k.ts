/**
 * pass^k (τ-bench) and pass@k from n repeats per task with c successes.
 * pass^k = mean_t C(c_t,k)/C(n,k): unbiased estimate that k i.i.d. trials ALL succeed.
 * pass@k = mean_t 1 − C(n−c_t,k)/C(n,k): that AT LEAST ONE of k trials succeeds.
 */

export interface TrialCount {
  /** Repeats run for the task. */
  n: number;
  /** Successful repeats. */
  c: number;
}

/** Binomial coefficient as a float (exact for the small n used in evals); 0 when k > n. */
export function binomial(n: number, k: number): number {
  if (k < 0 || k > n) return 0;
  const kk = Math.min(k, n - k);
  let r = 1;
  for (let i = 1; i <= kk; i++) r = (r * (n - kk + i)) / i;
  return Math.round(r);
}

function check(t: TrialCount, k: number): void {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`k must be a positive integer, got ${k}`);
  if (!Number.isInteger(t.n) || !Number.isInteger(t.c) || t.c < 0 || t.c > t.n) {
    throw new RangeError(`invalid trial count n=${t.n} c=${t.c}`);
  }
  if (k > t.n) throw new RangeError(`k=${k} exceeds the ${t.n} repeats run`);
}

export function passHatK(tasks: readonly TrialCount[], k: number): number {
  if (tasks.length === 0) return NaN;
  let sum = 0;
  for (const t of tasks) {
    check(t, k);
    sum += binomial(t.c, k) / binomial(t.n, k);
  }
  return sum / tasks.length;
}

export function passAtK(tasks: readonly TrialCount[], k: number): number {
  if (tasks.length === 0) return NaN;
  let sum = 0;
  for (const t of tasks) {
    check(t, k);
    sum += 1 - binomial(t.n - t.c, k) / binomial(t.n, k);
  }
  return sum / tasks.length;
}
