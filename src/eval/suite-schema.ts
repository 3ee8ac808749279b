import { z } from 'zod';

/**
 * Zod schemas for the shared suite format (docs/eval.md, "Suite format"). One JSONL line = one case.
 * Schemas are strict so that a typo in a field name is reported instead of silently ignored.
 */

/** An assistant's name; which names exist is the runtime's business (built-ins and plug-ins), checked when a run loads its assistants. */
export const AgentNameSchema = z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, 'an assistant name (lower-case letters, digits, -)');
export type AgentName = z.infer<typeof AgentNameSchema>;

/** Dotted field path → absolute tolerance, e.g. `{ "trade.settlementAmount": 0.01 }`. */
export const ToleranceSchema = z.record(z.string(), z.number().nonnegative());
export type Tolerance = z.infer<typeof ToleranceSchema>;

const base = {
  id: z.string().min(1),
  agent: AgentNameSchema,
  tags: z.array(z.string()).default([]),
  user: z.string().min(1).optional(),
  description: z.string().optional(),
  /** Harness extension: the case's clock start (ISO 8601), e.g. the market-data date. Default: the run's start time. */
  now: z.iso.datetime({ offset: true }).optional(),
};

export const ToolCaseSchema = z.strictObject({
  ...base,
  kind: z.literal('tool'),
  tool: z.string().min(1),
  input: z.record(z.string(), z.unknown()),
  expected: z.unknown().refine((v) => v !== undefined, 'expected is required'),
  tolerance: ToleranceSchema.optional(),
});

export const ExpectedCallSchema = z.strictObject({
  name: z.string().min(1),
  args: z.record(z.string(), z.unknown()).optional(),
  tolerance: ToleranceSchema.optional(),
});
export type ExpectedCall = z.infer<typeof ExpectedCallSchema>;

export const ToolCallsCaseSchema = z.strictObject({
  ...base,
  kind: z.literal('tool_calls'),
  message: z.string().min(1),
  expectedCalls: z.array(ExpectedCallSchema),
  ordered: z.boolean().optional(),
  forbiddenCalls: z.array(z.string()).optional(),
});

export const DialogueTurnSchema = z.strictObject({
  message: z.string().min(1),
  user: z.string().min(1).optional(),
  /** Run this turn in the user's own thread (`<case thread>:<name>`), e.g. a desk head approving from her session. */
  thread: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/).optional(),
  advanceSeconds: z.number().nonnegative().optional(),
});

export const DialogueCaseSchema = z.strictObject({
  ...base,
  kind: z.literal('dialogue'),
  turns: z.array(DialogueTurnSchema).min(1),
  expectedState: z.record(z.string(), z.unknown()),
  expectedReplyContains: z.array(z.string()).optional(),
  /**
   * Harness extension: regular expressions (JavaScript syntax, Unicode mode) the final reply must
   * match, for answers whose wording may vary but must carry e.g. a period, a value and a unit.
   */
  expectedReplyMatches: z
    .array(
      z.string().refine((src) => {
        try {
          new RegExp(src, 'u');
          return true;
        } catch {
          return false;
        }
      }, 'not a valid regular expression'),
    )
    .optional(),
  /** Harness extension: phrases the final reply must not contain (e.g. the help text, "could not complete"). */
  forbiddenReplyContains: z.array(z.string()).optional(),
  forbiddenCalls: z.array(z.string()).optional(),
  tolerance: ToleranceSchema.optional(),
});

export const ExpectedFigureSchema = z.strictObject({
  name: z.string().min(1),
  period: z.string().min(1),
  /** null = the figure must be reported as not meaningful. */
  value: z.number().nullable().optional(),
  zone: z.string().optional(),
  tolerance: z.number().nonnegative().optional(),
});
export type ExpectedFigure = z.infer<typeof ExpectedFigureSchema>;

export const AnalysisCaseSchema = z.strictObject({
  ...base,
  kind: z.literal('analysis'),
  input: z
    .object({
      path: z.string().min(1),
      sector: z.string().optional(),
      loanAmount: z.number().optional(),
      tenorYears: z.number().optional(),
      rate: z.number().optional(),
    })
    .catchall(z.unknown()),
  expected: z.strictObject({
    ratios: z.array(ExpectedFigureSchema).optional(),
    scores: z.array(ExpectedFigureSchema).optional(),
    flags: z.array(z.string()).optional(),
    absentFlags: z.array(z.string()).optional(),
  }),
  question: z.string().optional(),
});

export const PolicyCaseSchema = z.strictObject({
  ...base,
  kind: z.literal('policy'),
  question: z.string().min(1),
  gold: z.array(z.string().min(1)),
  shouldRefuse: z.boolean(),
  requiredPhrases: z.array(z.string()).optional(),
  forbiddenPhrases: z.array(z.string()).optional(),
});

export const EvalCaseSchema = z.discriminatedUnion('kind', [
  ToolCaseSchema,
  ToolCallsCaseSchema,
  DialogueCaseSchema,
  AnalysisCaseSchema,
  PolicyCaseSchema,
]);
export type EvalCase = z.infer<typeof EvalCaseSchema>;
export type ToolCase = z.infer<typeof ToolCaseSchema>;
export type ToolCallsCase = z.infer<typeof ToolCallsCaseSchema>;
export type DialogueCase = z.infer<typeof DialogueCaseSchema>;
export type AnalysisCase = z.infer<typeof AnalysisCaseSchema>;
export type PolicyCase = z.infer<typeof PolicyCaseSchema>;
export type CaseKind = EvalCase['kind'];

export const SuiteEntrySchema = z.strictObject({
  name: z.string().min(1),
  file: z.string().min(1),
  version: z.string().min(1),
  agent: AgentNameSchema.optional(),
  description: z.string().optional(),
});
export type SuiteEntry = z.infer<typeof SuiteEntrySchema>;

export const SuiteManifestSchema = z.strictObject({
  suites: z.array(SuiteEntrySchema),
});
export type SuiteManifest = z.infer<typeof SuiteManifestSchema>;

export interface Suite {
  name: string;
  version: string;
  file: string;
  agent?: AgentName;
  cases: EvalCase[];
}

