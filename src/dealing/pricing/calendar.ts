/**
 * Business-day calendars. China interbank (CFETS) = weekdays minus public holidays, plus the
 * official make-up working weekends (调休), as QuantLib `China::IB`. FX uses the joint CNY+USD
 * calendar. Holiday lists come from data (data/market/calendars.json).
 */
import { UserInputError } from '../../runtime/errors.js';
import { formatIsoDate, isWeekend, parseIsoDate, ymdFromSerial, type DaySerial } from './dates.js';

export type Roll = 'unadjusted' | 'following' | 'modified_following' | 'preceding';

export interface BusinessCalendar {
  readonly name: string;
  isBusinessDay(z: DaySerial): boolean;
  /** Years whose holidays are known; outside them only weekends are non-business days. */
  readonly coveredYears: readonly [number, number];
}

export class HolidayCalendar implements BusinessCalendar {
  private readonly holidays: Set<DaySerial>;
  private readonly workingWeekends: Set<DaySerial>;
  constructor(
    readonly name: string,
    holidays: Iterable<DaySerial>,
    workingWeekends: Iterable<DaySerial> = [],
    readonly coveredYears: readonly [number, number] = [0, 9999],
  ) {
    this.holidays = new Set(holidays);
    this.workingWeekends = new Set(workingWeekends);
  }

  /** Build from ISO date strings (as stored in calendars.json). */
  static fromIso(name: string, holidays: readonly string[], workingWeekends: readonly string[] = [], coveredYears?: readonly [number, number]): HolidayCalendar {
    return new HolidayCalendar(
      name,
      holidays.map((d) => parseIsoDate(d, `${name} holiday`)),
      workingWeekends.map((d) => parseIsoDate(d, `${name} working weekend`)),
      coveredYears,
    );
  }

  isBusinessDay(z: DaySerial): boolean {
    if (this.holidays.has(z)) return false;
    if (isWeekend(z)) return this.workingWeekends.has(z);
    return true;
  }
}

/** Business day in every calendar (e.g. CNY + USD for FX value dates). */
export class JointCalendar implements BusinessCalendar {
  readonly name: string;
  readonly coveredYears: readonly [number, number];
  constructor(private readonly parts: readonly BusinessCalendar[]) {
    this.name = parts.map((p) => p.name).join('+');
    this.coveredYears = [
      Math.max(...parts.map((p) => p.coveredYears[0])),
      Math.min(...parts.map((p) => p.coveredYears[1])),
    ];
  }
  isBusinessDay(z: DaySerial): boolean {
    return this.parts.every((p) => p.isBusinessDay(z));
  }
}

/** Weekends only: a fallback when no holiday data is loaded. */
export const WEEKENDS_ONLY: BusinessCalendar = {
  name: 'weekends',
  coveredYears: [0, 9999],
  isBusinessDay: (z) => !isWeekend(z),
};

// A guard against a calendar with no business days at all (bad data): give up after a year.
const MAX_SCAN = 366;

export function nextBusinessDay(cal: BusinessCalendar, z: DaySerial): DaySerial {
  let d = z;
  for (let i = 0; i < MAX_SCAN; i++, d++) if (cal.isBusinessDay(d)) return d;
  throw new UserInputError(`calendar ${cal.name}: no business day within a year after ${formatIsoDate(z)}`);
}

export function previousBusinessDay(cal: BusinessCalendar, z: DaySerial): DaySerial {
  let d = z;
  for (let i = 0; i < MAX_SCAN; i++, d--) if (cal.isBusinessDay(d)) return d;
  throw new UserInputError(`calendar ${cal.name}: no business day within a year before ${formatIsoDate(z)}`);
}

export function adjust(cal: BusinessCalendar, z: DaySerial, roll: Roll): DaySerial {
  switch (roll) {
    case 'unadjusted':
      return z;
    case 'following':
      return nextBusinessDay(cal, z);
    case 'preceding':
      return previousBusinessDay(cal, z);
    case 'modified_following': {
      const f = nextBusinessDay(cal, z);
      return ymdFromSerial(f)[1] === ymdFromSerial(z)[1] ? f : previousBusinessDay(cal, z);
    }
  }
}

/** Move n business days (n ≥ 0 forward from z; z itself is not counted). n = 0 → z rolled following. */
export function addBusinessDays(cal: BusinessCalendar, z: DaySerial, n: number): DaySerial {
  if (n === 0) return nextBusinessDay(cal, z);
  let d = z;
  let left = Math.abs(n);
  const step = n > 0 ? 1 : -1;
  let guard = 0;
  while (left > 0) {
    d += step;
    if (cal.isBusinessDay(d)) left--;
    if (++guard > MAX_SCAN * 4) throw new UserInputError(`calendar ${cal.name}: cannot move ${n} business days from ${formatIsoDate(z)}`);
  }
  return d;
}

/** Last business day of z's month. */
export function lastBusinessDayOfMonth(cal: BusinessCalendar, z: DaySerial): DaySerial {
  const [y, m] = ymdFromSerial(z);
  const firstNext = parseIsoDate(`${m === 12 ? y + 1 : y}-${String(m === 12 ? 1 : m + 1).padStart(2, '0')}-01`);
  return previousBusinessDay(cal, firstNext - 1);
}

export interface RolledDate {
  /** The business day to use (ISO). */
  date: string;
  requested: string;
  rolled: boolean;
  /** Why it moved, for the user ("2026-02-16 is a holiday on CN-IB; rolled following to 2026-02-24"). */
  reason?: string;
}

/** Roll a requested settlement/value date to a business day and say so. */
export function rollToBusinessDay(cal: BusinessCalendar, iso: string, roll: Roll = 'following'): RolledDate {
  const z = parseIsoDate(iso, 'settlement date');
  if (cal.isBusinessDay(z)) return { date: iso, requested: iso, rolled: false };
  const out = formatIsoDate(adjust(cal, z, roll));
  const why = isWeekend(z) ? 'a weekend' : 'a holiday';
  return { date: out, requested: iso, rolled: true, reason: `${iso} is ${why} on ${cal.name}; rolled ${roll.replace('_', ' ')} to ${out}` };
}

/** Whether holiday data covers the year of z (callers warn when it does not). */
export function calendarCovers(cal: BusinessCalendar, z: DaySerial): boolean {
  const y = ymdFromSerial(z)[0];
  return y >= cal.coveredYears[0] && y <= cal.coveredYears[1];
}
