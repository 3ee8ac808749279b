/**
 * Evidence scoring (pure): how well each retrieved article supports the question. The store's
 * fused score is rank-based (reciprocal rank), so it orders hits but says nothing absolute about
 * relevance; the absolute signal is lexical coverage of the question's content terms.
 */
import type { PolicyHit } from './schemas.js';
import { matchText, matchTerms, questionTerms, type Term } from './terms.js';
import { missingTopics, questionTopics } from './topics.js';
import { cnToInt } from '../knowledge/cn-numerals.js';

export interface EvidenceOptions {
  /** Minimum coverage of the best article for the question to count as supported. */
  threshold: number;
  /** Other articles are cited only when their score is at least this share of the best one. */
  citeRatio: number;
  /** At most this many articles are cited. */
  maxCitations: number;
  /** Weight of coverage vs. the retrieval rank prior in the ranking. */
  coverageWeight: number;
  /**
   * Retrieval rank prior: rank r (1 = best retrieval score) weighs priorRanks / (priorRanks + r - 1),
   * so the first few articles of the retrieval count clearly more than the tail.
   */
  priorRanks: number;
  /** A further article is cited only when it covers at least this share of question terms the others miss. */
  minGain: number;
  /**
   * Ranking score multiplier per distinctive question term (KYC, 关系人, 抵押率: matched by few of the
   * retrieved articles) that an article does not cover, so an article that does cover it wins.
   */
  keyTermPenalty: number;
  /** A term matched by at most this share of the retrieved articles is distinctive. */
  keyTermMaxShare: number;
  /**
   * Ranking score multiplier for an article that states nothing of the kind the question asks for
   * (no time limit for "how long", no amount for "how much"; see ANSWER_TYPES in terms.ts).
   */
  answerTypePenalty: number;
  /** A referenced article replaces the top one that refers to it when it scores at least this share of it. */
  referenceRatio: number;
}

/**
 * Calibrated on the first 87 cases of data/eval/policy.jsonl against the offline hybrid store; the
 * `holdout` cases (088–109) were written afterwards. The cross-language pass (key terms, coverageWeight
 * 0.8) was tuned while looking at failures including holdout ones (095, 099, 100), so holdout is no
 * longer strictly out of sample; the `cross-language` cases (110–122) were written before any run.
 * The answer-selection pass (rank prior over both retrieval passes, idf term weights, answer types,
 * named subjects, referenced rules; coverageWeight 0.7, priorRanks 5, answerTypePenalty 0.6) was
 * tuned on all of data/eval/policy.jsonl and on data/eval/policy-answer.jsonl in rounds: the `tune`
 * cases first, then `holdout`, `fresh` and `fresh2`, each opened only after being measured unseen;
 * the `fresh3` cases were written last and never used for tuning (the honest out-of-sample figure).
 */
export const DEFAULT_EVIDENCE_OPTIONS: EvidenceOptions = {
  threshold: 0.4,
  citeRatio: 0.98,
  maxCitations: 2,
  coverageWeight: 0.7,
  priorRanks: 5,
  minGain: 0.1,
  keyTermPenalty: 0.8,
  keyTermMaxShare: 0.25,
  answerTypePenalty: 0.6,
  referenceRatio: 0.9,
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
  /**
   * Subjects the question names (信用卡, 公积金; see topics.ts) that no retrieved article names: the
   * rules found do not cover them, whatever else they share with the question.
   */
  unnamed: string[];
  ranked: ScoredHit[];
  supported: boolean;
  supporting: ScoredHit[];
}

/**
 * Weak terms (single characters, 多久, how long) only qualify the content words: an article matching
 * them alone (产假有多少天 → any article with a day count) does not support an answer. At least a third
 * of the question's full-weight terms must be matched, and a question without any is not supported.
 */
function coversContent(terms: Term[], m: number[]): boolean {
  const strong = terms.map((t, j) => ({ t, v: m[j] ?? 0 })).filter((x) => x.t.weight >= 1);
  // Nothing but weak words (公司年会在哪里办 → 公司, 年, 办): no basis to tell what the question is about.
  if (strong.length === 0) return false;
  const got = strong.filter((x) => x.v >= 0.5).length;
  return got >= 1 && got / strong.length >= 1 / 3;
}

function weightedShare(terms: Term[], m: number[], weights: number[] = terms.map((t) => t.weight)): number {
  const total = weights.reduce((a, b) => a + b, 0);
  return total === 0 ? 0 : terms.reduce((n, _, j) => n + (weights[j] ?? 0) * (m[j] ?? 0), 0) / total;
}

