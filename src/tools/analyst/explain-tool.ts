import { z } from 'zod';
import { defineTool } from '../../runtime/tool.js';
import { AnalyzeInputSchema, LangSchema, runAnalysis } from './analysis-input.js';
import { ANALYST_ROLES } from './analyze-tool.js';
import { explainFigure, ExplainOutputSchema } from './explain-figure.js';
import { summarize, writeSession } from './session-store.js';

export const explainFigureTool = defineTool({
  name: 'explain_figure',
  description:
    'Explains one figure of a borrower\'s statements: a ratio (currentRatio, debtToAssets, roe, dso, …) or a score (altmanZ, beneishM, piotroskiF) for a period (default latest), with formula, inputs with source lines, components and a plain-language explanation (e.g. why the Z-score is low).',
  input: z.object({
    path: AnalyzeInputSchema.shape.path,
    name: z.string().min(1).describe('Ratio name (currentRatio, roe, …) or altmanZ / beneishM / piotroskiF'),
    period: z.string().optional().describe('Period label or year; default the latest'),
    sector: AnalyzeInputSchema.shape.sector,
    lang: LangSchema.optional(),
  }),
  output: ExplainOutputSchema,
  roles: ANALYST_ROLES,
  execute: async (input, ctx) => {
    const lang = input.lang ?? 'zh';
    const { analysis, file } = runAnalysis({ path: input.path, lang, ...(input.sector ? { sector: input.sector } : {}) });
    await writeSession(ctx.stores, ctx.thread, summarize(file, analysis), ctx.now());
    return explainFigure(analysis, input.name, input.period, lang);
  },
});
