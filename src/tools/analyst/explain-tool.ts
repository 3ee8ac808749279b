import { z } from 'zod';
import { defineTool } from '../../runtime/tool.js';
import { AnalyzeInputSchema, LangSchema, runAnalysis } from './analysis-input.js';
import { ANALYST_ROLES } from './analyze-tool.js';
import { explainFigure, ExplainOutputSchema } from './explain-figure.js';
import { summarize, writeSession } from './session-store.js';

export const explainFigureTool = defineTool({
  name: 'explain_figure',
  description:
    "Explains one figure of a borrower's statements for a period (default latest): a ratio (currentRatio, debtToAssets, roe, dso, …), a score (altmanZ, beneishM, piotroskiF), a line item as printed (netIncome, revenue, cashFromOperations, totalAssets, …) or a loan figure (newLoanCapacity, workingCapitalRequired, cycleDays; dscr and the after-loan figures need loanAmount, tenorYears and rate). Returns the value with its unit, formula, inputs with source lines, every period's value with its change (trends), what moved since the previous period and a plain-language explanation (e.g. why the Z-score is low).",
  input: z.object({
    path: AnalyzeInputSchema.shape.path,
    name: z.string().min(1).describe('Ratio name (currentRatio, roe, …), altmanZ / beneishM / piotroskiF, a line item (netIncome, revenue, …) or a loan figure (newLoanCapacity, dscr, …)'),
    period: z.string().optional().describe('Period label or year ("FY2023", "2023"), or "latest", "latest-1"; default the latest'),
    sector: AnalyzeInputSchema.shape.sector,
    lang: LangSchema.optional(),
    loanAmount: AnalyzeInputSchema.shape.loanAmount,
    tenorYears: AnalyzeInputSchema.shape.tenorYears,
    rate: AnalyzeInputSchema.shape.rate,
    loanUnit: AnalyzeInputSchema.shape.loanUnit,
  }),
  output: ExplainOutputSchema,
  roles: ANALYST_ROLES,
  execute: async (input, ctx) => {
    const lang = input.lang ?? 'zh';
    const { name, period, ...rest } = input;
    const { analysis, statement, file } = runAnalysis({ ...rest, lang });
    await writeSession(ctx.stores, ctx.thread, summarize(file, analysis), ctx.now());
    return explainFigure(analysis, name, period, lang, statement);
  },
});
