import type { ToolCallRecord } from '../runtime/agent-spec.js';
import { astMatch, type AstMatchOptions } from './metrics/ast-match.js';
import { citationScore } from './metrics/citations.js';
import { reciprocalRankAtK } from './metrics/mrr.js';
import { figureCorrect } from './metrics/numeric-accuracy.js';
import { partialMatch, type Mismatch } from './metrics/partial-match.js';
import { policyViolations, type ViolationRules } from './metrics/policy-violations.js';
import { recallAtK } from './metrics/recall-at-k.js';
import { stateSuccess } from './metrics/state-success.js';
import { toolCallF1 } from './metrics/tool-call-f1.js';
import type { CaseRun } from './report-schema.js';
import type { AnalysisCase, DialogueCase, ExpectedFigure, PolicyCase, ToolCallsCase, ToolCase } from './suite-schema.js';

/** Pure scoring of one observed run against its case. The runner measures latency and adds the repeat index. */
export type Scored = Omit<CaseRun, 'repeat' | 'latencyMs'>;

/** What a tool case observed: the output, or the error the tool raised. */
export type ToolOutcome = { ok: true; output: unknown } | { ok: false; error: string };

function rec(v: unknown): Record<string, unknown> | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

function failed(message: string, mismatches: Mismatch[] = [], expected?: unknown, actual?: unknown): NonNullable<Scored['failure']> {
  return { message, mismatches, ...(expected !== undefined ? { expected } : {}), ...(actual !== undefined ? { actual } : {}) };
}

export function scoreToolCase(c: ToolCase, outcome: ToolOutcome): Scored {
  if (!outcome.ok) {
    return { success: false, metrics: { fieldAccuracy: 0 }, violations: [], failure: failed(`tool ${c.tool} failed: ${outcome.error}`, [], c.expected) };
  }
  const m = partialMatch(c.expected, outcome.output, { tolerance: c.tolerance ?? {} });
  return {
    success: m.ok,
    metrics: { fieldAccuracy: m.checked ? m.matched / m.checked : 1 },
    violations: [],
    ...(m.ok ? {} : { failure: failed(`${m.mismatches.length} field(s) differ`, m.mismatches, c.expected, outcome.output) }),
  };
}

export function scoreToolCallsCase(c: ToolCallsCase, calls: readonly ToolCallRecord[], rules?: ViolationRules, validate?: AstMatchOptions['validate']): Scored {
  const names = calls.map((x) => x.name);
  const f1 = toolCallF1(c.expectedCalls.map((e) => e.name), names);
  const ast = astMatch(c.expectedCalls, calls, { ...(c.ordered ? { ordered: true } : {}), ...(validate ? { validate } : {}) });
  const forbidden = new Set(c.forbiddenCalls ?? []);
  const forbiddenUsed = names.filter((n) => forbidden.has(n));
  const abstainedOk = c.expectedCalls.length > 0 || calls.length === 0;
  const success = ast.accuracy === 1 && forbiddenUsed.length === 0 && abstainedOk;
  const mismatches: Mismatch[] = ast.calls
    .filter((x) => x.actualIndex === null)
    .flatMap((x) =>
      x.mismatches.length
        ? x.mismatches.map((m) => ({ ...m, path: `${x.expected.name}.${m.path}` }))
        : [{ path: x.expected.name, expected: x.expected.args ?? {}, actual: undefined, reason: x.schemaError ?? 'not called' }],
    );
  const reasons = [
    ...(ast.accuracy < 1 ? [`${ast.calls.length - ast.matched} expected call(s) unmatched`] : []),
    ...(forbiddenUsed.length ? [`forbidden call(s): ${[...new Set(forbiddenUsed)].join(', ')}`] : []),
    ...(!abstainedOk ? ['expected no tool call'] : []),
  ];
  return {
    success,
    metrics: { toolCallF1: f1.f1, toolCallPrecision: f1.precision, toolCallRecall: f1.recall, argAccuracy: ast.accuracy },
    violations: policyViolations({ trace: calls, forbiddenCalls: c.forbiddenCalls ?? [] }, rules),
    ...(success ? {} : { failure: failed(reasons.join('; '), mismatches, c.expectedCalls, calls.map((x) => ({ name: x.name, args: x.args }))) }),
  };
}

