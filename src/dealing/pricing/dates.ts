/**
 * Calendar-date arithmetic on integer day serials (days since 1970-01-01, UTC).
 * Pricing runs in hot loops, so dates are plain numbers; ISO strings only at the edges.
 */
import { UserInputError } from '../../runtime/errors.js';

export type DaySerial = number;

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days from civil date (proleptic Gregorian), Howard Hinnant's algorithm: no Date objects. */
export function serialFromYmd(y: number, m: number, d: number): DaySerial {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const mp = (m + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function ymdFromSerial(z: DaySerial): [number, number, number] {
  const zz = z + 719468;
  const era = Math.floor(zz / 146097);
  const doe = zz - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [m <= 2 ? yoe + era * 400 + 1 : yoe + era * 400, m, d];
}

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
  return m === 2 ? (isLeapYear(y) ? 29 : 28) : [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
}

/** Parse `YYYY-MM-DD`; `what` names the field in the error. */
export function parseIsoDate(s: string, what = 'date'): DaySerial {
  const m = ISO.exec(s);
  if (!m) throw new UserInputError(`${what}: "${s}" is not a date in YYYY-MM-DD form`);
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) {
    throw new UserInputError(`${what}: "${s}" is not a valid calendar date`);
  }
  return serialFromYmd(y, mo, d);
}

export function isIsoDate(s: string): boolean {
  const m = ISO.exec(s);
  if (!m) return false;
  const mo = Number(m[2]);
  const d = Number(m[3]);
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(Number(m[1]), mo);
}

export function formatIsoDate(z: DaySerial): string {
  const [y, m, d] = ymdFromSerial(z);
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekday(z: DaySerial): number {
  return (((z + 4) % 7) + 7) % 7;
}

export function isWeekend(z: DaySerial): boolean {
  const w = weekday(z);
  return w === 0 || w === 6;
}

/** Add calendar months, clamping the day to the month's end (Jan 31 + 1M = Feb 28/29). */
export function addMonths(z: DaySerial, months: number): DaySerial {
  const [y, m, d] = ymdFromSerial(z);
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  return serialFromYmd(ny, nm, Math.min(d, daysInMonth(ny, nm)));
}

export function addYears(z: DaySerial, years: number): DaySerial {
  return addMonths(z, years * 12);
}

/** Today's date in Asia/Shanghai (UTC+8, no DST) for an instant: the desk's trade date. */
export function shanghaiDate(instant: Date): DaySerial {
  return Math.floor((instant.getTime() + 8 * 3600_000) / 86_400_000);
}
