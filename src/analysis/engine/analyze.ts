import { UserInputError } from '../../runtime/errors.js';
import type { EngineStatement } from './items.js';
import { itemOf } from './items.js';
import { type Figure, evaluate } from './figure.js';
import { type AnalysisOptions, resolvePolicy } from './policy.js';
import { RATIOS, RATIO_NAMES } from './ratios.js';
import { altman } from './altman.js';
import { beneish } from './beneish.js';
import { piotroski } from './piotroski.js';
import { redFlags } from './red-flags.js';
import { loanView, workingCapitalNeed } from './loan.js';
import type { AnalysisResult } from './result-schema.js';

/** Relative tolerance for the statement self-checks (rounding in filed figures). */
const TIE_TOLERANCE = 0.005;

function checks(st: EngineStatement): string[] {
  const w: string[] = [];
  const labels = new Set<string>();
  for (const p of st.periods) {
    if (labels.has(p.label)) throw new UserInputError(`duplicate period "${p.label}" in statement for ${st.company}`);
    labels.add(p.label);
    const ta = itemOf(p, 'totalAssets'), tl = itemOf(p, 'totalLiabilities'), te = itemOf(p, 'totalEquity');
    if (ta !== undefined && tl !== undefined && te !== undefined) {
      const diff = ta - (tl + te);
      if (Math.abs(diff) > Math.max(1, Math.abs(ta) * TIE_TOLERANCE)) {
        w.push(`${p.label}: balance sheet does not tie: totalAssets ${ta} ≠ totalLiabilities ${tl} + totalEquity ${te} (difference ${Number(diff.toPrecision(12))})`);
      }
    }
    if (p.startDate && p.endDate) {
      const d = (Date.parse(p.endDate) - Date.parse(p.startDate)) / 86_400_000;
      if (d < 350) w.push(`${p.label}: period covers ${Math.round(d + 1)} days; flows are not annualised, so turnover, DSO and ROA mix a partial-year flow with balances`);
    }
  }
  const first = st.periods[0];
  if (first) w.push(`${first.label}: no opening balances, so average-based ratios use closing balances (basis "ending")`);
  return w;
}

/** Runs the whole engine on a statement: ratios, scores, red flags and the optional loan view. */
export function analyze(st: EngineStatement, opts?: AnalysisOptions): AnalysisResult {
  if (!st.periods.length) throw new UserInputError(`statement for ${st.company} has no periods`);
  const policy = resolvePolicy(opts);
  const warnings = checks(st);
  const ratios: Record<string, Figure[]> = {};
  for (const name of RATIO_NAMES) ratios[name] = st.periods.map((_, i) => evaluate(RATIOS[name], st, i, policy));
  const altmanZ = altman(st, policy);
  const beneishM = beneish(st, policy);
  const piotroskiF = piotroski(st, policy);
  const flags = redFlags({ st, policy, ratios, altman: altmanZ, beneish: beneishM });
  const ebitMode = policy.ebit !== 'auto' ? policy.ebit : st.currency === 'CNY' ? 'pretaxPlusInterest' : 'operatingProfit';
  const result: AnalysisResult = {
    company: st.company,
    currency: st.currency,
    unit: st.unit,
    sector: policy.sector ?? st.sector ?? 'other',
    periods: st.periods.map((p) => p.label),
    policy: {
      dayCount: policy.dayCount,
      debtItems: [...policy.debtItems],
      ebit: ebitMode,
      receivablesIncludeNotes: policy.receivablesIncludeNotes,
      growthBase: policy.growthBase,
    },
    ratios,
    scores: { altmanZ, beneishM, piotroskiF },
    flags,
    warnings,
  };
  const growth = ratios.revenueGrowth?.at(-1)?.value ?? null;
  const loan = loanView(st, policy, growth);
  if (loan) result.loan = loan;
  // Same inputs as the loan view's (the request's own-funds/growth overrides), so both agree.
  result.workingCapitalNeed = workingCapitalNeed(st, policy, growth, loan?.request);
  return result;
}
