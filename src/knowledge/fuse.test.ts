import { describe, expect, it } from 'vitest';
import { allowedDocs, fuse, RRF_K } from './retrieve.js';

describe('fuse (reciprocal rank, k = 60)', () => {
  it('sums 1/(k+rank) across channels and keeps per-channel provenance', () => {
    const out = fuse({ a: [{ id: 1, score: 9 }, { id: 2, score: 5 }], b: [{ id: 2, score: 0.8 }] });
    expect(out.map((h) => h.id)).toEqual([2, 1]);
    expect(out[0]?.score).toBeCloseTo(1 / (RRF_K + 2) + 1 / (RRF_K + 1), 12);
    expect(out[0]?.channels).toEqual([
      { channel: 'a', rank: 2, score: 5 },
      { channel: 'b', rank: 1, score: 0.8 },
    ]);
  });

  it('applies channel weights', () => {
    const out = fuse({ a: [{ id: 1, score: 1 }], b: [{ id: 2, score: 1 }] }, { a: 0.5 });
    expect(out.map((h) => h.id)).toEqual([2, 1]);
  });
});

describe('allowedDocs', () => {
  const docs = [
    { id: 1, source: 'a', title: '中华人民共和国示范法', effective: '2015-01-01', hash: 'x' },
    { id: 2, source: 'b', title: '中华人民共和国示范法', effective: '2020-01-01', hash: 'y' },
    { id: 3, source: 'c', title: '其他规则', effective: null, hash: 'z' },
  ];
  it('keeps the version in force on the as-of date, undated documents, and matches titles without the prefix', () => {
    expect([...(allowedDocs(docs, { asOf: '2019-12-31' }) ?? [])]).toEqual([1, 3]);
    expect([...(allowedDocs(docs, { asOf: '2021-01-01', doc: '《示范法》' }) ?? [])]).toEqual([2]);
    expect(allowedDocs(docs, {})).toBeNull();
    expect(() => allowedDocs(docs, { asOf: '2021/1/1' })).toThrow(/YYYY-MM-DD/);
  });
});
