import { Decimal } from 'decimal.js';
import { basename } from 'node:path';
import { z } from 'zod';
import { analyze, type AnalysisResult, type EngineStatement } from '../../analysis/engine/index.js';
import { loadStatements } from '../../analysis/input/load-statements.js';
import { unitMultiplier } from '../../analysis/input/units.js';
import { SectorSchema, UnitSchema, type Unit } from '../../analysis/model.js';
import { UserInputError } from '../../runtime/errors.js';
import { resolveStatementPath } from './statement-path.js';

export const LangSchema = z.enum(['zh', 'en']);

/** Shared input of the analyst tools: which statements, and the optional loan to assess. */
export const AnalyzeInputSchema = z.object({
  path: z.string().min(1).describe('Statement file: relative to the bundled data/ folder (statements/apple.csv), absolute, or relative to the current directory'),
  sector: SectorSchema.optional().describe('Override the sector (selects the Altman model)'),
  lang: LangSchema.optional().describe('Language of messages: zh (default) or en'),
  loanAmount: z.number().positive().optional().describe('Requested loan, in the statement unit unless loanUnit is given'),
  tenorYears: z.number().positive().max(50).optional().describe('Loan tenor in years'),
  rate: z.number().min(0).max(1).optional().describe('Annual interest rate as a fraction: 0.04 = 4%'),
  loanUnit: UnitSchema.optional().describe('Unit of loanAmount when it differs from the statement unit (万元, 亿元, millions …)'),
});
export type AnalyzeInput = z.infer<typeof AnalyzeInputSchema>;

const CNY_UNITS: readonly Unit[] = ['元', '千元', '万元', '百万元', '亿元'];

/** The loan amount re-expressed in the statement unit (exact decimal scaling). */
function loanInStatementUnit(input: AnalyzeInput, unit: Unit, currency: string): number | undefined {
  if (input.loanAmount === undefined) return undefined;
  const from = input.loanUnit;
  if (!from || from === unit) return input.loanAmount;
  if (CNY_UNITS.includes(from) && currency !== 'CNY') {
    throw new UserInputError(`loanUnit ${from} is a CNY unit but the statements are in ${currency}: give the loan in ${currency} (${unit})`);
  }
  return new Decimal(input.loanAmount).mul(unitMultiplier(from)).div(unitMultiplier(unit)).toNumber();
}

export interface RunAnalysis {
  analysis: AnalysisResult;
  /** The statement analysed (line items with their source lines, for figures that are not ratios). */
  statement: EngineStatement;
  /** Absolute path read. */
  resolved: string;
  /** Path as the user gave it. */
  file: string;
}

/** Load + analyse. Loader errors (UserInputError naming file, line and field) pass through untouched. */
export function runAnalysis(input: AnalyzeInput): RunAnalysis {
  const loanParts = { loanAmount: input.loanAmount, tenorYears: input.tenorYears, rate: input.rate };
  const given = Object.entries(loanParts).filter(([, v]) => v !== undefined).map(([k]) => k);
  if (given.length > 0 && given.length < 3) {
    const missing = Object.keys(loanParts).filter((k) => !given.includes(k));
    throw new UserInputError(`the loan view needs loanAmount, tenorYears and rate together (missing: ${missing.join(', ')})`);
  }
  const resolved = resolveStatementPath(input.path);
  const { statement, warnings } = loadStatements(resolved);
  const loanAmount = loanInStatementUnit(input, statement.unit, statement.currency);
  const analysis = analyze(statement, {
    lang: input.lang ?? 'zh',
    ...(input.sector ? { sector: input.sector } : {}),
    ...(loanAmount !== undefined && input.tenorYears !== undefined && input.rate !== undefined
      ? { loan: { loanAmount, tenorYears: input.tenorYears, rate: input.rate } }
      : {}),
  });
  // Loader warnings (derived lines, identity checks) first: they explain the figures after them.
  analysis.warnings = [...warnings, ...analysis.warnings];
  return { analysis, statement, resolved, file: input.path || basename(resolved) };
}
