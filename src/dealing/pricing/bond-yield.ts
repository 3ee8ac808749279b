/**
 * CFETS / ChinaBond yield ↔ price (2007 standard, still market practice; see the conventions doc §1.6).
 * Yields are in percent (1.84 = 1.84%) at the API; prices are per 100 face.
 */
import { UserInputError } from '../../runtime/errors.js';
import { accruedFromPeriod, type AccruedConvention } from './accrued.js';
import { bondPeriod, type BondPeriod, type BondTerms } from './bond-period.js';
import { formatIsoDate, type DaySerial } from './dates.js';
import { solveNewtonBisect } from './solver.js';

/** Full price and its yield derivative (dPV/dy per unit decimal yield) at decimal yield y. */
export function fullPriceAndSlope(p: BondPeriod, y: number): [number, number] {
  switch (p.formula) {
    case 'simple': {
      const t = p.D / p.TY;
      const den = 1 + y * t;
      const pv = p.FV / den;
      return [pv, (-pv * t) / den];
    }
    case 'zero_compound': {
      const e = p.d / p.TY + p.m;
      const pv = p.FV * Math.pow(1 + y, -e);
      return [pv, (-e * pv) / (1 + y)];
    }
    case 'compound': {
      const f = p.f;
      const v = 1 / (1 + y / f);
      const w = p.d / p.TS;
      const c = p.couponPerPeriod;
      // Σ_{i=0}^{n−1} c·v^(w+i) + 100·v^(w+n−1), with Σ e·a·v^e for the slope.
      let vi = Math.pow(v, w);
      let pv = 0;
      let weighted = 0;
      for (let i = 0; i < p.n; i++) {
        const e = w + i;
        const a = i === p.n - 1 ? c + 100 : c;
        pv += a * vi;
        weighted += e * a * vi;
        vi *= v;
      }
      return [pv, (-(v / f) * weighted)];
    }
  }
}

function checkYield(yPct: number): void {
  if (!Number.isFinite(yPct) || yPct <= -50 || yPct >= 100) {
    throw new UserInputError(`yield ${yPct}% is outside the priceable range (-50%, 100%)`);
  }
}

/** Full (dirty) price per 100 from a yield in percent. */
export function fullPriceFromYield(p: BondPeriod, yieldPct: number): number {
  checkYield(yieldPct);
  return fullPriceAndSlope(p, yieldPct / 100)[0];
}

/** Yield in percent from a full price per 100: closed form where there is one, else Newton+bisection. */
export function yieldFromFullPrice(p: BondPeriod, fullPrice: number): number {
  if (!Number.isFinite(fullPrice) || fullPrice <= 0) {
    throw new UserInputError(`full price ${fullPrice} must be a positive number`);
  }
  if (p.formula === 'simple') return ((p.FV - fullPrice) / fullPrice / (p.D / p.TY)) * 100;
  if (p.formula === 'zero_compound') return (Math.pow(p.FV / fullPrice, 1 / (p.d / p.TY + p.m)) - 1) * 100;
  const guess = (p.couponPerPeriod * p.f) / 100 + (100 - fullPrice) / 100 / Math.max(1, p.n / p.f);
  const lo = -0.49 * p.f;
  const hi = 1.0;
  const [plo] = fullPriceAndSlope(p, lo);
  const [phi] = fullPriceAndSlope(p, hi);
  if (fullPrice > plo || fullPrice < phi) {
    throw new UserInputError(`full price ${fullPrice} implies a yield outside (${lo * 100}%, ${hi * 100}%)`);
  }
  const y = solveNewtonBisect((x) => {
    const [pv, dpv] = fullPriceAndSlope(p, x);
    return [pv - fullPrice, dpv];
  }, { lo, hi, x0: guess, tol: 1e-15 });
  return y * 100;
}

export interface BondValuation {
  settleDate: string;
  yield: number;
  formula: BondPeriod['formula'];
  accrued: number;
  full: number;
  clean: number;
  /** Years. */
  macaulayDuration: number;
  modifiedDuration: number;
  /** Price change per 100 face for a 1bp yield move (positive number). */
  dv01: number;
}

function durations(p: BondPeriod, y: number, full: number, slope: number): { mac: number; mod: number } {
  const mod = -slope / full;
  // Macaulay = modified × the formula's compounding factor, which keeps Mod = Mac/(1+y/f).
  switch (p.formula) {
    case 'simple': {
      const t = p.D / p.TY;
      return { mac: t, mod };
    }
    case 'zero_compound':
      return { mac: mod * (1 + y), mod };
    case 'compound':
      return { mac: mod * (1 + y / p.f), mod };
  }
}

function valuation(p: BondPeriod, terms: BondTerms, yieldPct: number, full: number, convention: AccruedConvention, settleDate: string): BondValuation {
  const y = yieldPct / 100;
  const [, slope] = fullPriceAndSlope(p, y);
  const accrued = accruedFromPeriod(terms, p, convention);
  const { mac, mod } = durations(p, y, full, slope);
  return {
    settleDate, yield: yieldPct, formula: p.formula, accrued, full, clean: full - accrued,
    macaulayDuration: mac, modifiedDuration: mod, dv01: (mod * full) / 10000,
  };
}

function settleIso(settle: string | DaySerial, p: BondPeriod): string {
  return typeof settle === 'string' ? settle : formatIsoDate(p.settle);
}

/** Yield (percent) → accrued, full, clean, durations and DV01 per 100 face. */
export function priceFromYield(terms: BondTerms, settle: string | DaySerial, yieldPct: number, convention: AccruedConvention = 'interbank'): BondValuation {
  const p = bondPeriod(terms, settle);
  return valuation(p, terms, yieldPct, fullPriceFromYield(p, yieldPct), convention, settleIso(settle, p));
}

/** Clean price per 100 → yield and the rest (a clean-price quote goes clean → full → yield). */
export function yieldFromCleanPrice(terms: BondTerms, settle: string | DaySerial, cleanPrice: number, convention: AccruedConvention = 'interbank'): BondValuation {
  const p = bondPeriod(terms, settle);
  const full = cleanPrice + accruedFromPeriod(terms, p, convention);
  const y = yieldFromFullPrice(p, full);
  return valuation(p, terms, y, full, convention, settleIso(settle, p));
}

/** Full price per 100 → yield and the rest. */
export function yieldFromFullPriceForBond(terms: BondTerms, settle: string | DaySerial, fullPrice: number, convention: AccruedConvention = 'interbank'): BondValuation {
  const p = bondPeriod(terms, settle);
  const y = yieldFromFullPrice(p, fullPrice);
  return valuation(p, terms, y, fullPrice, convention, settleIso(settle, p));
}
