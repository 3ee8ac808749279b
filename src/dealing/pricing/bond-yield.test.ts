import { describe, expect, it } from 'vitest';
import { accruedInterest } from './accrued.js';
import { bondPeriod, type BondTerms } from './bond-period.js';
import { fullPriceFromYield, priceFromYield, yieldFromCleanPrice, yieldFromFullPrice } from './bond-yield.js';

// Conventions doc §1.5 / §6: 18附息国债19, 3.54% semiannual, 2018-08-16 → 2028-08-16.
const B180019: BondTerms = { code: '180019', kind: 'fixed', coupon: 3.54, frequency: 2, issueDate: '2018-08-16', maturityDate: '2028-08-16' };
// §6.3: hypothetical 2.50% annual maturing 2026-06-15 (in its last period on 2025-12-17).
const LAST: BondTerms = { kind: 'fixed', coupon: 2.5, frequency: 1, issueDate: '2021-06-15', maturityDate: '2026-06-15' };
// §6.4: 1Y NCD 2025-12-30 → 2026-12-30 (discount).
const NCD: BondTerms = { kind: 'discount', coupon: 0, frequency: 0, issueDate: '2025-12-30', maturityDate: '2026-12-30' };

describe('accrued interest (§6.1)', () => {
  it('interbank 算头不算尾: 180019 on 2022-10-18 = 0.606033 (Wind)', () => {
    expect(accruedInterest(B180019, '2022-10-18')).toBeCloseTo(0.606033, 6);
  });
  it('exchange 算头又算尾: = 0.620712', () => {
    expect(accruedInterest(B180019, '2022-10-18', 'exchange')).toBeCloseTo(0.620712, 6);
  });
  it('is zero on a coupon date and for discount bonds', () => {
    expect(accruedInterest(B180019, '2023-02-16')).toBe(0);
    expect(accruedInterest(NCD, '2026-03-01')).toBe(0);
  });
});

describe('yield → price (§6.2–6.4)', () => {
  it('180019 at 2.4312%: n=12, d=121, TS=184 → full 106.595724, clean 105.989692', () => {
    const p = bondPeriod(B180019, '2022-10-18');
    expect([p.formula, p.n, p.d, p.TS]).toEqual(['compound', 12, 121, 184]);
    const v = priceFromYield(B180019, '2022-10-18', 2.4312);
    expect(v.full).toBeCloseTo(106.595724, 6);
    expect(v.clean).toBeCloseTo(105.989692, 6);
  });
  it('round-trips the YTM to 1e-10', () => {
    const p = bondPeriod(B180019, '2022-10-18');
    const full = fullPriceFromYield(p, 2.4312);
    expect(Math.abs(yieldFromFullPrice(p, full) - 2.4312)).toBeLessThan(1e-10);
    expect(Math.abs(yieldFromCleanPrice(B180019, '2022-10-18', 105.989692).yield - 2.4312)).toBeLessThan(1e-5);
  });
  it('last period uses simple yield: full 101.797181, AI 1.267123, clean 100.530058, inverse 1.4000', () => {
    const p = bondPeriod(LAST, '2025-12-17');
    expect([p.formula, p.D, p.TY]).toEqual(['simple', 180, 365]);
    const v = priceFromYield(LAST, '2025-12-17', 1.4);
    expect(v.full).toBeCloseTo(101.797181, 6);
    expect(v.accrued).toBeCloseTo(1.267123, 6);
    expect(v.clean).toBeCloseTo(100.530058, 6);
    expect(yieldFromCleanPrice(LAST, '2025-12-17', v.clean).yield).toBeCloseTo(1.4, 10);
  });
  it('1Y NCD at 1.63% → 98.3961 and back', () => {
    const v = priceFromYield(NCD, '2025-12-30', 1.63);
    expect(v.full).toBeCloseTo(98.3961, 4);
    expect(v.clean).toBe(v.full);
    expect(yieldFromCleanPrice(NCD, '2025-12-30', v.clean).yield).toBeCloseTo(1.63, 10);
  });
  it('zero bond > 1Y compounds annually: PV = 100/(1+y)^(d/TY+m)', () => {
    const Z: BondTerms = { kind: 'zero', coupon: 0, frequency: 0, issueDate: '2024-03-01', maturityDate: '2029-03-01' };
    const p = bondPeriod(Z, '2025-12-26');
    expect(p.formula).toBe('zero_compound');
    expect(p.m).toBe(3);
    // next anniversary 2026-03-01: d = 65, year 2025-03-01 → 2026-03-01 = 365 days.
    expect([p.d, p.TY]).toEqual([65, 365]);
    const v = priceFromYield(Z, '2025-12-26', 2);
    expect(v.full).toBeCloseTo(100 / Math.pow(1.02, 65 / 365 + 3), 10);
    expect(yieldFromFullPrice(p, v.full)).toBeCloseTo(2, 10);
  });
});

describe('duration and DV01', () => {
  it('DV01 matches a ±0.5bp finite difference of the full price', () => {
    for (const [b, s, y] of [[B180019, '2022-10-18', 2.4312], [LAST, '2025-12-17', 1.4], [NCD, '2025-12-30', 1.63]] as const) {
      const v = priceFromYield(b, s, y);
      const up = priceFromYield(b, s, y + 0.005).full;
      const dn = priceFromYield(b, s, y - 0.005).full;
      expect(v.dv01).toBeCloseTo(dn - up, 7);
      expect(v.modifiedDuration).toBeGreaterThan(0);
      expect(v.macaulayDuration).toBeGreaterThanOrEqual(v.modifiedDuration);
    }
  });
  it('Macaulay duration of a compound bond = Mod × (1 + y/f) and < years to maturity', () => {
    const v = priceFromYield(B180019, '2022-10-18', 2.4312);
    expect(v.macaulayDuration).toBeCloseTo(v.modifiedDuration * (1 + 0.024312 / 2), 12);
    expect(v.macaulayDuration).toBeLessThan(5.84);
    expect(v.macaulayDuration).toBeGreaterThan(5);
  });
});

describe('bad input', () => {
  it('settlement at/after maturity or before issue is a clear error', () => {
    expect(() => priceFromYield(LAST, '2026-06-15', 1.4)).toThrow(/on or after maturity 2026-06-15/);
    expect(() => priceFromYield(NCD, '2025-01-01', 1.4)).toThrow(/before issue date/);
    expect(() => priceFromYield(LAST, '2025-13-01', 1.4)).toThrow(/not a valid calendar date/);
  });
  it('non-positive price and absurd yields are refused', () => {
    const p = bondPeriod(B180019, '2022-10-18');
    expect(() => yieldFromFullPrice(p, 0)).toThrow(/positive/);
    expect(() => fullPriceFromYield(p, Number.NaN)).toThrow(/priceable range/);
  });
});
