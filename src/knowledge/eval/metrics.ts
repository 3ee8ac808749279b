/** Retrieval metrics over ranked lists of article names (pure). */

export interface RankedQuery {
  gold: string[];
  ranked: string[];
}

/** Mean over queries of |gold ∩ top-k| / |gold|. */
export function recallAt(qs: RankedQuery[], k: number): number {
  if (qs.length === 0) return 0;
  let sum = 0;
  for (const q of qs) {
    const top = new Set(q.ranked.slice(0, k));
    sum += q.gold.filter((g) => top.has(g)).length / Math.max(1, q.gold.length);
  }
  return sum / qs.length;
}

/** Mean reciprocal rank of the first gold item within the top k (0 when none). */
export function mrrAt(qs: RankedQuery[], k: number): number {
  if (qs.length === 0) return 0;
  let sum = 0;
  for (const q of qs) {
    const gold = new Set(q.gold);
    const i = q.ranked.slice(0, k).findIndex((r) => gold.has(r));
    if (i >= 0) sum += 1 / (i + 1);
  }
  return sum / qs.length;
}

/** Keep the first occurrence of each name (split articles yield several chunks). */
export function dedupe(names: string[]): string[] {
  return [...new Set(names)];
}

export function percentile(samples: number[], q: number): number {
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * (s.length - 1)))] ?? NaN;
}
