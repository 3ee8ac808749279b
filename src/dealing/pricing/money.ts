/**
 * Money amounts, exact to the cent with decimal.js (never float-rounded): bond settlement amounts,
 * repo interest (ACT/365) and interbank lending / SHIBOR interest (ACT/360).
 */
import { Decimal } from 'decimal.js';
import { UserInputError } from '../../runtime/errors.js';

export type Numeric = number | string | Decimal;

/** A float price/rate to a Decimal via a fixed number of decimals (drops binary noise like …0000001). */
export function dec(x: Numeric, what = 'amount', dp = 12): Decimal {
  if (x instanceof Decimal) return x;
  if (typeof x === 'number') {
    if (!Number.isFinite(x)) throw new UserInputError(`${what}: ${x} is not a finite number`);
    return new Decimal(x.toFixed(dp));
  }
  try {
    return new Decimal(x);
  } catch {
    throw new UserInputError(`${what}: "${x}" is not a number`);
  }
}

/** Round half-up to cents (settlement and interest amounts are in 0.01 CNY). */
export function toCents(x: Decimal): Decimal {
  return x.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
}

/** Round a price per 100 face to `dp` decimals (CFETS shows 4), half-up. */
export function roundPrice(price: number, dp = 4): number {
  return dec(price, 'price').toDecimalPlaces(dp, Decimal.ROUND_HALF_UP).toNumber();
}

function positive(x: Decimal, what: string): Decimal {
  if (x.lte(0)) throw new UserInputError(`${what} must be positive, got ${x.toString()}`);
  return x;
}

export interface BondAmounts {
  /** Face value (券面总额), CNY. */
  face: string;
  cleanAmount: string;
  accruedAmount: string;
  /** Settlement amount = full price × face / 100, to the cent. */
  settlementAmount: string;
}

/**
 * Cash amounts of a bond trade. Settlement = full × face/100 rounded to 0.01; the clean and accrued
 * amounts are each rounded, and the accrued amount is settlement − clean so the three always add up.
 */
export function bondAmounts(face: Numeric, cleanPrice: Numeric, fullPrice: Numeric): BondAmounts {
  const f = positive(dec(face, 'face'), 'face');
  const settlement = toCents(f.mul(dec(fullPrice, 'full price')).div(100));
  const clean = toCents(f.mul(dec(cleanPrice, 'clean price')).div(100));
  return {
    face: f.toFixed(2),
    cleanAmount: clean.toFixed(2),
    accruedAmount: settlement.minus(clean).toFixed(2),
    settlementAmount: settlement.toFixed(2),
  };
}

/** Settlement amount of a bond trade, CNY to the cent (string, exact). */
export function settlementAmount(face: Numeric, fullPrice: Numeric): string {
  return toCents(positive(dec(face, 'face'), 'face').mul(dec(fullPrice, 'full price')).div(100)).toFixed(2);
}

function simpleInterest(principal: Numeric, ratePct: Numeric, days: number, basis: 360 | 365): string {
  if (!Number.isInteger(days) || days <= 0) throw new UserInputError(`days must be a positive whole number, got ${days}`);
  const p = positive(dec(principal, 'principal'), 'principal');
  return toCents(p.mul(dec(ratePct, 'rate')).div(100).mul(days).div(basis)).toFixed(2);
}

/** Pledged repo interest: principal × r × days/365 (days: first settlement incl., maturity excl.). */
export function repoInterest(principal: Numeric, ratePct: Numeric, days: number): string {
  return simpleInterest(principal, ratePct, days, 365);
}

/** Repo maturity settlement amount = first amount × (1 + r × days/365). */
export function repoMaturityAmount(principal: Numeric, ratePct: Numeric, days: number): string {
  return dec(principal, 'principal').plus(repoInterest(principal, ratePct, days)).toFixed(2);
}

/** Interbank lending (拆借) / SHIBOR interest: principal × r × days/360. */
export function lendingInterest(principal: Numeric, ratePct: Numeric, days: number): string {
  return simpleInterest(principal, ratePct, days, 360);
}
