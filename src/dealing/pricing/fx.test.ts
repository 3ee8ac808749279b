import { describe, expect, it } from 'vitest';
import { formatIsoDate, parseIsoDate } from './dates.js';
import { cipForward, FxPointsCurve, fxSpotDate, fxValueDate, impliedUsdRate } from './fx.js';
import { loadMarketData } from '../market/market-data.js';

const USDCNY = loadMarketData().calendars.usdCny;

const T = parseIsoDate('2025-12-26');
// CFETS USD.CNY swap table 2025-12-26 (conventions §5.1): tenor, points, all-in, far value date.
const TABLE: [string, number, number, string][] = [
  ['ON', -3, 7.0086, '2025-12-29'], ['TN', -1.9, 7.0083, '2025-12-30'], ['SN', 0.1, 7.0082, '2025-12-31'],
  ['1W', -0.2, 7.0081, '2026-01-06'], ['2W', -16.5, 7.0065, '2026-01-13'], ['3W', -40, 7.0042, '2026-01-20'],
  ['1M', -78, 7.0004, '2026-01-30'], ['2M', -170, 6.9912, '2026-02-27'], ['3M', -270, 6.9812, '2026-03-30'],
  ['4M', -370, 6.9712, '2026-04-30'], ['5M', -469, 6.9613, '2026-05-29'], ['6M', -568, 6.9514, '2026-06-30'],
  ['9M', -850, 6.9232, '2026-09-30'], ['1Y', -1100, 6.8982, '2026-12-30'], ['18M', -1585, 6.8497, '2027-06-30'],
  ['2Y', -2050, 6.8032, '2027-12-30'], ['3Y', -3000, 6.7082, '2028-12-29'], ['5Y', -5000, 6.5082, '2030-12-30'],
];
const curve = new FxPointsCurve(USDCNY, T, TABLE.map(([tenor, points]) => ({ tenor, points })));

describe('FX value dates (§6.5)', () => {
  it('spot is T+2 on the joint calendar', () => {
    expect(formatIsoDate(fxSpotDate(USDCNY, T))).toBe('2025-12-30');
  });
  it('every tenor of the 2025-12-26 table lands on the published far date (MF, joint CNY+USD)', () => {
    for (const [tenor, , , far] of TABLE) expect([tenor, formatIsoDate(fxValueDate(USDCNY, T, tenor))]).toEqual([tenor, far]);
  });
  it('from 2025-12-15: 1M → 2026-01-20 (MLK), 2M → 2026-02-24 (春节)', () => {
    const t = parseIsoDate('2025-12-15');
    expect(formatIsoDate(fxValueDate(USDCNY, t, '1M'))).toBe('2026-01-20');
    expect(formatIsoDate(fxValueDate(USDCNY, t, '2M'))).toBe('2026-02-24');
  });
});

describe('FX outrights from points (§6.5)', () => {
  it('S + pts/1e4 reproduces every all-in to 1e-4 (S = 7.0082; SN/1W/2W with S = 7.00815)', () => {
    for (const [tenor, , allIn, far] of TABLE) {
      if (tenor === 'ON' || tenor === 'TN') continue;
      const S = ['SN', '1W', '2W'].includes(tenor) ? 7.00815 : 7.0082;
      const o = curve.outright(S, parseIsoDate(far));
      expect([tenor, o.method]).toEqual([tenor, 'pillar']);
      expect(Math.round(o.outright * 1e4) / 1e4).toBeCloseTo(allIn, 10);
    }
  });
  it('pre-spot rule reproduces ON 7.0086 and TN 7.0083 (S = 7.00815)', () => {
    const on = curve.outright(7.00815, parseIsoDate('2025-12-26'));
    const tn = curve.outright(7.00815, parseIsoDate('2025-12-29'));
    expect(on.method).toBe('pre_spot');
    expect(Math.round(on.outright * 1e4) / 1e4).toBeCloseTo(7.0086, 10);
    expect(Math.round(tn.outright * 1e4) / 1e4).toBeCloseTo(7.0083, 10);
  });
  it('broken dates interpolate linearly in days between pillars', () => {
    // 2026-02-13: between 1M (01-30, −78) and 2M (02-27, −170): 14/28 of the way.
    const o = curve.outright(7.0082, parseIsoDate('2026-02-13'));
    expect(o.method).toBe('interpolated');
    expect(o.points).toBeCloseTo(-78 + (14 / 28) * (-170 + 78), 10);
    expect(() => curve.outright(7.0082, parseIsoDate('2031-06-30'))).toThrow(/beyond the last swap-point pillar/);
  });
});

describe('CIP (§6.6)', () => {
  it('S 7.0082, 90d, CNY 1.60%, USD 3.60% → 6.9731 (−351 pips); market −270 implies USD ≈ 3.131%', () => {
    const f = cipForward(7.0082, 90, 1.6, 3.6);
    expect(f).toBeCloseTo(6.9731, 4);
    expect(Math.round((f - 7.0082) * 1e4)).toBe(-351);
    expect(impliedUsdRate(7.0082, 7.0082 - 0.027, 90, 1.6)).toBeCloseTo(3.131, 3);
  });
  it('6M / 1Y market points imply USD ≈ 3.24% / 3.23% (SHIBOR 2025-12-31 row: 6M 1.629, 1Y 1.65)', () => {
    // 6M: 2025-12-30 → 2026-06-30 = 182 days; 1Y → 2026-12-30 = 365 days.
    expect(impliedUsdRate(7.0082, 6.9514, 182, 1.629)).toBeCloseTo(3.24, 2);
    expect(impliedUsdRate(7.0082, 6.8982, 365, 1.65)).toBeCloseTo(3.23, 2);
  });
});
