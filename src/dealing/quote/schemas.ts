/** Inputs and outputs of the quote engine (zod ⇒ types), for tools and tests. */
import { z } from 'zod';
import { IsoDateSchema } from '../market/schema-helpers.js';

/** Side from the requester's (client's) view; null/absent = two-way. */
export const QuoteSideSchema = z.enum(['buy', 'sell', 'borrow', 'lend']);
export type QuoteSide = z.infer<typeof QuoteSideSchema>;

export const QuoteInstrumentSchema = z.discriminatedUnion('kind', [
  /** A bond by code / short name, or by issuer + tenor (on-the-run). */
  z.object({ kind: z.literal('bond'), code: z.string().min(1).optional(), issuer: z.string().optional(), tenor: z.string().optional() }),
  /** NCD by issuer bucket (state_joint/国股, city/城商, rural/农商, AAA…) and tenor (1M…1Y). */
  z.object({ kind: z.literal('ncd'), bucket: z.string().min(1), tenor: z.string().min(1) }),
  /** Pledged repo by tenor (1D…1Y) or fixing code (DR007, R001); collateral DR = rates bonds (default), R = all. */
  z.object({ kind: z.literal('repo'), tenor: z.string().optional(), code: z.string().optional(), collateral: z.enum(['DR', 'R']).optional() }),
  /** Interbank lending (拆借), priced off SHIBOR. */
  z.object({ kind: z.literal('lending'), tenor: z.string().min(1) }),
  z.object({ kind: z.literal('fx_spot'), pair: z.literal('USD/CNY').default('USD/CNY') }),
  /** Outright forward by tenor or broken value date. */
  z.object({ kind: z.literal('fx_forward'), pair: z.literal('USD/CNY').default('USD/CNY'), tenor: z.string().optional(), valueDate: IsoDateSchema.optional() }),
  /** Spot-start swap to a tenor (points). Side `buy` = buy USD near / sell far (deals on the bid). */
  z.object({ kind: z.literal('fx_swap'), pair: z.literal('USD/CNY').default('USD/CNY'), tenor: z.string().min(1) }),
]);
export type QuoteInstrument = z.infer<typeof QuoteInstrumentSchema>;

export const QuoteRequestSchema = z.object({
  instrument: QuoteInstrumentSchema,
  side: QuoteSideSchema.nullable().default(null),
  /** Face / principal in currency units: CNY for bonds, NCD, repo, lending; USD for FX. */
  notional: z.number().positive(),
  /** `T+0`/`T+1`/`+0`… or an ISO date (bonds, NCD, repo, lending). Default +1 bonds/NCD, +0 repo/lending. */
  settle: z.string().nullable().optional(),
  /** The request instant (ISO); trade date = its Asia/Shanghai date, validUntil = it + TTL. */
  now: z.string().datetime({ offset: true }),
  client: z.string().min(1),
  /** The trader's user id (t.zhang) or limit id (TRD-ZHANG). */
  trader: z.string().min(1),
  /** Desk position in this instrument (face / notional, + = long), for inventory skew. */
  inventory: z.number().optional(),
  firm: z.boolean().default(true),
  /** A level the client named (counter, 'can you do 2.14'), checked for absurdity. */
  clientLevel: z.number().optional(),
  /** Intraday usage the caller knows (from the blotter); overrides the start-of-day figures. */
  usage: z
    .object({
      traderNotionalToday: z.number().nonnegative().optional(),
      clientCreditUsed: z.number().nonnegative().optional(),
      deskDv01: z.number().optional(),
      deskNetOpen: z.number().optional(),
    })
    .optional(),
});
export type QuoteRequest = z.input<typeof QuoteRequestSchema>;
export type ParsedQuoteRequest = z.output<typeof QuoteRequestSchema>;

export const CheckResultSchema = z.object({
  ok: z.boolean(),
  /** Rule name: client_active, credit_line, trader_product, trader_per_trade, trader_daily, desk_dv01, desk_net_open, min_size, size_step, level, settlement. */
  check: z.string(),
  message: z.string(),
  /** The figures behind `message` (amounts, limits, ids), so replies can be worded per language. */
  data: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).optional(),
});
export type CheckResult = z.infer<typeof CheckResultSchema>;

