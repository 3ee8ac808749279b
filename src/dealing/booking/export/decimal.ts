/**
 * Numbers in exports as exact decimal text. Tickets store floats (SQLite REAL); an export must show
 * what was dealt ("0.3", "54714500.00"), never the binary noise a float can carry (0.30000000000000004).
 */
import { Decimal } from 'decimal.js';
import { OperationError } from '../../../runtime/errors.js';

/**
 * A double holds any decimal of up to 15 significant digits exactly enough to give it back: reading
 * it again at 15 digits returns the decimal that was stored and drops the noise arithmetic added.
 * (money.ts's `dec` fixes 12 decimals instead, which is right for prices but adds noise to large amounts.)
 */
export function exactDecimal(x: number, what: string): Decimal {
  if (!Number.isFinite(x)) throw new OperationError(`${what}: ${x} is not a finite number`);
  const d = new Decimal(x.toPrecision(15));
  // -0 would print as "-0".
  return d.isZero() ? new Decimal(0) : d;
}

/** A price, rate, yield or quantity: as many decimals as it has, no exponent, no trailing zeros. */
export function decimalText(x: number, what: string): string {
  return exactDecimal(x, what).toFixed();
}

/** A cash amount: at least two decimals (cents), more only if the stored value really has them. */
export function amountText(x: number, what: string): string {
  const d = exactDecimal(x, what);
  return d.toFixed(Math.max(2, d.decimalPlaces()));
}

const DECIMAL_TEXT = /^-?\d+(\.\d+)?$/;

/** An amount kept as text in a ticket's detail (money.ts writes them exact): checked, never re-rounded. */
export function amountFromText(s: string, what: string): string {
  if (!DECIMAL_TEXT.test(s)) throw new OperationError(`${what}: "${s}" is not a decimal amount`);
  const d = new Decimal(s);
  return d.toFixed(Math.max(2, d.decimalPlaces()));
}

/** An amount that may sit in `detail` as text (exact) or as a number; null when absent. */
export function detailAmount(detail: Record<string, unknown>, key: string, what: string): string | null {
  const v = detail[key];
  if (v === undefined || v === null) return null;
  if (typeof v === 'string') return amountFromText(v, what);
  if (typeof v === 'number') return amountText(v, what);
  throw new OperationError(`${what}: detail.${key} is neither text nor a number`);
}
