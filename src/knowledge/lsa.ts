/**
 * Latent semantic analysis trained on the store's own corpus (pure, no model files): a truncated SVD
 * of the log-tf·idf term–article matrix by randomized subspace iteration, all on typed arrays.
 * Articles and queries are projected onto the top-k left singular vectors, so a question sharing
 * few literal words with an article can still land near it (terms that co-occur across the corpus
 * end up close). Deterministic: a fixed-seed generator draws the random start.
 */

export interface LsaDoc {
  id: number;
  terms: string[];
}

export interface LsaOptions {
  /** Latent dimensions kept. */
  dim: number;
  /** Terms in fewer articles than this carry no co-occurrence signal and are left out. */
  minDf: number;
  /** Power iterations (more = closer to the exact SVD, each costs two sparse products). */
  iterations: number;
  seed: number;
}

export const DEFAULT_LSA_OPTIONS: LsaOptions = { dim: 128, minDf: 2, iterations: 2, seed: 42 };

export interface LsaModel {
  dim: number;
  /** Vocabulary: term → row in termVecs, with its idf. */
  terms: Map<string, { row: number; idf: number }>;
  /** m × dim, row-major: U_k (term coordinates; a query is the idf-weighted sum of its terms' rows). */
  termVecs: Float32Array;
  docIds: Int32Array;
  /** n × dim, row-major, unit length. */
  docVecs: Float32Array;
}

/** mulberry32: a tiny seeded generator, so the same corpus always gives the same model. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Sparse term–article matrix, stored by article (column): term rows and weights. */
interface Sparse {
  m: number;
  n: number;
  colStart: Int32Array;
  rows: Int32Array;
  vals: Float32Array;
}

/** Y (m×l) = A X, X n×l; all dense matrices row-major. */
function mulA(a: Sparse, x: Float64Array, l: number): Float64Array {
  const y = new Float64Array(a.m * l);
  for (let j = 0; j < a.n; j++) {
    const xo = j * l;
    for (let p = a.colStart[j] ?? 0, e = a.colStart[j + 1] ?? 0; p < e; p++) {
      const yo = (a.rows[p] ?? 0) * l;
      const v = a.vals[p] ?? 0;
      for (let c = 0; c < l; c++) y[yo + c] = (y[yo + c] ?? 0) + v * (x[xo + c] ?? 0);
    }
  }
  return y;
}

/** X (n×l) = Aᵀ Y, Y m×l. */
function mulAt(a: Sparse, y: Float64Array, l: number): Float64Array {
  const x = new Float64Array(a.n * l);
  for (let j = 0; j < a.n; j++) {
    const xo = j * l;
    for (let p = a.colStart[j] ?? 0, e = a.colStart[j + 1] ?? 0; p < e; p++) {
      const yo = (a.rows[p] ?? 0) * l;
      const v = a.vals[p] ?? 0;
      for (let c = 0; c < l; c++) x[xo + c] = (x[xo + c] ?? 0) + v * (y[yo + c] ?? 0);
    }
  }
  return x;
}

/**
 * Orthonormalise the l columns of a row-major r×l matrix in place (modified Gram–Schmidt). The work
 * runs on a column-major copy, so each column is contiguous: the same operations in the same order
 * (bit-for-bit the same result) without striding across rows, which made this the largest cost of
 * an ingest.
 */
function orthonormalize(q: Float64Array, r: number, l: number): void {
  const t = new Float64Array(r * l);
  for (let i = 0; i < r; i++) for (let c = 0; c < l; c++) t[c * r + i] = q[i * l + c]!;
  for (let c = 0; c < l; c++) {
    const co = c * r;
    for (let p = 0; p < c; p++) {
      const po = p * r;
      let d = 0;
      for (let i = 0; i < r; i++) d += t[co + i]! * t[po + i]!;
      for (let i = 0; i < r; i++) t[co + i] = t[co + i]! - d * t[po + i]!;
    }
    let s = 0;
    for (let i = 0; i < r; i++) s += t[co + i]! ** 2;
    const inv = s > 1e-20 ? 1 / Math.sqrt(s) : 0; // a degenerate column becomes zero, not NaN
    for (let i = 0; i < r; i++) t[co + i] = t[co + i]! * inv;
  }
  for (let i = 0; i < r; i++) for (let c = 0; c < l; c++) q[i * l + c] = t[c * r + i]!;
}