function callSummary(c: ToolCallRecord): Record<string, unknown> {
  return c.error !== undefined ? { name: c.name, args: c.args, error: c.error } : { name: c.name, args: c.args };
}

export function scoreDialogue(c: DialogueCase, finalReply: string, state: unknown, trace: readonly ToolCallRecord[], rules?: ViolationRules): Scored {
  const s = stateSuccess({
    expectedState: c.expectedState,
    state,
    tolerance: c.tolerance ?? {},
    reply: finalReply,
    expectedReplyContains: c.expectedReplyContains ?? [],
    expectedReplyMatches: c.expectedReplyMatches ?? [],
    forbiddenReplyContains: c.forbiddenReplyContains ?? [],
    calledTools: trace.map((t) => t.name),
    forbiddenCalls: c.forbiddenCalls ?? [],
  });
  const reasons = [
    ...(s.mismatches.length ? [`final state differs in ${s.mismatches.length} field(s)`] : []),
    ...(s.missingPhrases.length ? [`reply lacks: ${s.missingPhrases.join(', ')}`] : []),
    ...(s.unmatchedPatterns.length ? [`reply does not match: ${s.unmatchedPatterns.map((p) => `/${p}/`).join(', ')}`] : []),
    ...(s.forbiddenPhrases.length ? [`reply contains: ${s.forbiddenPhrases.join(', ')}`] : []),
    ...(s.forbiddenUsed.length ? [`forbidden call(s): ${s.forbiddenUsed.join(', ')}`] : []),
  ];
  return {
    success: s.success,
    // replyAccuracy only for cases with reply expectations, so suites without them keep their metric set.
    metrics: { stateSuccess: s.success ? 1 : 0, ...(s.replyAccuracy !== null ? { replyAccuracy: s.replyAccuracy } : {}) },
    violations: policyViolations({ trace, state, forbiddenCalls: c.forbiddenCalls ?? [] }, rules),
    // The actual side carries the reply and the call trace too: a wrong state is easier to explain with them.
    ...(s.success ? {} : { failure: failed(reasons.join('; '), s.mismatches, c.expectedState, { state, reply: finalReply, calls: trace.map(callSummary) }) }),
  };
}

/** A ratio/score entry for one period: arrays of `{ period, value }` or objects keyed by period. */
function figureAt(section: unknown, name: string, period: string): Record<string, unknown> | undefined {
  const series = rec(section)?.[name];
  if (Array.isArray(series)) return rec(series.find((e) => rec(e)?.period === period));
  const byPeriod = rec(series)?.[period];
  if (typeof byPeriod === 'number' || byPeriod === null) return { value: byPeriod };
  return rec(byPeriod) ?? (rec(series)?.period === period ? rec(series) : undefined);
}

/**
 * A score for one period. Score results hold `periods: [{ period, value, … }]`; Altman's entries hold one
 * value per model, read from `selected` (or named explicitly: `altmanZ.zPrime`). The zone is `zone`,
 * Beneish's `classification` or Piotroski's `band`.
 */
function scoreAt(section: unknown, name: string, period: string): Record<string, unknown> | undefined {
  const [base = name, model] = name.split('.');
  const series = rec(rec(section)?.[base]);
  if (!series || !Array.isArray(series.periods)) return figureAt(section, name, period);
  const entry = rec(series.periods.find((p) => rec(p)?.period === period));
  if (!entry) return undefined;
  const pick = model ?? (typeof series.selected === 'string' ? series.selected : undefined);
  const v = (pick ? rec(entry[pick]) : undefined) ?? entry;
  return { value: v.value, zone: v.zone ?? v.classification ?? v.band };
}