export const IndicativeReasonSchema = z.object({
  code: z.enum(['market_closed', 'stale_market_data', 'future_market_data']),
  /** One English line; replies word it per language from `code` and `data`. */
  message: z.string(),
  data: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
});
export type IndicativeReason = z.infer<typeof IndicativeReasonSchema>;

export const QuoteLevelTypeSchema = z.enum(['yield', 'rate', 'outright', 'points']);
export type QuoteLevelType = z.infer<typeof QuoteLevelTypeSchema>;

export const BondPricesSchema = z.object({
  yield: z.number(),
  clean: z.number(),
  full: z.number(),
  accrued: z.number(),
});
export type BondPrices = z.infer<typeof BondPricesSchema>;

export const QuoteSchema = z.object({
  instrument: z.object({
    kind: z.string(),
    code: z.string().nullable(),
    name: z.string().nullable(),
    issuer: z.string().nullable(),
    tenor: z.string().nullable(),
    description: z.string(),
  }),
  side: QuoteSideSchema.nullable(),
  levelType: QuoteLevelTypeSchema,
  /** Unit of spreads and concessions for this level type. */
  unit: z.enum(['bp', 'pips']),
  mid: z.number(),
  bid: z.number(),
  offer: z.number(),
  /** Which side of the two-way the requester deals on, and that level (null for two-way requests). */
  clientSide: z.enum(['bid', 'offer']).nullable(),
  clientLevel: z.number().nullable(),
  /** Decimals the level is shown with (4 for yields/rates/outrights, 1–2 for points). */
  decimals: z.number().int(),
  spread: z.object({
    baseHalf: z.number(),
    sizeFactor: z.number(),
    tierFactor: z.number(),
    half: z.number(),
    skew: z.number(),
    grid: z.number(),
  }),
  notional: z.number(),
  currency: z.enum(['CNY', 'USD']),
  /** CNY equivalent (USD at spot) used for credit, limits and approval. */
  notionalCny: z.number(),
  tradeDate: IsoDateSchema,
  settleDate: IsoDateSchema,
  settleNote: z.string().nullable(),
  /** Bonds and NCDs: prices per 100 at bid / offer / mid (clean & full to 4 dp). */
  bond: z
    .object({
      bid: BondPricesSchema,
      offer: BondPricesSchema,
      mid: BondPricesSchema,
      remainingYears: z.number(),
      maturityDate: IsoDateSchema,
      dv01Per100: z.number(),
      /** Cash amounts at the client's level (null for two-way). */
      amounts: z.object({ face: z.string(), cleanAmount: z.string(), accruedAmount: z.string(), settlementAmount: z.string() }).nullable(),
    })
    .nullable(),
  /** Repo / lending: days, maturity date and interest at the client's level. */
  money: z.object({ days: z.number().int(), maturityDate: IsoDateSchema, basis: z.enum(['ACT/365', 'ACT/360']), interest: z.string().nullable(), fixing: z.number().nullable() }).nullable(),
  fx: z.object({ spot: z.number(), pointsMid: z.number(), valueDate: IsoDateSchema, nearDate: IsoDateSchema.nullable(), method: z.string() }).nullable(),
  firm: z.boolean(),
  ttlSeconds: z.number().nullable(),
  quotedAt: z.string(),
  validUntil: z.string().nullable(),
  requiresApproval: z.boolean(),
  checks: z.array(CheckResultSchema),
  /** The first failed check (null when every check passed). */
  refusal: CheckResultSchema.nullable(),
  warnings: z.array(z.string()),
  marketAsOf: IsoDateSchema,
  /** The market-data snapshot instant the quote was priced on. */
  marketSnapshotAt: z.string(),
  /**
   * Why a quote asked to be firm is indicative anyway (null when firm or indicative by request):
   * the market is closed today, or the data is too old (or timed after now) to deal on.
   */
  indicativeReason: IndicativeReasonSchema.nullable(),
});
export type Quote = z.infer<typeof QuoteSchema>;
