import { Decimal } from 'decimal.js';
import { z } from 'zod';
import type { AnalysisResult } from '../../analysis/engine/index.js';
import { describeNote, FIGURE_META, labelOf, type Lang } from '../../analysis/memo/index.js';
import { UserInputError } from '../../runtime/errors.js';
import { resolvePeriod } from './periods.js';

export const GroupSchema = z.enum(['liquidity', 'leverage', 'coverage', 'solvency', 'profitability', 'efficiency', 'cashflow', 'growth', 'all']);
export type Group = z.infer<typeof GroupSchema>;

export const GROUPS: Record<Exclude<Group, 'all'>, string[]> = {
  liquidity: ['currentRatio', 'quickRatio', 'cashRatio', 'cashToShortTermDebt', 'workingCapital'],
  leverage: ['debtToAssets', 'totalDebt', 'debtToEquity', 'liabilitiesToEquity', 'debtToEbitda', 'netDebtToEbitda', 'interestCoverage', 'ebitdaInterestCoverage'],
  coverage: ['interestCoverage', 'ebitdaInterestCoverage', 'cfoToDebt'],
  // 偿债能力 as reviewers ask it: short-term liquidity, leverage and coverage together (§1.10.1).
  solvency: ['currentRatio', 'quickRatio', 'cashRatio', 'debtToAssets', 'debtToEquity', 'liabilitiesToEquity', 'interestCoverage', 'cfoToDebt'],
  profitability: ['grossMargin', 'operatingMargin', 'netMargin', 'roa', 'roe', 'dupontNetMargin', 'dupontAssetTurnover', 'dupontEquityMultiplier'],
  efficiency: ['assetTurnover', 'receivableTurnover', 'inventoryTurnover', 'dso', 'dio', 'dpo', 'cashConversionCycle'],
  cashflow: ['freeCashFlow', 'cfoToNetIncome', 'cashCollectionRatio', 'cfoToDebt', 'accrualRatio'],
  growth: ['revenueGrowth', 'netIncomeGrowth', 'operatingProfitGrowth', 'totalAssetsGrowth', 'receivablesGrowth', 'inventoryGrowth'],
};

export const CompareRowSchema = z.object({
  name: z.string(),
  label: z.string(),
  from: z.number().nullable(),
  to: z.number().nullable(),
  /** to − from (exact decimal); null when either side has no value. */
  change: z.number().nullable(),
  direction: z.enum(['up', 'down', 'flat']).nullable(),
  /** Whether the move is favourable for a lender; null when the ratio has no better direction. */
  assessment: z.enum(['better', 'worse', 'neutral']).nullable(),
  note: z.string().nullable(),
});
export const CompareOutputSchema = z.object({
  company: z.string(),
  currency: z.string(),
  /** The statement unit of amount rows. */
  unit: z.string(),
  from: z.string(),
  to: z.string(),
  group: GroupSchema,
  rows: z.array(CompareRowSchema),
});
export type CompareOutput = z.infer<typeof CompareOutputSchema>;

/** Per-ratio deltas between two periods of one analysis. */
export function comparePeriods(a: AnalysisResult, fromText: string, toText: string, group: Group, lang: Lang, only?: readonly string[]): CompareOutput {
  const from = resolvePeriod(a.periods, fromText);
  const to = resolvePeriod(a.periods, toText);
  if (from === to) throw new UserInputError(`compare needs two different periods (both are ${from})`);
  const unknown = (only ?? []).filter((n) => !a.ratios[n]);
  if (unknown.length) throw new UserInputError(`unknown ratio name(s) to compare: ${unknown.join(', ')}`);
  const names = only?.length ? [...only] : group === 'all' ? [...new Set(Object.values(GROUPS).flat())] : GROUPS[group];
  const rows = names
    .filter((n) => a.ratios[n])
    .map((name) => {
      const series = a.ratios[name] ?? [];
      const f = series.find((x) => x.period === from);
      const g = series.find((x) => x.period === to);
      const fv = f?.value ?? null;
      const tv = g?.value ?? null;
      const change = fv !== null && tv !== null ? new Decimal(tv).minus(fv).toNumber() : null;
      const direction = change === null ? null : change > 0 ? 'up' : change < 0 ? 'down' : 'flat';
      const hib = FIGURE_META[name]?.higherIsBetter ?? null;
      const assessment = direction === null ? null : direction === 'flat' || hib === null ? 'neutral' : (direction === 'up') === hib ? 'better' : 'worse';
      const notes = [f, g].filter((x) => x && x.value === null).map((x) => `${x?.period}: ${describeNote(x?.note ?? null, lang)}`);
      return { name, label: labelOf(name, lang), from: fv, to: tv, change, direction, assessment, note: notes.length ? notes.join('; ') : null } as const;
    });
  return { company: a.company, currency: a.currency, unit: a.unit, from, to, group, rows };
}
