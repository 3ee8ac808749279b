/**
 * Root finder for monotone price functions: Newton steps, falling back to bisection whenever a
 * step leaves the bracket or fails to shrink the error. Robust and fast for bond yields.
 */
import { OperationError } from '../../runtime/errors.js';

export interface SolveOptions {
  lo: number;
  hi: number;
  x0: number;
  tol?: number;
  maxIter?: number;
}

/** Find x in [lo, hi] with fn(x) = 0; `fn` returns [value, derivative]. */
export function solveNewtonBisect(fn: (x: number) => [number, number], opts: SolveOptions): number {
  const tol = opts.tol ?? 1e-13;
  const maxIter = opts.maxIter ?? 200;
  let lo = opts.lo;
  let hi = opts.hi;
  let [flo] = fn(lo);
  const [fhi] = fn(hi);
  if (flo === 0) return lo;
  if (fhi === 0) return hi;
  if (Math.sign(flo) === Math.sign(fhi)) {
    throw new OperationError(`solver: no root in [${lo}, ${hi}] (f=${flo}, ${fhi})`);
  }
  let x = opts.x0 > lo && opts.x0 < hi ? opts.x0 : (lo + hi) / 2;
  for (let i = 0; i < maxIter; i++) {
    const [fx, dfx] = fn(x);
    if (fx === 0) return x;
    // Keep the bracket around the root.
    if (Math.sign(fx) === Math.sign(flo)) {
      lo = x;
      flo = fx;
    } else {
      hi = x;
    }
    let next = dfx !== 0 && Number.isFinite(dfx) ? x - fx / dfx : NaN;
    if (!(next > lo && next < hi)) next = (lo + hi) / 2;
    if (Math.abs(next - x) <= tol * Math.max(1, Math.abs(x))) return next;
    x = next;
    if (hi - lo <= tol) return (lo + hi) / 2;
  }
  return x;
}
