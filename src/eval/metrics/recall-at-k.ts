import { normalizeLabel } from './labels.js';

/** Retrieval Recall@k: share of gold items found among the first k distinct retrieved labels. Null without gold. */
export function recallAtK(ranked: readonly string[], gold: readonly string[], k: number): number | null {
  const g = new Set(gold.map(normalizeLabel));
  if (g.size === 0) return null;
  const top = distinct(ranked).slice(0, k);
  return top.filter((l) => g.has(l)).length / g.size;
}

/** Ranked labels normalised and de-duplicated (several chunks of one article count once, at its best rank). */
export function distinct(ranked: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const r of ranked) {
    const l = normalizeLabel(r);
    if (!seen.has(l)) {
      seen.add(l);
      out.push(l);
    }
  }
  return out;
}
