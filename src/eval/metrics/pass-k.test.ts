import { describe, expect, it } from 'vitest';
import { binomial, passAtK, passHatK } from './pass-k.js';

describe('binomial', () => {
  it('matches Pascal values', () => {
    expect([0, 1, 2, 3, 4].map((k) => binomial(4, k))).toEqual([1, 4, 6, 4, 1]);
    expect(binomial(8, 4)).toBe(70);
    expect(binomial(3, 5)).toBe(0);
  });
});

describe('pass^k and pass@k for n = 4, every c = 0…4', () => {
  // Hand-computed: pass^2 = C(c,2)/C(4,2) = C(c,2)/6; pass@2 = 1 − C(4−c,2)/6.
  const hatK2 = [0, 0, 1 / 6, 3 / 6, 1];
  const atK2 = [0, 1 - 3 / 6, 1 - 1 / 6, 1, 1];
  // pass^4 = 1 only when all 4 succeed; pass@4 = 1 whenever c ≥ 1.
  for (let c = 0; c <= 4; c++) {
    it(`c = ${c}`, () => {
      expect(passHatK([{ n: 4, c }], 1)).toBeCloseTo(c / 4, 12);
      expect(passAtK([{ n: 4, c }], 1)).toBeCloseTo(c / 4, 12);
      expect(passHatK([{ n: 4, c }], 2)).toBeCloseTo(hatK2[c] as number, 12);
      expect(passAtK([{ n: 4, c }], 2)).toBeCloseTo(atK2[c] as number, 12);
      expect(passHatK([{ n: 4, c }], 4)).toBe(c === 4 ? 1 : 0);
      expect(passAtK([{ n: 4, c }], 4)).toBe(c >= 1 ? 1 : 0);
    });
  }

  it('averages over tasks', () => {
    // Tasks with c = 4, 2, 0 of n = 4: pass^2 = (1 + 1/6 + 0)/3 = 7/18.
    expect(passHatK([{ n: 4, c: 4 }, { n: 4, c: 2 }, { n: 4, c: 0 }], 2)).toBeCloseTo(7 / 18, 12);
    // pass@2 = (1 + 5/6 + 0)/3 = 11/18.
    expect(passAtK([{ n: 4, c: 4 }, { n: 4, c: 2 }, { n: 4, c: 0 }], 2)).toBeCloseTo(11 / 18, 12);
  });

  it('rejects k beyond the repeats run and bad counts', () => {
    expect(() => passHatK([{ n: 2, c: 1 }], 3)).toThrow(/exceeds/);
    expect(() => passHatK([{ n: 2, c: 3 }], 1)).toThrow(/invalid/);
    expect(() => passAtK([{ n: 2, c: 1 }], 0)).toThrow(/positive/);
  });
});
