/**
 * Yield / rate curves: tenor → level, linearly interpolated in tenor years (tenorYears: D/365,
 * W×7/365, M/12, Y), flat beyond the first and last points. Linear is what desks read off a
 * closing-curve table; it never overshoots between pillars.
 */
import { UserInputError } from '../../runtime/errors.js';
import { parseTenor, tenorYears } from './tenor.js';

export interface CurvePoint {
  tenor: string;
  /** Level in percent (yields/rates) or pips (FX points). */
  value: number;
}

export class Curve {
  readonly xs: Float64Array;
  readonly ys: Float64Array;
  constructor(readonly id: string, readonly points: readonly CurvePoint[]) {
    if (points.length === 0) throw new UserInputError(`curve ${id}: has no points`);
    const rows = points.map((p) => ({ x: tenorYears(parseTenor(p.tenor)), y: p.value, t: p.tenor }));
    rows.sort((a, b) => a.x - b.x);
    for (let i = 1; i < rows.length; i++) {
      if (rows[i]!.x === rows[i - 1]!.x) throw new UserInputError(`curve ${id}: tenor ${rows[i]!.t} appears twice`);
    }
    for (const r of rows) if (!Number.isFinite(r.y)) throw new UserInputError(`curve ${id}: tenor ${r.t} has no numeric value`);
    this.xs = Float64Array.from(rows.map((r) => r.x));
    this.ys = Float64Array.from(rows.map((r) => r.y));
  }

  /** Level at a time in years. */
  at(years: number): number {
    const xs = this.xs;
    const ys = this.ys;
    const n = xs.length;
    if (years <= xs[0]!) return ys[0]!;
    if (years >= xs[n - 1]!) return ys[n - 1]!;
    let lo = 0;
    let hi = n - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (xs[mid]! <= years) lo = mid;
      else hi = mid;
    }
    const w = (years - xs[lo]!) / (xs[hi]! - xs[lo]!);
    return ys[lo]! + w * (ys[hi]! - ys[lo]!);
  }

  /** Level at a tenor label ("3M", "10Y"). */
  atTenor(tenor: string): number {
    return this.at(tenorYears(parseTenor(tenor)));
  }

  /** True when `years` is outside the pillars (the level is extrapolated flat). */
  extrapolates(years: number): boolean {
    return years < this.xs[0]! || years > this.xs[this.xs.length - 1]!;
  }
}

/** A curve shifted by a spread in basis points per tenor (e.g. CDB = CGB + spread), interpolated on CGB pillars. */
export function spreadCurve(id: string, base: Curve, spreadsBp: readonly CurvePoint[]): Curve {
  const spreads = new Curve(`${id}:spread`, spreadsBp);
  const tenors = new Map<string, number>();
  for (const p of [...base.points, ...spreadsBp]) tenors.set(p.tenor, tenorYears(parseTenor(p.tenor)));
  return new Curve(
    id,
    [...tenors].map(([tenor, x]) => ({ tenor, value: base.at(x) + spreads.at(x) / 100 })),
  );
}
