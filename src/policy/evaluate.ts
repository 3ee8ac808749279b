/**
 * Runs the policy suite against any `ask` function (offline tools, the runtime, an LLM agent) and
 * reports the metrics of metrics.ts overall and per tag (e.g. `holdout`: cases written after the
 * evidence threshold was calibrated, so their figures are the honest out-of-sample estimate).
 */
import { scoreCase, summarize, type CaseScore, type PolicyCase, type SuiteSummary } from './metrics.js';
import type { AskResult } from './schemas.js';

export interface PolicySuiteFailure {
  id: string;
  question: string;
  gold: string[];
  supported: boolean;
  cited: string[];
}

export interface PolicySuiteReport {
  summary: SuiteSummary;
  byTag: Record<string, SuiteSummary>;
  failures: PolicySuiteFailure[];
}

export async function evaluatePolicySuite(cases: PolicyCase[], ask: (c: PolicyCase) => Promise<AskResult>): Promise<PolicySuiteReport> {
  const results: AskResult[] = [];
  for (const c of cases) results.push(await ask(c));
  const scores: CaseScore[] = cases.map((c, i) => scoreCase(c, results[i] as AskResult));
  const tags = [...new Set(cases.flatMap((c) => c.tags))].sort();
  const byTag: Record<string, SuiteSummary> = {};
  for (const tag of tags) {
    const idx = cases.map((c, i) => (c.tags.includes(tag) ? i : -1)).filter((i) => i >= 0);
    byTag[tag] = summarize(
      idx.map((i) => cases[i] as PolicyCase),
      idx.map((i) => scores[i] as CaseScore),
      idx.map((i) => results[i] as AskResult),
    );
  }
  const failures = cases
    .map((c, i) => ({ c, s: scores[i] as CaseScore, r: results[i] as AskResult }))
    .filter((x) => !x.s.pass)
    .map(({ c, r }) => ({ id: c.id, question: c.question, gold: c.gold, supported: r.supported, cited: r.citations.map((x) => x.label) }));
  return { summary: summarize(cases, scores, results), byTag, failures };
}
