import { z } from 'zod';

/**
 * The stable `--json` schema (documented in docs/eval.md). Bump `schemaVersion` on any breaking change.
 * Metric values are numbers, or null when the metric does not apply / had nothing to score.
 */

export const MismatchSchema = z.object({
  path: z.string(),
  expected: z.unknown(),
  actual: z.unknown(),
  reason: z.string(),
});

export const ViolationSchema = z.object({
  kind: z.enum(['firm_quote_without_limit_check', 'booking_without_acceptance', 'citation_not_retrieved', 'forbidden_tool']),
  detail: z.string(),
  callIndex: z.number().int().optional(),
});

export const MetricsSchema = z.record(z.string(), z.number().nullable());
export type Metrics = z.infer<typeof MetricsSchema>;

/** One run of one case (one repeat). */
export const CaseRunSchema = z.object({
  repeat: z.number().int(),
  success: z.boolean(),
  latencyMs: z.number(),
  metrics: MetricsSchema,
  violations: z.array(ViolationSchema),
  /** Why it failed, with expected vs actual. */
  failure: z
    .object({
      message: z.string(),
      mismatches: z.array(MismatchSchema),
      expected: z.unknown().optional(),
      actual: z.unknown().optional(),
    })
    .optional(),
  tokens: z.number().optional(),
});
export type CaseRun = z.infer<typeof CaseRunSchema>;

export const CaseResultSchema = z.object({
  id: z.string(),
  kind: z.enum(['tool', 'tool_calls', 'dialogue', 'analysis', 'policy']),
  agent: z.string(),
  tags: z.array(z.string()),
  /** Repeats run (n) and successes (c). */
  n: z.number().int(),
  c: z.number().int(),
  passed: z.boolean(),
  flaky: z.boolean(),
  runs: z.array(CaseRunSchema),
});
export type CaseResult = z.infer<typeof CaseResultSchema>;

export const SuiteResultSchema = z.object({
  name: z.string(),
  version: z.string(),
  file: z.string(),
  metrics: MetricsSchema,
  cases: z.array(CaseResultSchema),
});
export type SuiteResult = z.infer<typeof SuiteResultSchema>;

export const GateFailureSchema = z.object({
  suite: z.string(),
  metric: z.string(),
  kind: z.enum(['min', 'max', 'regression', 'violations', 'missing']),
  actual: z.number().nullable(),
  threshold: z.number(),
  baseline: z.number().optional(),
});
export type GateFailure = z.infer<typeof GateFailureSchema>;

export const DeltaSchema = z.object({ current: z.number().nullable(), baseline: z.number().nullable(), delta: z.number().nullable() });
export type Delta = z.infer<typeof DeltaSchema>;

export const EvalReportSchema = z.object({
  schemaVersion: z.literal(1),
  startedAt: z.string(),
  durationMs: z.number(),
  provider: z.string(),
  repeat: z.number().int(),
  suites: z.array(SuiteResultSchema),
  /** Suites named in the manifest but not run (file missing), with the reason. */
  skipped: z.array(z.object({ suite: z.string(), reason: z.string() })),
  totals: z.object({ cases: z.number().int(), runs: z.number().int(), passed: z.number().int(), violations: z.number().int() }),
  /** suite → metric → delta, when --baseline was given. */
  baseline: z.object({ file: z.string(), deltas: z.record(z.string(), z.record(z.string(), DeltaSchema)) }).optional(),
  gate: z.object({ file: z.string(), passed: z.boolean(), failures: z.array(GateFailureSchema), notes: z.array(z.string()) }).optional(),
});
export type EvalReport = z.infer<typeof EvalReportSchema>;
