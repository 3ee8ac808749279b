import { describe, expect, it } from 'vitest';
import { citationScore } from './citations.js';
import { reciprocalRankAtK } from './mrr.js';
import { recallAtK } from './recall-at-k.js';

const ranked = ['《办法》第三条', '《办法》第五条', '《办法》 第三条', '《办法》第九条', '《办法》第十二条'];

describe('Recall@k and MRR@k', () => {
  it('counts distinct labels in rank order', () => {
    // Distinct ranking: 第三条, 第五条, 第九条, 第十二条 (the repeated 第三条 chunk collapses).
    const gold = ['《办法》第九条', '《办法》第十二条'];
    expect(recallAtK(ranked, gold, 1)).toBe(0);
    expect(recallAtK(ranked, gold, 3)).toBe(0.5);
    expect(recallAtK(ranked, gold, 4)).toBe(1);
    expect(reciprocalRankAtK(ranked, gold, 10)).toBeCloseTo(1 / 3, 12);
    expect(reciprocalRankAtK(ranked, gold, 2)).toBe(0);
    expect(reciprocalRankAtK(ranked, ['《办法》第五条'], 10)).toBe(0.5);
  });
  it('is not scored without gold', () => {
    expect(recallAtK(ranked, [], 5)).toBeNull();
    expect(reciprocalRankAtK(ranked, [], 5)).toBeNull();
  });
});

describe('citation precision and recall', () => {
  it('scores cited against gold', () => {
    // cited {A, B, C}, gold {A, D}: precision 1/3, recall 1/2.
    const r = citationScore(['A', 'B', 'C'], ['A', 'D']);
    expect(r.precision).toBeCloseTo(1 / 3, 12);
    expect(r.recall).toBe(0.5);
    expect(citationScore([], ['A'])).toEqual({ precision: null, recall: 0 });
    expect(citationScore([], [])).toEqual({ precision: null, recall: null });
  });
});
