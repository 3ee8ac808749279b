import { normalizeLabel } from './labels.js';

/**
 * Citation precision = |cited ∩ gold| / |cited|; recall = |cited ∩ gold| / |gold|.
 * A ratio with an empty denominator is null (not scored) rather than a made-up 0 or 1.
 */
export interface CitationScore {
  precision: number | null;
  recall: number | null;
}

export function citationScore(cited: readonly string[], gold: readonly string[]): CitationScore {
  const c = new Set(cited.map(normalizeLabel));
  const g = new Set(gold.map(normalizeLabel));
  const hit = [...c].filter((l) => g.has(l)).length;
  return { precision: c.size ? hit / c.size : null, recall: g.size ? hit / g.size : null };
}
