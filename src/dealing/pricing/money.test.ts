import { describe, expect, it } from 'vitest';
import { bondAmounts, lendingInterest, repoInterest, repoMaturityAmount, roundPrice, settlementAmount } from './money.js';

describe('money (§6.7 and settlement amounts)', () => {
  it('repo 5E × 1.52% × 7/365 = 145,753.42; lending /360 = 147,777.78', () => {
    expect(repoInterest(500_000_000, 1.52, 7)).toBe('145753.42');
    expect(lendingInterest(500_000_000, 1.52, 7)).toBe('147777.78');
    expect(repoMaturityAmount(500_000_000, 1.52, 7)).toBe('500145753.42');
  });
  it('settlement amount = full × face / 100 rounded half-up to the cent', () => {
    // 180019 fixture full 106.595724 on 5kw face.
    expect(settlementAmount(50_000_000, 106.595724)).toBe('53297862.00');
    expect(settlementAmount('100000', '101.797181')).toBe('101797.18');
    expect(settlementAmount(100_000, 100.000005)).toBe('100000.01');
  });
  it('bond amounts add up exactly', () => {
    const a = bondAmounts(30_000_000, 105.989692, 106.595724);
    expect(a.cleanAmount).toBe('31796907.60');
    expect(a.settlementAmount).toBe('31978717.20');
    expect(Number(a.cleanAmount) * 100 + Number(a.accruedAmount) * 100).toBe(Number(a.settlementAmount) * 100);
  });
  it('rounds prices to 4 dp half-up', () => {
    expect(roundPrice(98.39605)).toBe(98.3961);
    expect(roundPrice(106.595724)).toBe(106.5957);
  });
  it('bad amounts are clear errors', () => {
    expect(() => repoInterest(-1, 1.5, 7)).toThrow(/principal must be positive/);
    expect(() => repoInterest(1e6, 1.5, 0)).toThrow(/days must be a positive whole number/);
    expect(() => settlementAmount('abc', 100)).toThrow(/face: "abc" is not a number/);
  });
});