/** Eigen-decomposition of a symmetric l×l matrix (cyclic Jacobi); eigenvectors are columns of v. */
export function symmetricEigen(input: Float64Array, l: number): { values: Float64Array; vectors: Float64Array } {
  const a = Float64Array.from(input);
  const v = new Float64Array(l * l);
  for (let i = 0; i < l; i++) v[i * l + i] = 1;
  for (let sweep = 0; sweep < 50; sweep++) {
    let off = 0;
    for (let p = 0; p < l; p++) for (let q = p + 1; q < l; q++) off += (a[p * l + q] ?? 0) ** 2;
    if (off < 1e-22) break;
    for (let p = 0; p < l; p++) {
      for (let q = p + 1; q < l; q++) {
        const apq = a[p * l + q] ?? 0;
        if (Math.abs(apq) < 1e-300) continue;
        const theta = ((a[q * l + q] ?? 0) - (a[p * l + p] ?? 0)) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < l; k++) {
          const akp = a[k * l + p] ?? 0;
          const akq = a[k * l + q] ?? 0;
          a[k * l + p] = c * akp - s * akq;
          a[k * l + q] = s * akp + c * akq;
        }
        for (let k = 0; k < l; k++) {
          const apk = a[p * l + k] ?? 0;
          const aqk = a[q * l + k] ?? 0;
          a[p * l + k] = c * apk - s * aqk;
          a[q * l + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < l; k++) {
          const vkp = v[k * l + p] ?? 0;
          const vkq = v[k * l + q] ?? 0;
          v[k * l + p] = c * vkp - s * vkq;
          v[k * l + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const values = new Float64Array(l);
  for (let i = 0; i < l; i++) values[i] = a[i * l + i] ?? 0;
  return { values, vectors: v };
}

/** Sublinear tf × idf weight used for both articles and queries. */
function tfIdf(tf: number, idf: number): number {
  return (1 + Math.log(tf)) * idf;
}

export function trainLsa(docs: LsaDoc[], options: Partial<LsaOptions> = {}): LsaModel | null {
  const o = { ...DEFAULT_LSA_OPTIONS, ...options };
  const n = docs.length;
  const df = new Map<string, number>();
  const tfs = docs.map((d) => {
    const tf = new Map<string, number>();
    for (const t of d.terms) tf.set(t, (tf.get(t) ?? 0) + 1);
    for (const t of tf.keys()) df.set(t, (df.get(t) ?? 0) + 1);
    return tf;
  });
  const terms = new Map<string, { row: number; idf: number }>();
  // Sorted vocabulary: the row order (and so the model) does not depend on insertion order.
  for (const [t, d] of [...df.entries()].sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0))) {
    if (d >= o.minDf) terms.set(t, { row: terms.size, idf: Math.log(n / d) });
  }
  const m = terms.size;
  const l = Math.min(o.dim + 10, n, m);
  const k = Math.min(o.dim, l);
  if (k < 2) return null;

  // Columns = articles, L2-normalised so long articles do not dominate the latent space.
  const colStart = new Int32Array(n + 1);
  const rows: number[] = [];
  const vals: number[] = [];
  tfs.forEach((tf, j) => {
    const start = rows.length;
    let ss = 0;
    for (const [t, c] of tf) {
      const e = terms.get(t);
      if (!e || e.idf <= 0) continue;
      const w = tfIdf(c, e.idf);
      rows.push(e.row);
      vals.push(w);
      ss += w * w;
    }
    const inv = ss > 0 ? 1 / Math.sqrt(ss) : 0;
    for (let p = start; p < vals.length; p++) vals[p] = (vals[p] ?? 0) * inv;
    colStart[j + 1] = rows.length;
  });
  const a: Sparse = { m, n, colStart, rows: Int32Array.from(rows), vals: Float32Array.from(vals) };

  // Randomized subspace iteration in article space: W spans the top right singular vectors.
  const rand = rng(o.seed);
  let w: Float64Array = new Float64Array(n * l);
  for (let i = 0; i < w.length; i++) w[i] = rand() * 2 - 1;
  for (let it = 0; it < o.iterations; it++) {
    orthonormalize(w, n, l);
    w = mulAt(a, mulA(a, w, l), l);
  }
  orthonormalize(w, n, l);
  // B = A W (m×l); BᵀB = V S² Vᵀ gives A ≈ (B V S⁻¹) S (W V)ᵀ.
  const b = mulA(a, w, l);
  const btb = new Float64Array(l * l);
  for (let i = 0; i < m; i++) {
    const o2 = i * l;
    for (let p = 0; p < l; p++) {
      const bp = b[o2 + p] ?? 0;
      if (bp === 0) continue;
      for (let q = p; q < l; q++) btb[p * l + q] = (btb[p * l + q] ?? 0) + bp * (b[o2 + q] ?? 0);
    }
  }
  for (let p = 0; p < l; p++) for (let q = 0; q < p; q++) btb[p * l + q] = btb[q * l + p] ?? 0;
  const { values, vectors } = symmetricEigen(btb, l);
  const order = [...values.keys()].sort((x, y) => (values[y] ?? 0) - (values[x] ?? 0)).slice(0, k);

  // Term coordinates U_k = B V_k S_k⁻¹.
  const termVecs = new Float32Array(m * k);
  order.forEach((col, c) => {
    const s = Math.sqrt(Math.max(values[col] ?? 0, 1e-20));
    for (let i = 0; i < m; i++) {
      let d = 0;
      for (let p = 0; p < l; p++) d += (b[i * l + p] ?? 0) * (vectors[p * l + col] ?? 0);
      termVecs[i * k + c] = d / s;
    }
  });
  // Article coordinates U_kᵀ a_j = S_k (W V_k)_j, normalised for cosine search.
  const docVecs = new Float32Array(n * k);
  for (let j = 0; j < n; j++) {
    let ss = 0;
    order.forEach((col, c) => {
      let d = 0;
      for (let p = 0; p < l; p++) d += (w[j * l + p] ?? 0) * (vectors[p * l + col] ?? 0);
      const x = d * Math.sqrt(Math.max(values[col] ?? 0, 0));
      docVecs[j * k + c] = x;
      ss += x * x;
    });
    const inv = ss > 0 ? 1 / Math.sqrt(ss) : 0;
    for (let c = 0; c < k; c++) docVecs[j * k + c] = (docVecs[j * k + c] ?? 0) * inv;
  }
  return { dim: k, terms, termVecs, docIds: Int32Array.from(docs.map((d) => d.id)), docVecs };
}

/** A query's latent vector (unit length), or null when none of its terms is in the vocabulary. */
export function projectQuery(model: LsaModel, terms: string[], weights?: Map<string, number>): Float32Array | null {
  const tf = new Map<string, number>();
  for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + 1);
  const k = model.dim;
  const q = new Float32Array(k);
  let any = false;
  for (const [t, c] of tf) {
    const e = model.terms.get(t);
    if (!e) continue;
    any = true;
    const w = tfIdf(c, e.idf) * (weights?.get(t) ?? 1);
    const o = e.row * k;
    for (let i = 0; i < k; i++) q[i] = (q[i] ?? 0) + w * (model.termVecs[o + i] ?? 0);
  }
  if (!any) return null;
  let ss = 0;
  for (let i = 0; i < k; i++) ss += (q[i] ?? 0) ** 2;
  if (ss === 0) return null;
  const inv = 1 / Math.sqrt(ss);
  for (let i = 0; i < k; i++) q[i] = (q[i] ?? 0) * inv;
  return q;
}

/** Exact cosine search over all article vectors (brute force: ~1 ms per 10k articles at 128 dims). */
export function searchLsa(
  model: LsaModel,
  q: Float32Array,
  limit: number,
  allow?: (id: number) => boolean,
): { id: number; score: number }[] {
  const k = model.dim;
  const n = model.docIds.length;
  const scores = new Float32Array(n);
  for (let j = 0; j < n; j++) {
    let d = 0;
    const o = j * k;
    for (let i = 0; i < k; i++) d += (q[i] ?? 0) * (model.docVecs[o + i] ?? 0);
    scores[j] = d;
  }
  // Bounded insertion into a sorted top list: far cheaper than sorting every article.
  const topJ: number[] = [];
  const topS: number[] = [];
  for (let j = 0; j < n; j++) {
    const s = scores[j] ?? 0;
    if (topJ.length >= limit && s <= (topS[topS.length - 1] ?? -Infinity)) continue;
    if (allow && !allow(model.docIds[j] ?? -1)) continue;
    let p = topJ.length;
    while (p > 0 && (topS[p - 1] ?? 0) < s) p--;
    topJ.splice(p, 0, j);
    topS.splice(p, 0, s);
    if (topJ.length > limit) {
      topJ.pop();
      topS.pop();
    }
  }
  return topJ.map((j, i) => ({ id: model.docIds[j] ?? -1, score: topS[i] ?? 0 }));
}
