import { describe, expect, it } from 'vitest';
import type { Statement } from '../model.js';
import { convertAmount, convertStatement, parseUnit, unitMultiplier } from './units.js';

describe('units', () => {
  it('exposes the multiplier of each unit', () => {
    expect(unitMultiplier('元')).toBe(1);
    expect(unitMultiplier('万元')).toBe(1e4);
    expect(unitMultiplier('亿元')).toBe(1e8);
    expect(unitMultiplier('thousands')).toBe(1e3);
    expect(unitMultiplier('millions')).toBe(1e6);
  });

  it('parses units as written in meta files and title rows', () => {
    expect(parseUnit('万元')).toBe('万元');
    expect(parseUnit('亿')).toBe('亿元');
    expect(parseUnit('USD millions')).toBe('millions');
    expect(parseUnit('in thousands')).toBe('thousands');
    expect(parseUnit('Millions')).toBe('millions');
    expect(parseUnit('furlongs')).toBeUndefined();
  });

  it('rescales exactly (no float drift)', () => {
    expect(convertAmount(2726.7, '亿元', '元')).toBe(272670000000);
    expect(convertAmount(887904.76, '万元', '亿元')).toBe(88.790476);
    expect(convertAmount(394328000000, 'units', 'millions')).toBe(394328);
  });

  it('converts a statement but leaves per-share figures alone', () => {
    const s: Statement = { company: 'X', currency: 'CNY', unit: '万元', sector: 'other', periods: [{ label: '2024', items: { revenue: 12345.67, basicEps: 1.5 } }] };
    const c = convertStatement(s, '亿元');
    expect(c.unit).toBe('亿元');
    expect(c.periods[0]?.items).toEqual({ revenue: 1.234567, basicEps: 1.5 });
    expect(s.periods[0]?.items.revenue).toBe(12345.67);
  });
});
