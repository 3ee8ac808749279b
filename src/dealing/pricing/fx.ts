/**
 * USD/CNY: spot and forward value dates (joint CNY+USD calendar), outrights from market swap
 * points (pips, linear in days for broken dates), pre-spot dates, and CIP for sanity checks.
 * Onshore points deviate from rate parity, so pricing uses market points, not CIP.
 */
import { UserInputError } from '../../runtime/errors.js';
import { addBusinessDays, adjust, lastBusinessDayOfMonth, nextBusinessDay, type BusinessCalendar } from './calendar.js';
import { addMonths, formatIsoDate, type DaySerial } from './dates.js';
import { parseTenor } from './tenor.js';

export const PIP = 1e-4;

/** Spot value date: T+2 business days on the joint calendar. */
export function fxSpotDate(cal: BusinessCalendar, trade: DaySerial): DaySerial {
  return addBusinessDays(cal, trade, 2);
}

/**
 * Far value date of a tenor traded on `trade`: ON → T+1, TN → spot, SN → spot+1, nD/nW → spot + days
 * (following), nM/nY → spot + months, modified following, end-to-end when spot is a month's last
 * business day.
 */
export function fxValueDate(cal: BusinessCalendar, trade: DaySerial, tenor: string): DaySerial {
  const t = parseTenor(tenor);
  const spot = fxSpotDate(cal, trade);
  switch (t.unit) {
    case 'ON':
      return addBusinessDays(cal, trade, 1);
    case 'TN':
      return spot;
    case 'SN':
      return addBusinessDays(cal, spot, 1);
    case 'D':
      return nextBusinessDay(cal, spot + t.count);
    case 'W':
      return nextBusinessDay(cal, spot + 7 * t.count);
    case 'M':
    case 'Y': {
      const months = t.unit === 'M' ? t.count : 12 * t.count;
      const raw = addMonths(spot, months);
      if (spot === lastBusinessDayOfMonth(cal, spot)) return lastBusinessDayOfMonth(cal, raw);
      return adjust(cal, raw, 'modified_following');
    }
  }
}

export interface FxPointPillar {
  tenor: string;
  /** Swap points in pips (may carry decimals, e.g. −1293.03). */
  points: number;
}

export interface FxOutright {
  valueDate: string;
  /** Points in pips added to spot (for pre-spot dates: the negated ON/TN sum, see below). */
  points: number;
  outright: number;
  method: 'pre_spot' | 'spot' | 'pillar' | 'interpolated';
}

interface DatedPillar {
  tenor: string;
  date: DaySerial;
  points: number;
}

/** Market swap-point curve for one trade date: pillars keyed by their far value dates. */
export class FxPointsCurve {
  readonly spotDate: DaySerial;
  private readonly on?: number;
  private readonly tn?: number;
  private readonly forward: DatedPillar[];

  constructor(readonly cal: BusinessCalendar, readonly trade: DaySerial, pillars: readonly FxPointPillar[]) {
    this.spotDate = fxSpotDate(cal, trade);
    const fwd: DatedPillar[] = [];
    for (const p of pillars) {
      const t = parseTenor(p.tenor);
      if (t.unit === 'ON') this.on = p.points;
      else if (t.unit === 'TN') this.tn = p.points;
      else fwd.push({ tenor: t.label === 'SN' ? 'SN' : p.tenor, date: fxValueDate(cal, trade, p.tenor), points: p.points });
    }
    fwd.sort((a, b) => a.date - b.date);
    this.forward = fwd;
  }

  /** ON / TN swap points (pips) and their near/far dates, for short-date swaps before spot. */
  shortDate(tenor: 'ON' | 'TN'): { points: number; near: DaySerial; far: DaySerial } {
    const pts = tenor === 'ON' ? this.on : this.tn;
    if (pts === undefined) throw new UserInputError(`FX points: no ${tenor} point in the swap table`);
    const tomorrow = addBusinessDays(this.cal, this.trade, 1);
    return tenor === 'ON' ? { points: pts, near: this.trade, far: tomorrow } : { points: pts, near: tomorrow, far: this.spotDate };
  }

  /** Pillars with their computed far value dates (ISO), for display and checks. */
  pillarDates(): { tenor: string; valueDate: string; points: number }[] {
    return this.forward.map((p) => ({ tenor: p.tenor, valueDate: formatIsoDate(p.date), points: p.points }));
  }

  /** Points (pips) to add to spot for a value date. */
  pointsAt(valueDate: DaySerial): { points: number; method: FxOutright['method'] } {
    if (valueDate < this.trade) throw new UserInputError(`FX value date ${formatIsoDate(valueDate)} is before the trade date ${formatIsoDate(this.trade)}`);
    if (valueDate < this.spotDate) {
      // Pre-spot: rate(T+1) = S − TN/1e4; rate(T) = S − (ON+TN)/1e4.
      const tomorrow = addBusinessDays(this.cal, this.trade, 1);
      if (this.tn === undefined) throw new UserInputError('FX points: a TN point is needed to price a date before spot');
      if (valueDate >= tomorrow) return { points: -this.tn, method: 'pre_spot' };
      if (this.on === undefined) throw new UserInputError('FX points: an ON point is needed to price a value date of today');
      return { points: -(this.on + this.tn), method: 'pre_spot' };
    }
    if (valueDate === this.spotDate) return { points: 0, method: 'spot' };
    let prev: DatedPillar = { tenor: 'SPOT', date: this.spotDate, points: 0 };
    for (const p of this.forward) {
      if (p.date === valueDate) return { points: p.points, method: 'pillar' };
      if (p.date > valueDate) {
        const w = (valueDate - prev.date) / (p.date - prev.date);
        return { points: prev.points + w * (p.points - prev.points), method: 'interpolated' };
      }
      prev = p;
    }
    throw new UserInputError(
      `FX value date ${formatIsoDate(valueDate)} is beyond the last swap-point pillar (${prev.tenor} ${formatIsoDate(prev.date)})`,
    );
  }

  /** Outright = spot + points/1e4 (unrounded; quote in 4 dp). */
  outright(spot: number, valueDate: DaySerial): FxOutright {
    const { points, method } = this.pointsAt(valueDate);
    return { valueDate: formatIsoDate(valueDate), points, outright: spot + points * PIP, method };
  }
}

/** CIP forward: F = S × (1 + r_CNY·d/365) / (1 + r_USD·d/360); rates in percent. */
export function cipForward(spot: number, days: number, rCnyPct: number, rUsdPct: number): number {
  return (spot * (1 + (rCnyPct / 100) * (days / 365))) / (1 + (rUsdPct / 100) * (days / 360));
}

/** USD rate (percent) implied by a market forward: ((S/F)(1 + r_CNY·d/365) − 1) × 360/d. */
export function impliedUsdRate(spot: number, forward: number, days: number, rCnyPct: number): number {
  return ((spot / forward) * (1 + (rCnyPct / 100) * (days / 365)) - 1) * (360 / days) * 100;
}
