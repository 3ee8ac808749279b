import { z } from 'zod';
import { FigureSchema } from './figure.js';
import { AltmanResultSchema } from './altman.js';
import { BeneishResultSchema } from './beneish.js';
import { PiotroskiResultSchema } from './piotroski.js';
import { FlagSchema } from './red-flags.js';
import { LoanViewSchema, WorkingCapitalNeedSchema } from './loan.js';

/**
 * The analysis result: the single source of truth for `finagent analyze --json`, the analyst tools
 * and the eval harness. Ratios are plain fractions; amounts are in `unit` × `currency`.
 */
export const AnalysisResultSchema = z.object({
  company: z.string(),
  currency: z.string(),
  unit: z.string(),
  sector: z.string(),
  /** Period labels, oldest → newest; every figure array follows this order. */
  periods: z.array(z.string()),
  policy: z.object({
    dayCount: z.number(),
    debtItems: z.array(z.string()),
    ebit: z.enum(['operatingProfit', 'pretaxPlusInterest']),
    receivablesIncludeNotes: z.boolean(),
    growthBase: z.enum(['strict', 'mechanical']),
  }),
  ratios: z.record(z.string(), z.array(FigureSchema)),
  scores: z.object({
    altmanZ: AltmanResultSchema,
    beneishM: BeneishResultSchema,
    piotroskiF: PiotroskiResultSchema,
  }),
  flags: z.array(FlagSchema),
  warnings: z.array(z.string()),
  loan: LoanViewSchema.optional(),
  /** 流动资金贷款需求测算 for the latest period, with or without a loan request (defaults of §1.10.4). */
  workingCapitalNeed: WorkingCapitalNeedSchema.optional(),
});
export type AnalysisResult = z.infer<typeof AnalysisResultSchema>;
