import { describe, expect, it } from 'vitest';
import { allowedDocs, fuse, fuseMixed, fuseScores, RRF_K, sumScores } from './retrieve.js';

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

describe('sumScores (one BM25 over two disjoint token views)', () => {
  it('adds each article’s scores across views and ranks by the sum', () => {
    const out = sumScores([{ id: 1, score: 3 }, { id: 2, score: 2.5 }], [{ id: 2, score: 1 }, { id: 3, score: 0.5 }]);
    expect(out).toEqual([
      { id: 2, score: 3.5 },
      { id: 1, score: 3 },
      { id: 3, score: 0.5 },
    ]);
  });
});

describe('fuseScores (CombSUM of min–max scaled scores)', () => {
  it('keeps score margins: a clear winner in one channel beats a narrow second in two', () => {
    const out = fuseScores({
      a: [{ id: 1, score: 100 }, { id: 2, score: 10 }, { id: 3, score: 0 }],
      b: [{ id: 3, score: 5 }, { id: 2, score: 4.9 }, { id: 1, score: 0 }],
    });
    expect(out.map((h) => h.id)).toEqual([2, 1, 3]);
    expect(out[0]?.score).toBeCloseTo(0.1 + 0.98, 12);
    expect(out[0]?.channels).toEqual([
      { channel: 'a', rank: 2, score: 10 },
      { channel: 'b', rank: 2, score: 4.9 },
    ]);
  });

  it('applies channel weights and copes with a one-item list', () => {
    const out = fuseScores({ a: [{ id: 1, score: 7 }], b: [{ id: 2, score: 1 }, { id: 1, score: 0 }] }, { b: 2 });
    expect(out.map((h) => h.id)).toEqual([2, 1]);
  });
});

describe('fuseMixed (RRF plus scaled CombSUM)', () => {
  it('lets a large score margin break a rank tie that RRF alone leaves to the id', () => {
    const channels = {
      a: [{ id: 1, score: 10 }, { id: 2, score: 9.9 }, { id: 3, score: 0 }],
      b: [{ id: 2, score: 10 }, { id: 1, score: 0.1 }, { id: 3, score: 0 }],
    };
    // RRF: 1 and 2 tie (ranks 1+2 each) and the lower id wins; their score margins favour 2.
    expect(fuse(channels).map((h) => h.id)).toEqual([1, 2, 3]);
    const mixed = fuseMixed(channels);
    expect(mixed.map((h) => h.id)).toEqual([2, 1, 3]);
    expect(mixed[0]?.score).toBeCloseTo(0.5 * (1 / 62 + 1 / 61) + (0.5 * (0.99 + 1)) / 61, 12);
    expect(mixed[0]?.channels.map((c) => c.channel)).toEqual(['a', 'b']);
  });
});
