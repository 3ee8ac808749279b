/**
 * Offline default embedder: hashed CJK character uni/bi/trigrams and stemmed English words
 * (the "hashing trick"), sublinear tf, L2-normalised. Deterministic, no model files.
 */
import { latinWords } from '../tokens.js';
import { l2normalize, type Embedder } from './types.js';

const CJK_RUN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+/g;

/** 32-bit FNV-1a over UTF-16 code units. */
export function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Weight per feature kind: unigrams are weak but let 1-character queries match. */
const KIND_WEIGHT: Record<string, number> = { '1': 0.3, '2': 1, '3': 0.7, w: 1 };

function features(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (k: string) => counts.set(k, (counts.get(k) ?? 0) + 1);
  for (const m of text.matchAll(CJK_RUN)) {
    const r = m[0];
    for (let i = 0; i < r.length; i++) {
      add(`1${r[i]}`);
      if (i + 1 < r.length) add(`2${r.slice(i, i + 2)}`);
      if (i + 2 < r.length) add(`3${r.slice(i, i + 3)}`);
    }
  }
  for (const w of latinWords(text)) add(`w${w}`);
  // Sublinear tf so one repeated phrase does not swamp the vector.
  const f = new Map<string, number>();
  for (const [k, c] of counts) f.set(k, (KIND_WEIGHT[k[0] ?? 'w'] ?? 1) * (1 + Math.log(c)));
  return f;
}

export function createHashedEmbedder(dim = 256): Embedder {
  const embedOne = (text: string): number[] => {
    const v = new Array<number>(dim).fill(0);
    for (const [k, w] of features(text)) {
      const h = fnv1a(k);
      // One sign bit from the hash keeps collisions from only ever adding up.
      v[h % dim] = (v[h % dim] ?? 0) + (h & 0x80000000 ? -w : w);
    }
    return l2normalize(v);
  };
  return {
    name: `hashed-ngram-v1`,
    dim,
    embed: (texts) => Promise.resolve(texts.map(embedOne)),
  };
}
