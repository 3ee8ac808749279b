/**
 * Where a settlement date sits in a bond's life: the coupon period, the day counts the CFETS /
 * ChinaBond formulas need (d, TS, TY, D, n, m) and which formula applies. Computed once per
 * (bond, settlement date) so yield↔price loops are pure arithmetic.
 */
import { UserInputError } from '../../runtime/errors.js';
import { addMonths, formatIsoDate, parseIsoDate, type DaySerial } from './dates.js';

/** The bond terms pricing needs (structurally compatible with the bond master's `Bond`). */
export interface BondTerms {
  code?: string;
  kind: 'fixed' | 'zero' | 'discount';
  /** Annual coupon, percent of face. */
  coupon: number;
  /** Coupons per year (0 for zero/discount). */
  frequency: 0 | 1 | 2;
  issueDate: string;
  maturityDate: string;
}

/**
 * simple: PV = FV/(1 + y·D/TY) (last coupon period, or zero/discount ≤ 1Y).
 * zero_compound: PV = FV/(1+y)^(d/TY + m) (zero/discount > 1Y).
 * compound: coupon-frequency compounding (fixed coupon, not in its last period).
 */
export type YieldFormula = 'simple' | 'zero_compound' | 'compound';

export interface BondPeriod {
  formula: YieldFormula;
  settle: DaySerial;
  maturity: DaySerial;
  /** Previous / next coupon (or anniversary) dates, unadjusted. */
  prevCoupon: DaySerial;
  nextCoupon: DaySerial;
  /** Coupons per year (1 for zero/discount, for the annual compounding). */
  f: number;
  /** Coupon per period per 100 face (C/f). */
  couponPerPeriod: number;
  /** Remaining coupon payments (fixed), incl. the one at maturity. */
  n: number;
  /** Days settlement → next coupon (or anniversary). */
  d: number;
  /** Days in the current coupon period. */
  TS: number;
  /** Days in the year used by the simple / zero formulas (365 or 366). */
  TY: number;
  /** Days settlement → maturity. */
  D: number;
  /** Whole years from the next anniversary to maturity (zero_compound). */
  m: number;
  /** Redemption amount per 100 at maturity for the simple formula (100 + C/f in the last period). */
  FV: number;
  /** Accrued days (算头不算尾: previous coupon inclusive, settlement exclusive). */
  accruedDays: number;
}

function couponDate(maturity: DaySerial, periodsBack: number, f: number): DaySerial {
  return addMonths(maturity, -(12 / f) * periodsBack);
}

/**
 * The coupon period containing `settle`. Coupon dates are generated backwards from maturity in
 * whole months (accrual uses nominal dates; payment-day rolling does not move accrual).
 */
export function bondPeriod(terms: BondTerms, settleIn: string | DaySerial): BondPeriod {
  const settle = typeof settleIn === 'number' ? settleIn : parseIsoDate(settleIn, 'settlement date');
  const maturity = parseIsoDate(terms.maturityDate, 'maturityDate');
  const issue = parseIsoDate(terms.issueDate, 'issueDate');
  const label = terms.code ? `bond ${terms.code}` : 'bond';
  if (settle >= maturity) {
    throw new UserInputError(`${label}: settlement ${formatIsoDate(settle)} is on or after maturity ${terms.maturityDate}`);
  }
  if (settle < issue) {
    throw new UserInputError(`${label}: settlement ${formatIsoDate(settle)} is before issue date ${terms.issueDate}`);
  }
  const D = maturity - settle;
  const oneYearBefore = addMonths(maturity, -12);
  const TYlast = maturity - oneYearBefore;

  if (terms.kind !== 'fixed') {
    if (settle >= oneYearBefore) {
      return {
        formula: 'simple', settle, maturity, prevCoupon: Math.max(issue, oneYearBefore), nextCoupon: maturity,
        f: 1, couponPerPeriod: 0, n: 1, d: D, TS: TYlast, TY: TYlast, D, m: 0, FV: 100, accruedDays: 0,
      };
    }
    // Whole years back from maturity to the first anniversary after settlement.
    let k = Math.floor(D / 366);
    while (addMonths(maturity, -12 * (k + 1)) > settle) k++;
    const next = addMonths(maturity, -12 * k);
    const prev = addMonths(maturity, -12 * (k + 1));
    return {
      formula: 'zero_compound', settle, maturity, prevCoupon: prev, nextCoupon: next,
      f: 1, couponPerPeriod: 0, n: 0, d: next - settle, TS: next - prev, TY: next - prev, D, m: k, FV: 100, accruedDays: 0,
    };
  }

  const f = terms.frequency;
  if (f !== 1 && f !== 2) throw new UserInputError(`${label}: a fixed-coupon bond needs frequency 1 or 2, got ${f}`);
  // Index k of the next coupon counted back from maturity (k = 0 → maturity).
  let k = Math.max(0, Math.floor(((D / 365.25) * f)) - 1);
  while (couponDate(maturity, k + 1, f) > settle) k++;
  while (k > 0 && couponDate(maturity, k, f) <= settle) k--;
  const next = couponDate(maturity, k, f);
  const prevTheoretical = couponDate(maturity, k + 1, f);
  const c = terms.coupon / f;
  const n = k + 1;
  const TS = next - prevTheoretical;
  return {
    formula: n === 1 ? 'simple' : 'compound',
    settle, maturity, prevCoupon: prevTheoretical, nextCoupon: next,
    f, couponPerPeriod: c, n, d: next - settle, TS, TY: TYlast, D, m: 0,
    FV: 100 + c,
    // A first period that starts at issue (not on the schedule) accrues from the issue date.
    accruedDays: settle - Math.max(prevTheoretical, issue),
  };
}
