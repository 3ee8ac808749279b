import { z } from 'zod';
import { AnalysisResultSchema, type AnalysisResult } from '../../analysis/engine/index.js';
import { defineTool } from '../../runtime/tool.js';
import { AnalyzeInputSchema, runAnalysis } from './analysis-input.js';
import { summarize, writeSession } from './session-store.js';

export const ANALYST_ROLES = ['credit_reviewer', 'admin'] as const;

/**
 * A score for one period, keyed by the period label beside the engine's detail
 * (`scores.altmanZ["FY2024"] = { value, zone }`): the shared suite format looks figures up by
 * period, while the engine keeps a `periods` array. The detail is unchanged.
 */
export const PeriodScoreSchema = z.object({ value: z.number().nullable(), zone: z.string().nullable(), model: z.string().optional() });
const scores = AnalysisResultSchema.shape.scores.shape;
export const AnalyzeOutputSchema = AnalysisResultSchema.extend({
  scores: z.object({
    altmanZ: scores.altmanZ.catchall(PeriodScoreSchema),
    beneishM: scores.beneishM.catchall(PeriodScoreSchema),
    piotroskiF: scores.piotroskiF.catchall(PeriodScoreSchema),
  }),
});
export type AnalyzeOutput = z.infer<typeof AnalyzeOutputSchema>;

const RESERVED = new Set(['selected', 'reason', 'periods', 'model', 'thresholds', 'tataDefinition']);

/** The engine result plus the by-period score view (labels that collide with detail keys are skipped). */
export function withPeriodScores(a: AnalysisResult): AnalyzeOutput {
  const al: Record<string, unknown> = { ...a.scores.altmanZ };
  for (const p of a.scores.altmanZ.periods) {
    const v = p[a.scores.altmanZ.selected];
    if (!RESERVED.has(p.period)) al[p.period] = { value: v.value, zone: v.zone, model: a.scores.altmanZ.selected };
  }
  const be: Record<string, unknown> = { ...a.scores.beneishM };
  for (const p of a.scores.beneishM.periods) if (!RESERVED.has(p.period)) be[p.period] = { value: p.value, zone: p.classification };
  const pf: Record<string, unknown> = { ...a.scores.piotroskiF };
  for (const p of a.scores.piotroskiF.periods) if (!RESERVED.has(p.period)) pf[p.period] = { value: p.value, zone: p.band };
  return { ...a, scores: { altmanZ: al, beneishM: be, piotroskiF: pf } } as AnalyzeOutput;
}

export const analyzeStatementsTool = defineTool({
  name: 'analyze_statements',
  description:
    'Loads a borrower\'s financial statements (CAS/US GAAP CSV, canonical JSON or SEC companyfacts) and returns every ratio per period with formula, inputs and source lines, the Altman/Beneish/Piotroski scores, red flags and, with loanAmount + tenorYears + rate, the loan view (DSCR, leverage after the loan, working-capital loan need). Use it for every number; never compute figures yourself.',
  input: AnalyzeInputSchema,
  output: AnalyzeOutputSchema,
  roles: ANALYST_ROLES,
  execute: (input, ctx) => {
    const { analysis, file } = runAnalysis(input);
    writeSession(ctx.db, ctx.thread, summarize(file, analysis), ctx.now());
    return withPeriodScores(analysis);
  },
});
