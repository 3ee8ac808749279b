import { describe, expect, it } from 'vitest';
import type { QuoteState } from './model.js';
import { clientDirection, evaluateCounter } from './negotiation.js';

const bondQuote: QuoteState = {
  bid: 1.84,
  offer: 1.835,
  mid: 1.8375,
  levelType: 'yield',
  validUntil: null,
  firm: true,
  quotedAt: '2025-06-16T02:00:00.000Z',
  version: 1,
  originalBid: 1.84,
  originalOffer: 1.835,
  unit: 'bp',
  settle: '2025-06-17',
  held: false,
};
const limits = { maxStep: 0.25, maxTotal: 0.5 };

describe('evaluateCounter', () => {
  it('concedes a client seller a lower bid yield within the per-step limit', () => {
    const d = evaluateCounter(bondQuote, 'bid', 1.8375, limits, 0);
    expect(d).toMatchObject({ outcome: 'improved', level: 1.8375, step: 0.25, total: 0.25, unit: 'bp' });
  });

  it('holds when a step is too large and names the limit', () => {
    const d = evaluateCounter(bondQuote, 'bid', 1.835, limits, 0);
    expect(d.outcome).toBe('held');
    expect(d.level).toBe(1.84);
    expect(d.limit).toBe('step');
    expect(d.reason).toMatch(/0\.5bp.*max concession of 0\.25bp per step/);
  });

  it('holds when the total concession would exceed the tier limit', () => {
    const moved = { ...bondQuote, bid: 1.8375 };
    expect(evaluateCounter(moved, 'bid', 1.835, limits, 1)).toMatchObject({ outcome: 'improved', total: 0.5 });
    const moved2 = { ...bondQuote, bid: 1.835 };
    const d = evaluateCounter(moved2, 'bid', 1.8325, limits, 2);
    expect(d).toMatchObject({ outcome: 'held', limit: 'total', total: 0.75 });
  });

  it('raises the offer yield for a client buyer and sees a worse counter as already better', () => {
    expect(evaluateCounter(bondQuote, 'offer', 1.8375, limits, 0)).toMatchObject({ outcome: 'improved', level: 1.8375 });
    expect(evaluateCounter(bondQuote, 'offer', 1.83, limits, 0)).toMatchObject({ outcome: 'already_better', level: 1.835 });
  });

  it('works in pips for FX and in bp for repo rates (normal bid < offer)', () => {
    const fx: QuoteState = { ...bondQuote, bid: 7.008, offer: 7.0085, originalBid: 7.008, originalOffer: 7.0085, levelType: 'outright', unit: 'pips' };
    expect(evaluateCounter(fx, 'offer', 7.0083, { maxStep: 2, maxTotal: 3 }, 0)).toMatchObject({ outcome: 'improved', step: 2, unit: 'pips' });
    expect(clientDirection('offer', 'rate')).toBe(-1);
    expect(clientDirection('bid', 'rate')).toBe(1);
    expect(clientDirection('bid', 'yield')).toBe(-1);
  });

  it('stops after the configured number of rounds', () => {
    expect(evaluateCounter(bondQuote, 'bid', 1.8375, { ...limits, maxRounds: 2 }, 2)).toMatchObject({ outcome: 'held', limit: 'rounds' });
  });
});
