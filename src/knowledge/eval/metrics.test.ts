import { describe, expect, it } from 'vitest';
import { dedupe, mrrAt, recallAt } from './metrics.js';

describe('retrieval metrics', () => {
  const qs = [
    { gold: ['a', 'b'], ranked: ['x', 'a', 'y', 'b'] },
    { gold: ['c'], ranked: ['c'] },
    { gold: ['d'], ranked: ['x', 'y'] },
  ];
  it('computes recall@k as the mean per-query share of gold found', () => {
    expect(recallAt(qs, 1)).toBeCloseTo(1 / 3, 10);
    expect(recallAt(qs, 2)).toBeCloseTo((0.5 + 1) / 3, 10);
    expect(recallAt(qs, 4)).toBeCloseTo(2 / 3, 10);
  });
  it('computes MRR@k from the first gold hit', () => {
    expect(mrrAt(qs, 10)).toBeCloseTo((0.5 + 1 + 0) / 3, 10);
    expect(mrrAt(qs, 1)).toBeCloseTo(1 / 3, 10);
  });
  it('dedupes preserving order', () => expect(dedupe(['a', 'b', 'a', 'c'])).toEqual(['a', 'b', 'c']));
});