export function scoreHits(question: string, hits: PolicyHit[], opts: EvidenceOptions = DEFAULT_EVIDENCE_OPTIONS): EvidenceDecision {
  const terms = questionTerms(question);
  // The retrieval score is reciprocal-rank: its ratios are nearly flat (0.087 vs 0.081 for ranks
  // 1 and 6), so it is read as a rank, and the rank as a prior that decays over the first few hits.
  const rankOf = hits.map((h) => 1 + hits.filter((o) => o.score > h.score).length);
  const matches = hits.map((hit) => matchTerms(terms, matchText(`${hit.doc}\n${hit.text}`)));
  const topics = questionTopics(question);
  const lacking = hits.map((hit) => missingTopics(topics, `${hit.doc}\n${hit.text}`).length);
  // Share of the retrieved articles matching each term: a term every article matches (可疑交易 in
  // the AML rules) cannot tell them apart, so the ranking weights terms by how specific they are.
  const share = terms.map((_, j) => (hits.length ? matches.filter((m) => (m[j] ?? 0) >= 0.5).length / hits.length : 0));
  // Inverse document frequency over the retrieved set; a term no article matches cannot rank them.
  const rankWeights = terms.map((t, j) => {
    const df = (share[j] ?? 0) * hits.length;
    return df === 0 ? 0 : t.weight * Math.log(1 + (hits.length + 1) / (df + 0.5));
  });
  const key = terms.map((t, j) => t.answer === undefined && t.weight >= 1 && (share[j] ?? 0) > 0 && (share[j] ?? 0) <= opts.keyTermMaxShare);
  // The kind of answer asked for (a time limit, an amount, a norm) weighs on every article that lacks
  // it, however many articles lack it: one that states no time limit cannot answer "how long",
  // whatever words it shares with the question (when no article states one, none is marked down).
  const asked = terms.map((t, j) => t.answer !== undefined && (share[j] ?? 0) > 0);
  // Support is judged on what the question is about; the kind of answer asked for only ranks.
  const coverageWeights = terms.map((t) => (t.answer ? 0 : t.weight));
  const ranked = hits
    .map((hit, i): ScoredHit & { i: number; m: number[]; lacks: number } => {
      const m = matches[i] ?? [];
      const lacks = lacking[i] ?? 0;
      const specific = weightedShare(terms, m, rankWeights);
      const missingKeys = key.filter((k, j) => k && (m[j] ?? 0) < 0.5).length;
      const missingAnswer = asked.filter((k, j) => k && (m[j] ?? 0) < 0.5).length;
      const prior = opts.priorRanks / (opts.priorRanks + (rankOf[i] ?? hits.length) - 1);
      const blended = opts.coverageWeight * specific + (1 - opts.coverageWeight) * prior;
      const penalty = opts.keyTermPenalty ** (missingKeys + lacks) * opts.answerTypePenalty ** missingAnswer;
      return { hit, coverage: weightedShare(terms, m, coverageWeights), score: blended * penalty, i, m, lacks };
    })
    // Stable: ties keep the store's order.
    .sort((a, b) => b.score - a.score || a.i - b.i);
  preferReferencedRule(ranked, opts.referenceRatio);
  const best = ranked[0];
  const supported =
    best !== undefined &&
    best.hit.article !== null &&
    best.lacks === 0 &&
    best.coverage >= opts.threshold &&
    coversContent(terms, best.m);
  const supporting: ScoredHit[] = [];
  if (supported && best) {
    // Per-term match of what is already cited: a further article must add evidence, not repeat it.
    const covered = [...best.m];
    supporting.push(strip(best));
    const total = terms.reduce((n, t) => n + t.weight, 0);
    for (const r of ranked.slice(1)) {
      if (supporting.length >= opts.maxCitations) break;
      if (r.hit.article === null || r.lacks > 0 || r.coverage < opts.threshold || r.score < opts.citeRatio * best.score) continue;
      const gain = terms.reduce((n, t, j) => n + t.weight * Math.max(0, (r.m[j] ?? 0) - (covered[j] ?? 0)), 0) / (total || 1);
      if (gain < opts.minGain) continue;
      supporting.push(strip(r));
      r.m.forEach((v, j) => (covered[j] = Math.max(covered[j] ?? 0, v)));
    }
  }
  const unnamed = topics.filter((t) => hits.every((hit) => missingTopics([t], `${hit.doc}\n${hit.text}`).length > 0)).map((t) => {
    const lower = question.toLowerCase();
    return t.asked.find((a) => question.includes(a) || lower.includes(a.toLowerCase())) ?? t.asked[0] ?? '';
  });
  return { terms, unnamed, ranked: ranked.map(strip), supported, supporting };
}

/**
 * Article numbers a text applies by reference (违反本办法第十六条…, as provided in Article 11), not its
 * own header.
 */
export function referencedArticles(text: string): number[] {
  const out: number[] = [];
  for (const m of text.matchAll(/本(?:办法|规程|规定|细则|制度|标准)第([零〇一二两三四五六七八九十百]+)条/g)) {
    const n = cnToInt(m[1] ?? '');
    if (n !== null) out.push(n);
  }
  for (const m of text.matchAll(/\bArticles?\s+(\d+)\b/g)) if (m.index > 0) out.push(Number(m[1]));
  return out;
}

/**
 * A clause that applies another article (（一）违反本办法第十六条向关系人发放信用贷款的) shares the rule's
 * words but is not the rule: when the top article refers to a retrieved article of the same document
 * that covers the question at least as well and ranks nearly as high, the referenced rule goes first.
 */
function preferReferencedRule<T extends ScoredHit & { lacks: number }>(ranked: T[], ratio: number): void {
  const top = ranked[0];
  if (!top) return;
  const refs = referencedArticles(top.hit.text);
  if (refs.length === 0) return;
  const j = ranked.findIndex(
    (r, k) =>
      k > 0 &&
      r.hit.doc === top.hit.doc &&
      r.hit.article !== null &&
      refs.includes(r.hit.article) &&
      r.lacks === 0 &&
      r.coverage >= top.coverage &&
      r.score >= ratio * top.score,
  );
  if (j > 0) ranked.unshift(...ranked.splice(j, 1));
}

function strip(r: ScoredHit): ScoredHit {
  return { hit: r.hit, coverage: r.coverage, score: r.score };
}
