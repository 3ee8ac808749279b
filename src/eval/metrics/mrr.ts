import { normalizeLabel } from './labels.js';
import { distinct } from './recall-at-k.js';

/** MRR@k for one query: 1/rank of the first gold label within the first k distinct labels, else 0. Null without gold. */
export function reciprocalRankAtK(ranked: readonly string[], gold: readonly string[], k: number): number | null {
  const g = new Set(gold.map(normalizeLabel));
  if (g.size === 0) return null;
  const top = distinct(ranked).slice(0, k);
  const idx = top.findIndex((l) => g.has(l));
  return idx < 0 ? 0 : 1 / (idx + 1);
}
