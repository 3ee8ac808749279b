import { Decimal } from 'decimal.js';
import { z } from 'zod';
import { SourceRefSchema } from '../model.js';
import { type EngineStatement, type ItemKey, ITEM_ZH, itemOf, sourceOf } from './items.js';
import type { Policy } from './policy.js';

export const FigureInputSchema = z.object({ value: z.number(), source: SourceRefSchema.optional() });
export type FigureInput = z.infer<typeof FigureInputSchema>;

/** One computed figure with its provenance. `value` is null with a note when n/a or not meaningful. */
export const FigureSchema = z.object({
  period: z.string(),
  value: z.number().nullable(),
  formula: z.string(),
  inputs: z.record(z.string(), FigureInputSchema),
  note: z.string().nullable(),
  /** 'average' = opening/closing average of balances; 'ending' = closing only (no opening balance). */
  basis: z.enum(['average', 'ending']).optional(),
});
export type Figure = z.infer<typeof FigureSchema>;

/** Returned by a computation that is defined but meaningless (negative equity, zero denominator…). */
export class NotMeaningful {
  constructor(readonly reason: string) {}
}
export type Outcome = Decimal | NotMeaningful;

const NAN = new Decimal(NaN);

/**
 * Collects the inputs of one figure for one period. Missing items yield NaN and are recorded, so a
 * computation runs to the end and the note can list every missing item (not just the first).
 */
export class Ctx {
  readonly inputs: Record<string, FigureInput> = {};
  readonly missing: string[] = [];
  readonly notes: string[] = [];
  basis: 'average' | 'ending' | undefined;

  constructor(readonly st: EngineStatement, readonly i: number, readonly policy: Policy) {}

  get label(): string {
    return this.st.periods[this.i]?.label ?? '?';
  }

  hasPeriod(offset: number): boolean {
    return this.i + offset >= 0 && this.i + offset < this.st.periods.length;
  }

  /** Raw value without recording (for rule checks). */
  peek(key: ItemKey, offset = 0): number | undefined {
    const p = this.st.periods[this.i + offset];
    return p ? itemOf(p, key) : undefined;
  }

  private record(key: ItemKey, offset: number, value: number): void {
    const p = this.st.periods[this.i + offset];
    const name = offset === 0 ? key : `${key}@${p?.label ?? offset}`;
    const source = p ? sourceOf(p, key) : undefined;
    this.inputs[name] = source ? { value, source } : { value };
  }

  private missingName(key: ItemKey, offset: number): string {
    const zh = ITEM_ZH[key];
    const p = this.st.periods[this.i + offset];
    const where = offset === 0 ? '' : ` (${p?.label ?? 'prior period'})`;
    return `${key}${zh ? ` ${zh}` : ''}${where}`;
  }

  /** A required item; NaN (and recorded as missing) when absent. */
  item(key: ItemKey, offset = 0): Decimal {
    const p = this.st.periods[this.i + offset];
    const v = p ? itemOf(p, key) : undefined;
    if (v === undefined) {
      const name = this.missingName(key, offset);
      if (!this.missing.includes(name)) this.missing.push(name);
      return NAN;
    }
    this.record(key, offset, v);
    return new Decimal(v);
  }

  /** An optional item: absent counts as 0 (a CAS face statement omits empty lines), noted. */
  opt(key: ItemKey, offset = 0): Decimal {
    const p = this.st.periods[this.i + offset];
    const v = p ? itemOf(p, key) : undefined;
    if (v === undefined) {
      this.notes.push(`${key} absent, taken as 0`);
      return new Decimal(0);
    }
    this.record(key, offset, v);
    return new Decimal(v);
  }

  /** The first present item of a list (alternative line items), else required-missing on the first. */
  first(keys: readonly ItemKey[], offset = 0): Decimal {
    for (const k of keys) if (this.peek(k, offset) !== undefined) return this.item(k, offset);
    return this.item(keys[0] as ItemKey, offset);
  }

  /** Sum of items that are present; missing only when none is present. */
  sumPresent(keys: readonly ItemKey[], offset = 0, what = keys.join(' + ')): Decimal {
    const present = keys.filter((k) => this.peek(k, offset) !== undefined);
    if (present.length === 0) {
      const p = this.st.periods[this.i + offset];
      const name = `${what}${offset === 0 ? '' : ` (${p?.label ?? 'prior period'})`}`;
      if (!this.missing.includes(name)) this.missing.push(name);
      return NAN;
    }
    return present.reduce((acc, k) => acc.plus(this.item(k, offset)), new Decimal(0));
  }

  /**
   * Average of opening (previous period) and closing balances, §1.1; closing only when there is no
   * opening balance, labelled basis "ending".
   */
  avg(key: ItemKey, get: (off: number) => Decimal = (off) => this.item(key, off)): Decimal {
    const hasOpening = this.hasPeriod(-1) && this.peek(key, -1) !== undefined;
    if (!hasOpening) {
      if (this.basis === undefined) this.basis = 'ending';
      return get(0);
    }
    this.basis = this.basis === 'ending' ? 'ending' : 'average';
    return get(0).plus(get(-1)).div(2);
  }

