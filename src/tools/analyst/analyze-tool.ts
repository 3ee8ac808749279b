import { AnalysisResultSchema, type AnalysisResult } from '../../analysis/engine/index.js';
import { defineTool } from '../../runtime/tool.js';
import { AnalyzeInputSchema, runAnalysis } from './analysis-input.js';
import { summarize, writeSession } from './session-store.js';

export const ANALYST_ROLES = ['credit_reviewer', 'admin'] as const;

/** The tool's output is the engine's result schema, unchanged: one schema for the tool, `--json` and evals. */
export const AnalyzeOutputSchema = AnalysisResultSchema;
export type AnalyzeOutput = AnalysisResult;

export const analyzeStatementsTool = defineTool({
  name: 'analyze_statements',
  description:
    "Loads a borrower's financial statements (CAS/US GAAP CSV, canonical JSON or SEC companyfacts) and returns every ratio per period with formula, inputs and source lines, the Altman/Beneish/Piotroski scores (with the Altman variant and why), red flags with periods and units, the working-capital loan need (流动资金贷款需求测算) and, with loanAmount + tenorYears + rate, the loan view (DSCR, leverage after the loan). Use it for every number; never compute figures yourself.",
  input: AnalyzeInputSchema,
  output: AnalyzeOutputSchema,
  roles: ANALYST_ROLES,
  execute: async (input, ctx) => {
    const { analysis, file } = runAnalysis(input);
    await writeSession(ctx.stores, ctx.thread, summarize(file, analysis), ctx.now());
    return analysis;
  },
});
