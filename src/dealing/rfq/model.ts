/** The persisted RFQ record: what the desk quoted, to whom, and how the negotiation went. */
import { z } from 'zod';
import { RfqStatusSchema, type RfqStatus } from './state-machine.js';

/** Side from the requester's (client's) view, as the parser reports it. */
export const RfqSideSchema = z.enum(['buy', 'sell', 'borrow', 'lend']);
export type RfqSide = z.infer<typeof RfqSideSchema>;

/** Instrument as resolved by the parser / bond master (kept as given, JSON in the row). */
export const RfqInstrumentSchema = z.object({
  kind: z.string(),
  code: z.string().nullable(),
  name: z.string().nullable(),
  issuer: z.string().nullable(),
  tenor: z.string().nullable(),
});
export type RfqInstrument = z.infer<typeof RfqInstrumentSchema>;

export const QuoteStateSchema = z.object({
  bid: z.number().nullable(),
  offer: z.number().nullable(),
  mid: z.number().nullable(),
  levelType: z.string(),
  /** ISO instant; null for indicative quotes (never executable, no TTL). */
  validUntil: z.string().nullable(),
  firm: z.boolean(),
  quotedAt: z.string(),
  version: z.number().int().min(1),
  /** The first quote's levels: total concession is measured from here. */
  originalBid: z.number().nullable(),
  originalOffer: z.number().nullable(),
  /** Concession unit for this level type (bp for yields/rates, pips for FX). */
  unit: z.enum(['bp', 'pips', 'cents']),
  /** Settlement date actually quoted (after calendar roll). */
  settle: z.string().nullable(),
  /** True once the desk has said its level is final. */
  held: z.boolean(),
  /** Pricing inputs, kept for audit (curve point, spreads, tier…). */
  detail: z.record(z.string(), z.unknown()).optional(),
});
export type QuoteState = z.infer<typeof QuoteStateSchema>;

export const NegotiationStepSchema = z.object({
  at: z.string(),
  side: RfqSideSchema,
  clientLevel: z.number(),
  from: z.number(),
  to: z.number(),
  outcome: z.enum(['improved', 'held', 'already_better']),
  /** Concession asked in this step / in total, in `unit`. */
  step: z.number(),
  total: z.number(),
  unit: z.string(),
  reason: z.string(),
});
export type NegotiationStep = z.infer<typeof NegotiationStepSchema>;

export const RfqSchema = z.object({
  id: z.string(),
  thread: z.string(),
  client: z.string(),
  trader: z.string(),
  instrument: RfqInstrumentSchema,
  side: RfqSideSchema.nullable(),
  notional: z.number(),
  currency: z.string(),
  settle: z.string().nullable(),
  status: RfqStatusSchema,
  quote: QuoteStateSchema.nullable(),
  negotiation: z.array(NegotiationStepSchema),
  /** RFQ this one replaced (fresh quote after expiry). */
  parentId: z.string().nullable(),
  /** Why it was rejected / cancelled / expired (the failed check is named). */
  reason: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Rfq<S extends RfqStatus = RfqStatus> = Omit<z.infer<typeof RfqSchema>, 'status'> & { status: S };

export interface RfqEventLogEntry {
  event: string;
  from: string | null;
  to: string;
  at: string;
  actor: string;
  detail: Record<string, unknown> | null;
}

export interface NewRfq {
  thread: string;
  client: string;
  trader: string;
  instrument: RfqInstrument;
  side: RfqSide | null;
  notional: number;
  currency: string;
  settle: string | null;
  parentId?: string | null;
}

/** Fields an event may change besides the status. */
export interface RfqPatch {
  quote?: QuoteState | null;
  negotiation?: NegotiationStep[];
  reason?: string | null;
  settle?: string | null;
  /** A two-way RFQ gets its side when the client counters or deals. */
  side?: RfqSide | null;
  /** Size amended by the client ("make it 500mm"): re-priced and re-checked by the caller. */
  notional?: number;
}

/** The calendar date in Shanghai (UTC+8, no DST): trade dates and ids follow the desk's day. */
export function shanghaiDate(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** `RFQ-20251226-0001`: the desk's date + a global sequence, deterministic for replay. */
export function rfqIdFor(at: Date, seq: number): string {
  return `RFQ-${shanghaiDate(at).replaceAll('-', '')}-${String(seq).padStart(4, '0')}`;
}
