import { describe, expect, it } from 'vitest';
import { addBusinessDays, adjust, rollToBusinessDay } from './calendar.js';
import { formatIsoDate, parseIsoDate } from './dates.js';
import { loadMarketData } from '../market/market-data.js';

const { cnIb: CN_IB, usdCny: USDCNY } = loadMarketData().calendars;

const d = (s: string) => parseIsoDate(s);

describe('China interbank calendar', () => {
  it('holidays are closed and make-up weekends (调休) are open', () => {
    expect(CN_IB.isBusinessDay(d('2025-10-03'))).toBe(false); // 国庆
    expect(CN_IB.isBusinessDay(d('2025-09-28'))).toBe(true); // Sunday make-up day
    expect(CN_IB.isBusinessDay(d('2025-10-11'))).toBe(true); // Saturday make-up day
    expect(CN_IB.isBusinessDay(d('2026-02-16'))).toBe(false); // 春节
    expect(CN_IB.isBusinessDay(d('2026-02-28'))).toBe(true); // Saturday make-up day
    expect(CN_IB.isBusinessDay(d('2025-12-27'))).toBe(false); // ordinary Saturday
  });
  it('+1 settlement from Friday 2025-12-26 is Monday 12-29; across 国庆 it skips the break', () => {
    expect(formatIsoDate(addBusinessDays(CN_IB, d('2025-12-26'), 1))).toBe('2025-12-29');
    expect(formatIsoDate(addBusinessDays(CN_IB, d('2025-09-30'), 1))).toBe('2025-10-09');
    // Friday 2025-10-10 + 1 lands on the make-up Saturday 10-11.
    expect(formatIsoDate(addBusinessDays(CN_IB, d('2025-10-10'), 1))).toBe('2025-10-11');
  });
  it('rolls a non-business settlement date and explains why', () => {
    const r = rollToBusinessDay(CN_IB, '2026-02-16');
    expect(r).toMatchObject({ date: '2026-02-24', rolled: true });
    expect(r.reason).toMatch(/2026-02-16 is a holiday on CN-IB; rolled following to 2026-02-24/);
    expect(rollToBusinessDay(CN_IB, '2025-12-29').rolled).toBe(false);
  });
  it('modified following stays in the month', () => {
    expect(formatIsoDate(adjust(USDCNY, d('2026-02-28'), 'modified_following'))).toBe('2026-02-27');
    expect(formatIsoDate(adjust(USDCNY, d('2026-01-17'), 'modified_following'))).toBe('2026-01-20'); // MLK Monday
  });
});
