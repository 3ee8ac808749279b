/**
 * Evidence scoring (pure): how well each retrieved article supports the question. The store's
 * fused score is rank-based (reciprocal rank), so it orders hits but says nothing absolute about
 * relevance; the absolute signal is lexical coverage of the question's content terms.
 */
import type { PolicyHit } from './schemas.js';
import { coverage, matchText, questionTerms, termMatch, type Term } from './terms.js';

export interface EvidenceOptions {
  /** Minimum coverage of the best article for the question to count as supported. */
  threshold: number;
  /** Other articles are cited only when their score is at least this share of the best one. */
  citeRatio: number;
  /** At most this many articles are cited. */
  maxCitations: number;
  /** Weight of coverage vs. the store's (normalised) fused score in the ranking. */
  coverageWeight: number;
  /** A further article is cited only when it covers at least this share of question terms the others miss. */
  minGain: number;
}

/**
 * Calibrated on the first 87 cases of data/eval/policy.jsonl against the offline hybrid store; the
 * `holdout` cases were written afterwards and measure it out of sample (src/agents/policy.test.ts).
 */
export const DEFAULT_EVIDENCE_OPTIONS: EvidenceOptions = {
  threshold: 0.4,
  citeRatio: 0.98,
  maxCitations: 2,
  coverageWeight: 0.7,
  minGain: 0.1,
};

export interface ScoredHit {
  hit: PolicyHit;
  /** Weighted share of question terms found in the article (0–1). */
  coverage: number;
  /** Ranking score: coverage blended with the store's normalised fused score (0–1). */
  score: number;
}

export interface EvidenceDecision {
  terms: Term[];
  ranked: ScoredHit[];
  supported: boolean;
  supporting: ScoredHit[];
}

export function scoreHits(question: string, hits: PolicyHit[], opts: EvidenceOptions = DEFAULT_EVIDENCE_OPTIONS): EvidenceDecision {
  const terms = questionTerms(question);
  const top = Math.max(0, ...hits.map((h) => h.score));
  const ranked = hits
    .map((hit, i): ScoredHit & { i: number } => {
      const cov = coverage(terms, matchText(`${hit.doc}\n${hit.text}`));
      const fused = top > 0 ? hit.score / top : 0;
      return { hit, coverage: cov, score: opts.coverageWeight * cov + (1 - opts.coverageWeight) * fused, i };
    })
    // Stable: ties keep the store's order.
    .sort((a, b) => b.score - a.score || a.i - b.i)
    .map(({ hit, coverage: c, score }) => ({ hit, coverage: c, score }));
  const best = ranked[0];
  const supported = best !== undefined && best.hit.article !== null && best.coverage >= opts.threshold;
  const supporting: ScoredHit[] = [];
  if (supported && best) {
    // Per-term match of what is already cited: a further article must add evidence, not repeat it.
    const covered = terms.map((t) => termMatch(t, matchText(`${best.hit.doc}\n${best.hit.text}`)));
    supporting.push(best);
    for (const r of ranked.slice(1)) {
      if (supporting.length >= opts.maxCitations) break;
      if (r.hit.article === null || r.coverage < opts.threshold || r.score < opts.citeRatio * best.score) continue;
      const m = terms.map((t) => termMatch(t, matchText(`${r.hit.doc}\n${r.hit.text}`)));
      const total = terms.reduce((n, t) => n + t.weight, 0);
      const gain = terms.reduce((n, t, i) => n + t.weight * Math.max(0, (m[i] ?? 0) - (covered[i] ?? 0)), 0) / (total || 1);
      if (gain < opts.minGain) continue;
      supporting.push(r);
      m.forEach((v, i) => (covered[i] = Math.max(covered[i] ?? 0, v)));
    }
  }
  return { terms, ranked, supported, supporting };
}
