import { describe, expect, it } from 'vitest';
import { flakiness } from './flakiness.js';
import { latencySummary, percentile } from './latency.js';
import { numericAccuracy } from './numeric-accuracy.js';
import { refusalAccuracy } from './refusal-accuracy.js';
import { stateSuccess } from './state-success.js';

describe('numeric accuracy', () => {
  it('counts figures within tolerance, null expecting not meaningful', () => {
    const acc = numericAccuracy([
      { expected: 0.8673, actual: 0.86734, tolerance: 0.0001 },
      { expected: 0.8673, actual: 0.8675, tolerance: 0.0001 },
      { expected: null, actual: null, tolerance: 0 },
      { expected: 1.2, actual: null, tolerance: 0.01 },
    ]);
    expect(acc).toBe(0.5);
    expect(numericAccuracy([])).toBeNull();
  });
});

describe('refusal accuracy', () => {
  it('is the share of correct refuse/answer decisions', () => {
    expect(
      refusalAccuracy([
        { shouldRefuse: true, refused: true },
        { shouldRefuse: true, refused: false },
        { shouldRefuse: false, refused: false },
        { shouldRefuse: false, refused: false },
      ]),
    ).toBe(0.75);
  });
});

describe('flakiness', () => {
  it('is the share of cases whose verdict varies', () => {
    expect(flakiness([[true, true], [true, false], [false, false], [false, true]])).toBe(0.5);
    expect(flakiness([])).toBe(0);
  });
});

describe('latency percentiles', () => {
  it('uses nearest rank', () => {
    const s = [5, 1, 4, 2, 3, 6, 7, 8, 9, 10];
    expect(percentile(s, 0.5)).toBe(5);
    expect(percentile(s, 0.95)).toBe(10);
    expect(latencySummary([3])).toEqual({ p50: 3, p95: 3 });
    expect(Number.isNaN(percentile([], 0.5))).toBe(true);
  });
});

describe('state-based success', () => {
  const state = { rfq: { status: 'DONE', side: 'buy', quote: { offer: 2.15 } }, trade: { settlementAmount: 100123.456 } };
  it('needs the goal state, the reply phrases and no forbidden tool', () => {
    const base = {
      expectedState: { rfq: { status: 'DONE' }, trade: { settlementAmount: 100123.45 } },
      state,
      tolerance: { 'trade.settlementAmount': 0.01 },
      reply: 'Done, booked T-1',
      expectedReplyContains: ['booked'],
      calledTools: ['parse', 'book_trade'],
    };
    expect(stateSuccess(base).success).toBe(true);
    expect(stateSuccess({ ...base, forbiddenCalls: ['book_trade'] }).forbiddenUsed).toEqual(['book_trade']);
    expect(stateSuccess({ ...base, expectedReplyContains: ['成交'] }).missingPhrases).toEqual(['成交']);
    const wrong = stateSuccess({ ...base, expectedState: { rfq: { status: 'DONE' }, trade: null } });
    expect(wrong.success).toBe(false);
    expect(wrong.mismatches[0]?.path).toBe('trade');
  });
  it('checks reply patterns and must-not-contain phrases, and reports the share of reply checks met', () => {
    const base = { expectedState: {}, state: {}, reply: 'FY2024 net income 93,736 USD millions', calledTools: [] };
    expect(stateSuccess(base).replyAccuracy).toBeNull();
    const ok = stateSuccess({ ...base, expectedReplyContains: ['FY2024'], expectedReplyMatches: ['93,736\\s*USD'], forbiddenReplyContains: ['I can'] });
    expect(ok).toMatchObject({ success: true, replyAccuracy: 1, unmatchedPatterns: [], forbiddenPhrases: [] });
    const bad = stateSuccess({ ...base, expectedReplyContains: ['FY2024'], expectedReplyMatches: ['亿元'], forbiddenReplyContains: ['net income'] });
    expect(bad).toMatchObject({ success: false, unmatchedPatterns: ['亿元'], forbiddenPhrases: ['net income'] });
    expect(bad.replyAccuracy).toBeCloseTo(1 / 3, 12);
  });
});
