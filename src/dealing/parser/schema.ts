import { z } from 'zod';

/**
 * The parse of one dealer chat line (issue 3, part 3). Null where the message does not say;
 * `notional` is in currency units (1E = 100,000,000). Sides are from the requester's view.
 *
 * Actions (issue 11 §2 added `question`, `amend`, `refresh`, `confirm`):
 * - `request`  an inquiry (RFQ) or the requester's own bid/offer; an unsupported product still reads as a request
 *              (see `unsupported`) so the desk can refuse it by name.
 * - `question` a question about a market level, not a deal: a history/closing marker (close, 收在, 收盘, 昨天,
 *              yesterday, valuation/估值…), or a "now" marker (现在, now, today…) or a yield word with a question
 *              word (多少, what's, how much, ?), and NO size, side, level, two-way or deal verb, and no explicit
 *              price request (报价, 双边, price, quote, two-way, bid-offer…). `5y CDB where? 1bn` (size) stays a request.
 * - `counter`  a counter-proposal: an absolute `level` (`1.93 ok?`, `1.935 能给吗`) or a `relative` improvement.
 * - `amend`    a new size for the live RFQ (`make it 500mm`, `改成3E`, `only 3kw`): `notional` set, `level` null,
 *              no side; no instrument required.
 * - `accept`   hit/lift/done/mine/yours/给/TKN… (`lift` = the requester buys on our offer, `hit` = sells on our bid).
 * - `confirm`  an explicit yes to the desk's read-back (fat-finger check): confirm/confirmed/确认/确认无误; a bare
 *              yes/是/对/是的/correct counts only when it is the whole message. Slots said with it are kept so the
 *              desk can compare them with its read-back. `ok`/`好的`/`收到` are acknowledgements, not confirmations;
 *              "please confirm"/"请确认" asks the desk to confirm and is not one.
 * - `refresh`  re-quote the live RFQ (refresh, re-quote, how now, 再报一下, 刷新一下价格); with an instrument named it
 *              is a `request` instead.
 * - `cancel`   the requester withdraws (撤, ref, cancel, off).
 * - `pass`     the requester ends the RFQ without dealing (pass, no trade, nothing done, 不做了, 算了, 不要了…).
 * - `none`     not a trade message.
 */
export const ActionSchema = z.enum(['request', 'question', 'counter', 'amend', 'accept', 'confirm', 'refresh', 'cancel', 'pass', 'none']);
export type Action = z.infer<typeof ActionSchema>;

/**
 * buy/sell = bonds, NCDs or the base currency (USD); borrow/lend = cash (repo, lending); pay/receive = the fixed leg of a swap.
 * Always the requester's (client's) side: `出`/`offer`/`sell` said of oneself = sell, but a side asked OF the desk
 * flips (`what's your offer`, `any offer`, `offer me`, `你出个价`, `你卖给我` = the client buys; `show me your bid`,
 * `bid me`, `你收不收`, `你收吗` = the client sells). A two-way request (`双边`, `two-way`, `bid-offer`) has no side.
 */
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
    /**
     * `CGB`/`CDB`/`ADBC`/`EXIM` for bonds; `LGB-XX` for a local-government bond whose province is written
     * (`25广东债12`, `广东债`), `LGB` when it is not (`地方债`, an unknown 7-digit LGB code); an NCD bucket id
     * (`state_joint`, `city`…) for NCDs.
     */
    issuer: z.string().nullable(),
    /** `5Y`, `3M`, `7D`, `ON`/`TN`/`SPOT` (FX) or an ISO date for broken dates / swap maturities. */
    tenor: z.string().nullable(),
  })
  .strict();
export type ParsedInstrument = z.infer<typeof ParsedInstrumentSchema>;

/**
 * A counter relative to the desk's last quote. Always in the requester's favour: the desk moves its
 * quote toward the requester by `amount` (bonds/NCDs/repo quoted in yield or rate: a buyer gets a
 * higher yield, a seller a lower one; FX: a buyer a lower rate, a seller a higher one). `amount` null
 * = "a little" (好一点, any better?): the desk chooses the step. `unit` is `pips` when the message says
 * pips (or 点 with an FX product); otherwise `bp` (bare `better by 0.5` counts in bp).
 */
export const RelativeSchema = z
  .object({
    amount: z.number().positive().nullable(),
    unit: z.enum(['bp', 'pips']),
  })
  .strict();
export type Relative = z.infer<typeof RelativeSchema>;

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
    // The three fields below are always present in parser output (null when absent); they are optional in
    // the schema only so that parse results stored before they existed still validate.
    /**
     * The counterparty the message names, as written: `for HXCB`, `client Jiangnan RCB`, `cpty ABC`,
     * `客户 江南农商`, or a Chinese institution name with a bank-type suffix (`江南城商行要…`, `北京农商 …`).
     * English names after `for` must start with a capital letter and not be a dealing word (`for 1 yard`
     * is a size). The name is removed before instrument detection, so `宁波城商` is never read as an NCD
     * bucket; a bank name directly followed by 存单/CD is the NCD issuer, not a client.
     */
    client: z.string().nullable().optional(),
    /**
     * A product the desk does not quote, when the message names one. `instrument` is then null (never
     * coerced to a supported product) and `missing` is empty. Values: another FX pair as `AAA/BBB`
     * (`USD/JPY`, `EUR/CNH`, `EUR/CNY` for 欧元兑人民币 or a EUR spot/forward); otherwise one of `credit bond`
     * (MTN/中票, CP/SCP/短融, PPN, 企业债, 公司债, 城投, 永续, 二级资本债, ABS, 9-digit credit codes),
     * `convertible bond`, `CDS`, `bond futures`, `option`, `gold`, `silver`, `equity`, `commodity`, `crypto`.
     * Supported: CNY rates bonds (CGB/CDB/ADBC/EXIM/LGB), NCDs, repo, lending, USD/CNY FX and (for the
     * refusal message) IRS, which keeps `instrument.kind = 'irs'`.
     */
    unsupported: z.string().nullable().optional(),
    /** Set on a relative counter (`2bp better`, `再让0.25bp`, `好一点`); `level` is then null. */
    relative: RelativeSchema.nullable().optional(),
  })
  .strict();
export type ParseResult = z.infer<typeof ParseResultSchema>;

export interface ParseOptions {
  /** ISO trade date; needed only to resolve weekday / day-month settlement words into dates. */
  tradeDate?: string;
}
