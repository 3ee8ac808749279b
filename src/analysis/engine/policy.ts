import { z } from 'zod';
import { LINE_ITEMS } from '../model.js';
import { UserInputError } from '../../runtime/errors.js';

/** Interest-bearing debt (有息负债) by default; §1.1 makes the set a policy choice shown in the output. */
export const DEFAULT_DEBT_ITEMS = [
  'shortTermBorrowings', 'commercialPaper', 'currentPortionOfLongTermDebt', 'longTermBorrowings', 'bondsPayable', 'leaseLiabilities',
] as const;

export const LoanRequestSchema = z.object({
  /** In the statement's unit and currency. */
  loanAmount: z.number().positive(),
  tenorYears: z.number().positive().max(50),
  /** Annual rate as a fraction (0.035 = 3.5%). */
  rate: z.number().min(0).max(1),
  repayment: z.enum(['annuity', 'equal_principal', 'bullet']).default('equal_principal'),
  /** 流贷测算: expected revenue growth; default = latest revenue YoY (0 when unavailable). */
  expectedGrowth: z.number().optional(),
  /** 借款人自有资金; default = working capital (CA − CL) of the latest period, floored at 0. */
  ownFunds: z.number().optional(),
  /** 现有流动资金贷款; default = short-term borrowings of the latest period. */
  existingWorkingCapitalLoans: z.number().optional(),
  /** 其他渠道提供的营运资金; default 0. */
  otherWorkingCapital: z.number().default(0),
});
export type LoanRequest = z.input<typeof LoanRequestSchema>;

export const AnalysisOptionsSchema = z.object({
  lang: z.enum(['zh', 'en']).default('zh'),
  /** Days in the efficiency ratios: 365 (Western texts) or 360 (Chinese bank templates). */
  dayCount: z.union([z.literal(365), z.literal(360)]).default(365),
  debtItems: z.array(z.enum(LINE_ITEMS)).min(1).default([...DEFAULT_DEBT_ITEMS]),
  /**
   * EBIT used by coverage, EBITDA and Altman X3. 'auto' = 利润总额 + 利息费用 for CNY statements (CAS
   * practice, §1.4) and operating income otherwise (the §4 US expected outputs use operating income).
   */
  ebit: z.enum(['auto', 'operatingProfit', 'pretaxPlusInterest']).default('auto'),
  /** Add 应收票据 to receivables in DSO/turnover (CAS practice); off = accounts receivable only. */
  receivablesIncludeNotes: z.boolean().default(false),
  /** Growth on a base ≤ 0: 'strict' = not meaningful (§1.8); 'mechanical' = (x − base)/base as FinGLM computes it. */
  growthBase: z.enum(['strict', 'mechanical']).default('strict'),
  altmanModel: z.enum(['auto', 'z', 'zPrime', 'zDoublePrime']).default('auto'),
  sector: z.string().optional(),
  beneishThresholds: z.object({ flag: z.number(), watch: z.number() }).default({ flag: -1.78, watch: -2.22 }),
  loan: LoanRequestSchema.optional(),
});
export type AnalysisOptions = z.input<typeof AnalysisOptionsSchema>;
export type Policy = z.output<typeof AnalysisOptionsSchema>;

export function resolvePolicy(opts: AnalysisOptions | undefined): Policy {
  const r = AnalysisOptionsSchema.safeParse(opts ?? {});
  if (!r.success) {
    const i = r.error.issues[0];
    throw new UserInputError(`invalid analysis option ${i?.path.join('.') || '(root)'}: ${i?.message ?? 'invalid'}`);
  }
  return r.data;
}
