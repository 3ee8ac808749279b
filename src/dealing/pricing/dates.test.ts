import { describe, expect, it } from 'vitest';
import { addMonths, formatIsoDate, parseIsoDate, serialFromYmd, shanghaiDate, weekday, ymdFromSerial } from './dates.js';
import { addTenor, parseTenor, tenorYears } from './tenor.js';

describe('day serials', () => {
  it('round-trips civil dates and matches Date.UTC', () => {
    for (const s of ['1970-01-01', '2000-02-29', '2025-12-26', '2055-02-25', '1999-12-31']) {
      expect(formatIsoDate(parseIsoDate(s))).toBe(s);
      expect(parseIsoDate(s)).toBe(Date.UTC(+s.slice(0, 4), +s.slice(5, 7) - 1, +s.slice(8)) / 86_400_000);
    }
    expect(ymdFromSerial(serialFromYmd(2024, 2, 29))).toEqual([2024, 2, 29]);
    expect(weekday(parseIsoDate('2025-12-26'))).toBe(5); // Friday
  });
  it('month arithmetic clamps to month end', () => {
    expect(formatIsoDate(addMonths(parseIsoDate('2025-12-30'), 2))).toBe('2026-02-28');
    expect(formatIsoDate(addMonths(parseIsoDate('2028-08-16'), -6))).toBe('2028-02-16');
  });
  it('Shanghai trade date is UTC+8', () => {
    expect(formatIsoDate(shanghaiDate(new Date('2025-12-25T16:30:00Z')))).toBe('2025-12-26');
    expect(formatIsoDate(shanghaiDate(new Date('2025-12-25T15:30:00Z')))).toBe('2025-12-25');
  });
  it('invalid dates name the field', () => {
    expect(() => parseIsoDate('2025-02-30', 'maturityDate')).toThrow(/maturityDate: "2025-02-30" is not a valid calendar date/);
    expect(() => parseIsoDate('26/12/2025')).toThrow(/YYYY-MM-DD/);
  });
});

describe('tenors', () => {
  it('parses labels and converts to years / dates', () => {
    expect(parseTenor('o/n').label).toBe('ON');
    expect(tenorYears('18M')).toBe(1.5);
    expect(tenorYears('7D')).toBeCloseTo(7 / 365, 12);
    expect(formatIsoDate(addTenor(parseIsoDate('2025-12-30'), '1Y'))).toBe('2026-12-30');
    expect(() => parseTenor('0D')).toThrow(/positive/);
  });
});
