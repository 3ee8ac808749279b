/**
 * Policy-suite metrics (pure), as defined in the shared eval format: retrieval Recall@k and MRR over
 * the ranked `evidence` labels, citation precision/recall over `citations`, refusal accuracy from
 * `supported` vs `shouldRefuse`. Retrieval and citation metrics cover the cases that have gold.
 */
import { z } from 'zod';
import { UserInputError } from '../runtime/errors.js';
import type { AskResult } from './schemas.js';

export const PolicyCaseSchema = z.object({
  id: z.string().min(1),
  agent: z.literal('policy'),
  kind: z.literal('policy'),
  tags: z.array(z.string()),
  user: z.string().optional(),
  question: z.string().min(1),
  gold: z.array(z.string()),
  shouldRefuse: z.boolean(),
  requiredPhrases: z.array(z.string()).optional(),
  forbiddenPhrases: z.array(z.string()).optional(),
});
export type PolicyCase = z.infer<typeof PolicyCaseSchema>;

export interface CaseScore {
  id: string;
  /** Rank (1-based) of the first gold label in evidence, or null. */
  firstGoldRank: number | null;
  recallAt: Record<number, number>;
  citationPrecision: number | null;
  citationRecall: number | null;
  refusalCorrect: boolean;
  phrasesOk: boolean;
  /** Refusal correct, phrases ok and, for answerable cases, at least one gold article cited. */
  pass: boolean;
}

export const RECALL_KS = [1, 5, 10] as const;

export function scoreCase(c: PolicyCase, r: AskResult): CaseScore {
  const ranked = r.evidence.map((e) => e.label);
  const gold = new Set(c.gold);
  const idx = ranked.findIndex((l) => gold.has(l));
  const recallAt: Record<number, number> = {};
  for (const k of RECALL_KS) {
    recallAt[k] = gold.size === 0 ? 0 : ranked.slice(0, k).filter((l, i, a) => gold.has(l) && a.indexOf(l) === i).length / gold.size;
  }
  const cited = [...new Set(r.citations.map((x) => x.label))];
  const hits = cited.filter((l) => gold.has(l)).length;
  const phrasesOk =
    (c.requiredPhrases ?? []).every((p) => r.answer.includes(p)) && (c.forbiddenPhrases ?? []).every((p) => !r.answer.includes(p));
  const refusalCorrect = r.supported === !c.shouldRefuse;
  return {
    id: c.id,
    firstGoldRank: idx >= 0 ? idx + 1 : null,
    recallAt,
    citationPrecision: cited.length ? hits / cited.length : null,
    citationRecall: gold.size ? hits / gold.size : null,
    refusalCorrect,
    phrasesOk,
    pass: refusalCorrect && phrasesOk && (c.shouldRefuse || hits > 0),
  };
}

export interface SuiteSummary {
  cases: number;
  answerable: number;
  refusals: number;
  recallAt1: number;
  recallAt5: number;
  recallAt10: number;
  mrrAt10: number;
  /** Micro-averaged over all citations made on answerable cases. */
  citationPrecision: number;
  /** Micro-averaged over all gold articles of answerable cases. */
  citationRecall: number;
  refusalAccuracy: number;
  passRate: number;
}

export function summarize(cases: PolicyCase[], scores: CaseScore[], results: AskResult[]): SuiteSummary {
  const answerable = cases.map((c, i) => ({ c, s: scores[i], r: results[i] })).filter((x) => x.c.gold.length > 0 && !x.c.shouldRefuse);
  const mean = (xs: number[]): number => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
  let cited = 0;
  let citedGood = 0;
  let goldTotal = 0;
  let goldCited = 0;
  for (const { c, r } of answerable) {
    if (!r) continue;
    const labels = [...new Set(r.citations.map((x) => x.label))];
    cited += labels.length;
    citedGood += labels.filter((l) => c.gold.includes(l)).length;
    goldTotal += c.gold.length;
    goldCited += c.gold.filter((g) => labels.includes(g)).length;
  }
  return {
    cases: cases.length,
    answerable: answerable.length,
    refusals: cases.filter((c) => c.shouldRefuse).length,
    recallAt1: mean(answerable.map((x) => x.s?.recallAt[1] ?? 0)),
    recallAt5: mean(answerable.map((x) => x.s?.recallAt[5] ?? 0)),
    recallAt10: mean(answerable.map((x) => x.s?.recallAt[10] ?? 0)),
    mrrAt10: mean(answerable.map((x) => (x.s?.firstGoldRank && x.s.firstGoldRank <= 10 ? 1 / x.s.firstGoldRank : 0))),
    citationPrecision: cited ? citedGood / cited : 0,
    citationRecall: goldTotal ? goldCited / goldTotal : 0,
    refusalAccuracy: mean(scores.map((s) => (s.refusalCorrect ? 1 : 0))),
    passRate: mean(scores.map((s) => (s.pass ? 1 : 0))),
  };
}

/** Parse a suite file's text (JSONL; blank and `//` lines ignored), naming the bad line. */
export function parseSuite(text: string, file = 'policy suite'): PolicyCase[] {
  const out: PolicyCase[] = [];
  text.split('\n').forEach((line, i) => {
    const t = line.trim();
    if (!t || t.startsWith('//')) return;
    let raw: unknown;
    try {
      raw = JSON.parse(t);
    } catch (e) {
      throw new UserInputError(`${file}:${i + 1}: invalid JSON: ${(e as Error).message}`);
    }
    const p = PolicyCaseSchema.safeParse(raw);
    if (!p.success) {
      const issue = p.error.issues[0];
      throw new UserInputError(`${file}:${i + 1}: ${issue?.path.join('.')}: ${issue?.message}`);
    }
    out.push(p.data);
  });
  return out;
}
