import { z } from 'zod';

/**
 * The parse of one dealer chat line (issue 3, part 3). Null where the message does not say;
 * `notional` is in currency units (1E = 100,000,000). Sides are from the requester's view.
 */
export const ActionSchema = z.enum(['request', 'counter', 'accept', 'cancel', 'pass', 'none']);
export type Action = z.infer<typeof ActionSchema>;

/** buy/sell = bonds, NCDs or the base currency (USD); borrow/lend = cash (repo, lending); pay/receive = the fixed leg of a swap. */
export const SideSchema = z.enum(['buy', 'sell', 'borrow', 'lend', 'pay', 'receive']);
export type Side = z.infer<typeof SideSchema>;

export const InstrumentKindSchema = z.enum([
  'bond',
  'ncd',
  'repo',
  'lending',
  'fx_spot',
  'fx_forward',
  'fx_swap',
  'irs',
]);
export type InstrumentKind = z.infer<typeof InstrumentKindSchema>;

export const LevelTypeSchema = z.enum(['yield', 'price', 'rate', 'outright', 'points', 'spread']);
export type LevelType = z.infer<typeof LevelTypeSchema>;

export const ParsedInstrumentSchema = z
  .object({
    kind: InstrumentKindSchema,
    /** Bond code (`220205`), repo fixing code (`DR007`), FX pair (`USD/CNY`) or null for a generic tenor. */
    code: z.string().nullable(),
    /** Short name from the bond master (`22国开05`); null when not resolved. */
    name: z.string().nullable(),
    /** `CGB`/`CDB`/`ADBC`/`EXIM`/`LGB-XX` for bonds; an NCD bucket id (`state_joint`, `city`…) for NCDs. */
    issuer: z.string().nullable(),
    /** `5Y`, `3M`, `7D`, `ON`/`TN`/`SPOT` (FX) or an ISO date for broken dates / swap maturities. */
    tenor: z.string().nullable(),
  })
  .strict();
export type ParsedInstrument = z.infer<typeof ParsedInstrumentSchema>;

export const ParseResultSchema = z
  .object({
    action: ActionSchema,
    side: SideSchema.nullable(),
    instrument: ParsedInstrumentSchema.nullable(),
    notional: z.number().positive().nullable(),
    currency: z.string().nullable(),
    level: z.number().nullable(),
    levelType: LevelTypeSchema.nullable(),
    /** `T+0`…`T+3`, an ISO date, or `YYYY-MM-DD+n` (trade on a later day at speed n). */
    settle: z.string().nullable(),
    /** true = firm/dealable, false = indicative (ref/indic/参考/意向/请示), null = not said. */
    firm: z.boolean().nullable(),
    /** Slots the action needs that the message did not give (`notional`, `instrument`, `instrument.tenor`…). */
    missing: z.array(z.string()),
    /** Tokens the parser could not read or place (unknown bond codes, stray numbers, unknown words). */
    unparsed: z.array(z.string()),
  })
  .strict();
export type ParseResult = z.infer<typeof ParseResultSchema>;

export interface ParseOptions {
  /** ISO trade date; needed only to resolve weekday / day-month settlement words into dates. */
  tradeDate?: string;
}
