/**
 * Accrued interest (应计利息) per 100 face.
 * Interbank: AI = (C/f) × t/TS, t from the previous coupon (inclusive) to settlement (exclusive).
 * Exchange (SSE/SZSE legacy): AI = C × (t+1)/365 (算头又算尾).
 */
import { bondPeriod, type BondPeriod, type BondTerms } from './bond-period.js';
import type { DaySerial } from './dates.js';

export type AccruedConvention = 'interbank' | 'exchange';

export function accruedFromPeriod(terms: BondTerms, p: BondPeriod, convention: AccruedConvention = 'interbank'): number {
  if (terms.kind !== 'fixed' || terms.coupon === 0) return 0;
  if (convention === 'exchange') return (terms.coupon * (p.accruedDays + 1)) / 365;
  return (p.couponPerPeriod * p.accruedDays) / p.TS;
}

export function accruedInterest(terms: BondTerms, settle: string | DaySerial, convention: AccruedConvention = 'interbank'): number {
  return accruedFromPeriod(terms, bondPeriod(terms, settle), convention);
}
