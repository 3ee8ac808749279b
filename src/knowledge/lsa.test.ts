import { describe, expect, it } from 'vitest';
import { projectQuery, searchLsa, symmetricEigen, trainLsa, type LsaDoc } from './lsa.js';

describe('symmetric eigen-decomposition (Jacobi)', () => {
  it('recovers A = V diag(λ) Vᵀ', () => {
    const a = Float64Array.from([4, 1, 2, 1, 3, 0, 2, 0, 5]);
    const { values, vectors } = symmetricEigen(a, 3);
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 3; j++) {
        let s = 0;
        for (let k = 0; k < 3; k++) s += (vectors[i * 3 + k] ?? 0) * (values[k] ?? 0) * (vectors[j * 3 + k] ?? 0);
        expect(s).toBeCloseTo(a[i * 3 + j] ?? 0, 8);
      }
    }
    expect([...values].reduce((x, y) => x + y, 0)).toBeCloseTo(12, 8); // trace
  });
});

// Two topics; "配偶" and "夫妻" co-occur, so a query with only "配偶" should reach an article
// that says "夫妻" but never "配偶".
const docs: LsaDoc[] = [
  { id: 1, terms: ['配偶', '夫妻', '财产', '婚姻'] },
  { id: 2, terms: ['配偶', '夫妻', '离婚', '婚姻'] },
  { id: 3, terms: ['夫妻', '财产', '分割', '婚姻'] },
  { id: 4, terms: ['借款', '利息', '出借人', '合同'] },
  { id: 5, terms: ['借款', '合同', '逾期', '利息'] },
  { id: 6, terms: ['出借人', '利息', '逾期', '借款人'] },
  { id: 7, terms: ['婚姻', '离婚', '子女', '抚养'] },
  { id: 8, terms: ['合同', '违约', '借款', '出借人'] },
];

describe('LSA', () => {
  it('puts co-occurring terms close: a query word absent from an article still finds it', () => {
    const m = trainLsa(docs, { dim: 2, minDf: 2 });
    expect(m).not.toBeNull();
    if (!m) return;
    const q = projectQuery(m, ['配偶']);
    expect(q).not.toBeNull();
    if (!q) return;
    const hits = searchLsa(m, q, 8);
    expect(hits).toHaveLength(8);
    const rank3 = hits.findIndex((h) => h.id === 3);
    const loanRanks = [4, 5, 6, 8].map((id) => hits.findIndex((h) => h.id === id));
    expect(rank3).toBeLessThan(Math.min(...loanRanks));
    // Sorted by score, and the filter is honoured.
    expect(hits.every((h, i) => i === 0 || (hits[i - 1]?.score ?? 0) >= h.score)).toBe(true);
    expect(searchLsa(m, q, 8, (id) => id > 4).map((h) => h.id).sort()).toEqual([5, 6, 7, 8]);
  });

  it('is deterministic and unit-normalised, and declines a query with no known term', () => {
    const a = trainLsa(docs, { dim: 3 });
    const b = trainLsa([...docs].reverse().map((d) => ({ ...d })), { dim: 3 });
    expect(a && b).toBeTruthy();
    if (!a || !b) return;
    const qa = projectQuery(a, ['借款', '利息']);
    const qb = projectQuery(b, ['借款', '利息']);
    const ids = (m: typeof a, q: Float32Array | null) => (q ? searchLsa(m, q, 3).map((h) => h.id).sort() : []);
    expect(ids(a, qa)).toEqual(ids(b, qb));
    let n = 0;
    for (let i = 0; i < a.dim; i++) n += (a.docVecs[i] ?? 0) ** 2;
    expect(n).toBeCloseTo(1, 5);
    expect(projectQuery(a, ['不存在的词'])).toBeNull();
    expect(trainLsa([{ id: 1, terms: ['x'] }])).toBeNull();
  });
});