  /** EBIT per policy (§1.4): operating profit, or profit before tax + interest expense. */
  ebit(offset = 0): Decimal {
    const mode = this.ebitMode();
    if (mode === 'pretaxPlusInterest' && this.peek('interestExpense', offset) !== undefined) {
      return this.item('profitBeforeTax', offset).plus(this.item('interestExpense', offset));
    }
    if (mode === 'pretaxPlusInterest') this.notes.push('interest expense absent: EBIT = operating profit');
    return this.item('operatingProfit', offset);
  }

  ebitMode(): 'operatingProfit' | 'pretaxPlusInterest' {
    const m = this.policy.ebit;
    if (m !== 'auto') return m;
    return this.st.currency === 'CNY' ? 'pretaxPlusInterest' : 'operatingProfit';
  }

  ebitda(offset = 0): Decimal {
    return this.ebit(offset).plus(this.item('depreciationAndAmortization', offset));
  }

  debt(offset = 0): Decimal {
    const items = this.policy.debtItems;
    if (!items.some((k) => this.peek(k, offset) !== undefined) && this.peek('totalDebt', offset) !== undefined) {
      this.notes.push('debt lines not itemised: filed totalDebt used');
      return this.item('totalDebt', offset);
    }
    // A balance sheet with liabilities but no borrowings line in any period (Moutai's summary) shows
    // a borrower without interest-bearing debt: 0, said so — unlike a period whose line is blank while
    // another period prints it (Evergrande 2021), or a period without a balance sheet, which stay unknown.
    if (!items.some((k) => this.peek(k, offset) !== undefined) && this.peek('totalLiabilities', offset) !== undefined && !showsBorrowings(this.st, items)) {
      this.notes.push(NO_BORROWINGS_NOTE);
      return new Decimal(0);
    }
    return this.sumPresent(this.policy.debtItems, offset, `interest-bearing debt (${this.policy.debtItems.join(' + ')})`);
  }

  receivables(offset = 0): Decimal {
    // CAS 2019 format prints one combined line (应收票据及应收账款) when it does not split them.
    if (this.peek('accountsReceivable', offset) === undefined && this.peek('notesAndAccountsReceivable', offset) !== undefined) {
      return this.item('notesAndAccountsReceivable', offset);
    }
    const ar = this.item('accountsReceivable', offset);
    return this.policy.receivablesIncludeNotes ? ar.plus(this.opt('notesReceivable', offset)).plus(this.opt('receivablesFinancing', offset)) : ar;
  }

  /** Net income attributable to parent when reported, else net income (ROE, §1.5). */
  parentNetIncome(offset = 0): Decimal {
    return this.first(['netIncomeAttributableToParent', 'netIncome'], offset);
  }

  parentEquityKey(offset = 0): ItemKey {
    return this.peek('equityAttributableToParent', offset) !== undefined ? 'equityAttributableToParent' : 'totalEquity';
  }
}

/** The note a zero debt carries when the statements print no borrowings line at all. */
export const NO_BORROWINGS_NOTE = 'no borrowings line in the statements (short-term or long-term borrowings, bonds, leases, current portion of long-term debt): interest-bearing debt taken as 0';

/** Does any period print a borrowings line (an interest-bearing item of the policy, or a filed total debt)? */
export function showsBorrowings(st: EngineStatement, items: readonly ItemKey[]): boolean {
  return st.periods.some((p) => itemOf(p, 'totalDebt') !== undefined || items.some((k) => itemOf(p, k) !== undefined));
}

/** num / den with a "not meaningful" reason when den is zero (NaN propagates as missing). */
export function ratio(num: Decimal, den: Decimal, denName: string): Outcome {
  if (den.isZero()) return new NotMeaningful(`${denName} is zero`);
  return num.div(den);
}

/** Growth x/base − 1 (§1.8): not meaningful on a base ≤ 0 unless the policy is mechanical. */
export function growth(x: Decimal, base: Decimal, policy: Policy, what: string): Outcome {
  if (base.isZero()) return new NotMeaningful(`prior-period ${what} is zero`);
  if (base.isNegative() && policy.growthBase === 'strict') return new NotMeaningful(`prior-period ${what} is negative (${base.toNumber()})`);
  return x.minus(base).div(base);
}

export interface FigureDef {
  formula: string | ((c: Ctx) => string);
  compute: (c: Ctx) => Outcome;
}

/** Runs a definition for one period and packages the figure. */
export function evaluate(def: FigureDef, st: EngineStatement, i: number, policy: Policy): Figure {
  const c = new Ctx(st, i, policy);
  let out: Outcome;
  try {
    out = def.compute(c);
  } catch (e) {
    // Decimal throws on e.g. a negative base with a fractional power; keep it a reasoned null.
    out = new NotMeaningful(e instanceof Error ? e.message : String(e));
  }
  const formula = typeof def.formula === 'function' ? def.formula(c) : def.formula;
  const base: Figure = { period: c.label, value: null, formula, inputs: c.inputs, note: null };
  if (c.basis) base.basis = c.basis;
  const extra = c.notes.length ? ` (${[...new Set(c.notes)].join('; ')})` : '';
  if (c.missing.length) return { ...base, note: `n/a: missing ${c.missing.join(', ')}` };
  if (out instanceof NotMeaningful) return { ...base, note: `not meaningful: ${out.reason}` };
  if (!out.isFinite()) return { ...base, note: 'not meaningful: undefined result' };
  return { ...base, value: out.toNumber(), note: extra ? extra.slice(2, -1) : null };
}