export function scoreAnalysis(c: AnalysisCase, outcome: ToolOutcome): Scored {
  if (!outcome.ok) {
    return { success: false, metrics: { numericAccuracy: 0, flagAccuracy: 0 }, violations: [], failure: failed(`analysis failed: ${outcome.error}`, [], c.expected) };
  }
  const out = rec(outcome.output);
  const mismatches: Mismatch[] = [];
  let figures = 0;
  let figuresOk = 0;
  const check = (section: 'ratios' | 'scores', f: ExpectedFigure) => {
    const entry = section === 'scores' ? scoreAt(out?.scores, f.name, f.period) : figureAt(out?.ratios, f.name, f.period);
    const path = `${section}.${f.name}.${f.period}`;
    if (f.value !== undefined) {
      figures++;
      const actual = entry?.value as number | null | undefined;
      const good = figureCorrect({ expected: f.value, actual: typeof actual === 'number' || actual === null ? actual : undefined, tolerance: f.tolerance ?? 1e-9 });
      if (good) figuresOk++;
      else mismatches.push({ path, expected: f.value, actual: entry?.value, reason: entry ? `outside tolerance ${f.tolerance ?? 1e-9}` : 'missing' });
    }
    if (f.zone !== undefined) {
      figures++;
      if (entry?.zone === f.zone) figuresOk++;
      else mismatches.push({ path: `${path}.zone`, expected: f.zone, actual: entry?.zone, reason: 'zone differs' });
    }
  };
  for (const f of c.expected.ratios ?? []) check('ratios', f);
  for (const f of c.expected.scores ?? []) check('scores', f);
  const raised = new Set(
    (Array.isArray(out?.flags) ? out.flags : []).map((f) => (typeof f === 'string' ? f : String(rec(f)?.code ?? ''))),
  );
  const flagChecks = [
    ...(c.expected.flags ?? []).map((code) => ({ code, want: true })),
    ...(c.expected.absentFlags ?? []).map((code) => ({ code, want: false })),
  ];
  let flagsOk = 0;
  for (const f of flagChecks) {
    if (raised.has(f.code) === f.want) flagsOk++;
    else mismatches.push({ path: `flags.${f.code}`, expected: f.want ? 'raised' : 'absent', actual: f.want ? 'absent' : 'raised', reason: 'flag' });
  }
  const success = mismatches.length === 0;
  return {
    success,
    metrics: { numericAccuracy: figures ? figuresOk / figures : null, flagAccuracy: flagChecks.length ? flagsOk / flagChecks.length : null },
    violations: [],
    ...(success ? {} : { failure: failed(`${mismatches.length} figure/flag expectation(s) unmet`, mismatches, c.expected) }),
  };
}

function labels(list: unknown): string[] {
  return Array.isArray(list) ? list.map((e) => (typeof e === 'string' ? e : String(rec(e)?.label ?? ''))).filter(Boolean) : [];
}

/**
 * Policy success: refused exactly when it should; when it should answer, at least one gold article
 * is cited; required phrases present and forbidden phrases absent in the answer.
 */
export function scorePolicy(c: PolicyCase, state: unknown, reply: string, trace: readonly ToolCallRecord[], rules?: ViolationRules): Scored {
  const s = rec(state);
  const answer = typeof s?.answer === 'string' ? s.answer : reply;
  const refused = s?.supported === false;
  const cited = labels(s?.citations);
  const ranked = labels(s?.evidence);
  const cite = citationScore(cited, c.gold);
  const mismatches: Mismatch[] = [];
  if (refused !== c.shouldRefuse) mismatches.push({ path: 'supported', expected: !c.shouldRefuse, actual: s?.supported, reason: c.shouldRefuse ? 'should have refused' : 'refused wrongly' });
  if (!c.shouldRefuse && c.gold.length && !cite.recall) mismatches.push({ path: 'citations', expected: c.gold, actual: cited, reason: 'no gold article cited' });
  for (const p of c.requiredPhrases ?? []) if (!answer.includes(p)) mismatches.push({ path: 'answer', expected: p, actual: answer, reason: 'required phrase missing' });
  for (const p of c.forbiddenPhrases ?? []) if (answer.includes(p)) mismatches.push({ path: 'answer', expected: `not "${p}"`, actual: answer, reason: 'forbidden phrase present' });
  const success = mismatches.length === 0;
  return {
    success,
    metrics: {
      'recall@1': recallAtK(ranked, c.gold, 1),
      'recall@5': recallAtK(ranked, c.gold, 5),
      'recall@10': recallAtK(ranked, c.gold, 10),
      'mrr@10': reciprocalRankAtK(ranked, c.gold, 10),
      citationPrecision: cite.precision,
      citationRecall: cite.recall,
      refusalAccuracy: refused === c.shouldRefuse ? 1 : 0,
    },
    violations: policyViolations({ trace, state }, rules),
    ...(success ? {} : { failure: failed(mismatches.map((m) => m.reason).join('; '), mismatches, { gold: c.gold, shouldRefuse: c.shouldRefuse }, { supported: s?.supported, citations: cited }) }),
  };
}
