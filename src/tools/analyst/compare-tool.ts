import { z } from 'zod';
import { defineTool } from '../../runtime/tool.js';
import { AnalyzeInputSchema, LangSchema, runAnalysis } from './analysis-input.js';
import { ANALYST_ROLES } from './analyze-tool.js';
import { CompareOutputSchema, comparePeriods, GroupSchema } from './compare-periods.js';
import { summarize, writeSession } from './session-store.js';

export const comparePeriodsTool = defineTool({
  name: 'compare_periods',
  description:
    "Compares two periods of a borrower's statements: per-ratio values, change and whether the move is better or worse for a lender, for a group (liquidity, leverage, coverage, solvency, profitability, efficiency, cashflow, growth or all) or for named ratios.",
  input: z.object({
    path: AnalyzeInputSchema.shape.path,
    from: z.string().min(1).describe('Earlier period label or year, e.g. FY2023 or 2023'),
    to: z.string().min(1).describe('Later period label or year'),
    group: GroupSchema.optional().describe('Ratio group; default all'),
    names: z.array(z.string().min(1)).optional().describe('Ratio names to compare instead of a group, e.g. ["grossMargin"]'),
    sector: AnalyzeInputSchema.shape.sector,
    lang: LangSchema.optional(),
  }),
  output: CompareOutputSchema,
  roles: ANALYST_ROLES,
  execute: async (input, ctx) => {
    const lang = input.lang ?? 'zh';
    const { analysis, file } = runAnalysis({ path: input.path, lang, ...(input.sector ? { sector: input.sector } : {}) });
    await writeSession(ctx.stores, ctx.thread, summarize(file, analysis), ctx.now());
    return comparePeriods(analysis, input.from, input.to, input.group ?? 'all', lang, input.names);
  },
});
