import { describe, expect, it } from 'vitest';
import { Curve, spreadCurve } from './curve.js';

const cgb = new Curve('CGB', [
  { tenor: '1Y', value: 1.47 }, { tenor: '2Y', value: 1.48 }, { tenor: '5Y', value: 1.68 }, { tenor: '10Y', value: 1.84 },
]);

describe('curve interpolation (linear in tenor years, flat ends)', () => {
  it('returns pillar values and interpolates between them', () => {
    expect(cgb.atTenor('5Y')).toBeCloseTo(1.68, 12);
    expect(cgb.at(7.5)).toBeCloseTo(1.68 + 0.5 * 0.16, 12);
    expect(cgb.atTenor('18M')).toBeCloseTo(1.475, 12);
  });
  it('extrapolates flat and says so', () => {
    expect(cgb.atTenor('3M')).toBe(1.47);
    expect(cgb.atTenor('30Y')).toBe(1.84);
    expect(cgb.extrapolates(30)).toBe(true);
    expect(cgb.extrapolates(3)).toBe(false);
  });
  it('builds a spread curve (CDB = CGB + bp)', () => {
    const cdb = spreadCurve('CDB', cgb, [{ tenor: '1Y', value: 8 }, { tenor: '10Y', value: 12 }]);
    expect(cdb.atTenor('10Y')).toBeCloseTo(1.96, 12);
    expect(cdb.atTenor('1Y')).toBeCloseTo(1.55, 12);
  });
  it('rejects duplicate tenors and empty curves', () => {
    expect(() => new Curve('X', [])).toThrow(/curve X: has no points/);
    expect(() => new Curve('X', [{ tenor: '12M', value: 1 }, { tenor: '1Y', value: 2 }])).toThrow(/appears twice/);
    expect(() => new Curve('X', [{ tenor: '1Q', value: 1 }])).toThrow(/not a tenor/);
  });
});
