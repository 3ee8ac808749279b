import type { Stores } from '../../storage/types.js';
import { z } from 'zod';
import type { AnalysisResult } from '../../analysis/engine/index.js';

/** The ratios `state.headline` reports for the latest period (the required names). */
export const HEADLINE_RATIOS = [
  'currentRatio', 'quickRatio', 'cashRatio', 'debtToAssets', 'debtToEquity', 'debtToEbitda', 'interestCoverage', 'grossMargin',
  'operatingMargin', 'netMargin', 'roa', 'roe', 'assetTurnover', 'dso', 'dio', 'dpo', 'cashConversionCycle', 'cfoToDebt',
  'cfoToNetIncome', 'revenueGrowth',
] as const;

export const AnalystStateSchema = z.object({
  file: z.string(),
  company: z.string(),
  periods: z.array(z.string()),
  headline: z.record(z.string(), z.number().nullable()),
  scores: z.object({
    altmanZ: z.object({ model: z.string(), period: z.string().nullable(), value: z.number().nullable(), zone: z.string().nullable() }),
    beneishM: z.object({ period: z.string().nullable(), value: z.number().nullable(), classification: z.string().nullable() }),
    piotroskiF: z.object({ period: z.string().nullable(), value: z.number().nullable() }),
  }),
  flags: z.array(z.string()),
  loan: z
    .object({
      loanAmount: z.number(),
      tenorYears: z.number(),
      rate: z.number(),
      dscr: z.number().nullable(),
      debtToAssetsAfter: z.number().nullable(),
      newLoanCapacity: z.number().nullable(),
      requestWithinNeed: z.boolean().nullable(),
    })
    .nullable(),
  memo: z.string().nullable(),
});
export type AnalystState = z.infer<typeof AnalystStateSchema>;

/** The compact view of an analysis the assistant's `state` reports (figures copied, never recomputed). */
export function summarize(file: string, a: AnalysisResult, memo: string | null = null): AnalystState {
  const headline: Record<string, number | null> = {};
  for (const n of HEADLINE_RATIOS) headline[n] = a.ratios[n]?.at(-1)?.value ?? null;
  const al = a.scores.altmanZ.periods.at(-1);
  const sel = al?.[a.scores.altmanZ.selected];
  const be = a.scores.beneishM.periods.at(-1);
  const pf = a.scores.piotroskiF.periods.at(-1);
  return {
    file,
    company: a.company,
    periods: a.periods,
    headline,
    scores: {
      altmanZ: { model: a.scores.altmanZ.selected, period: al?.period ?? null, value: sel?.value ?? null, zone: sel?.zone ?? null },
      beneishM: { period: be?.period ?? null, value: be?.value ?? null, classification: be?.classification ?? null },
      piotroskiF: { period: pf?.period ?? null, value: pf?.value ?? null },
    },
    flags: a.flags.map((f) => f.code),
    loan: a.loan
      ? {
          loanAmount: a.loan.request.loanAmount,
          tenorYears: a.loan.request.tenorYears,
          rate: a.loan.request.rate,
          dscr: a.loan.dscr.value,
          debtToAssetsAfter: a.loan.debtToAssetsAfter.value,
          newLoanCapacity: a.loan.workingCapital.newLoanCapacity.value,
          requestWithinNeed: a.loan.workingCapital.requestWithinNeed,
        }
      : null,
    memo,
  };
}

const NAMESPACE = 'analyst.session';

/** The thread's analysis state (file in discussion, headline figures, memo path), or null. */
export async function readSession(stores: Stores, thread: string): Promise<AnalystState | null> {
  const raw = await stores.kv.get(NAMESPACE, thread);
  const parsed = AnalystStateSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

/**
 * Records the latest analysis of the thread. A memo path survives re-analysis of the same file and
 * is dropped when the thread moves to another file.
 */
export async function writeSession(stores: Stores, thread: string, state: AnalystState, now: Date): Promise<void> {
  const prev = await readSession(stores, thread);
  const memo = state.memo ?? (prev && prev.file === state.file ? prev.memo : null);
  await stores.kv.put(NAMESPACE, thread, { ...state, memo }, now);
}
