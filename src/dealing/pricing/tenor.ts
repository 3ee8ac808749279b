/**
 * Tenor labels (1D, 7D, 2W, 3M, 1Y, 18M, ON/TN/SN) → a year fraction for curve interpolation,
 * and → a date for money-market and FX value dates.
 */
import { UserInputError } from '../../runtime/errors.js';
import { addMonths, type DaySerial } from './dates.js';

export interface Tenor {
  /** Canonical label, e.g. "7D", "3M", "1Y", "ON". */
  label: string;
  unit: 'D' | 'W' | 'M' | 'Y' | 'ON' | 'TN' | 'SN';
  count: number;
}

const TENOR = /^(\d+(?:\.\d+)?)\s*([DWMY])$/i;

export function parseTenor(s: string): Tenor {
  const t = s.trim().toUpperCase().replace('O/N', 'ON').replace('T/N', 'TN').replace('S/N', 'SN');
  if (t === 'ON' || t === 'TN' || t === 'SN') return { label: t, unit: t, count: 1 };
  if (t === 'SW') return { label: '1W', unit: 'W', count: 1 };
  const m = TENOR.exec(t);
  if (!m) throw new UserInputError(`tenor: "${s}" is not a tenor like 1D, 7D, 2W, 3M, 1Y`);
  const count = Number(m[1]);
  const unit = m[2]!.toUpperCase() as 'D' | 'W' | 'M' | 'Y';
  if (!(count > 0)) throw new UserInputError(`tenor: "${s}" must be positive`);
  return { label: `${m[1]}${unit}`, unit, count };
}

/**
 * Year fraction of a tenor for curve interpolation: days/365, weeks×7/365, months/12, years.
 * ON/TN/SN count as one day. (Curves are interpolated on this axis; see curve.ts.)
 */
export function tenorYears(t: Tenor | string): number {
  const x = typeof t === 'string' ? parseTenor(t) : t;
  switch (x.unit) {
    case 'D':
      return x.count / 365;
    case 'W':
      return (x.count * 7) / 365;
    case 'M':
      return x.count / 12;
    case 'Y':
      return x.count;
    default:
      return 1 / 365;
  }
}

/** Unadjusted end date of a tenor from a start date (D/W in calendar days, M/Y in months). */
export function addTenor(start: DaySerial, t: Tenor | string): DaySerial {
  const x = typeof t === 'string' ? parseTenor(t) : t;
  switch (x.unit) {
    case 'D':
      return start + x.count;
    case 'W':
      return start + 7 * x.count;
    case 'M':
      return addMonths(start, x.count);
    case 'Y':
      return addMonths(start, 12 * x.count);
    default:
      return start + 1;
  }
}
