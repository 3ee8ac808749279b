/**
 * What the dealing tools return: compact, JSON-safe views of an RFQ and its quote. The planner and
 * the LLM read these (never the raw rows), and `state` is built from the same views.
 */
import { z } from 'zod';
import { TicketSchema } from '../../dealing/booking/ticket.js';
import { RfqInstrumentSchema, RfqSideSchema, type Rfq } from '../../dealing/rfq/model.js';
import { RfqStatusSchema } from '../../dealing/rfq/state-machine.js';

export const QuoteViewSchema = z.object({
  bid: z.number().nullable(),
  offer: z.number().nullable(),
  mid: z.number().nullable(),
  levelType: z.string(),
  validUntil: z.string().nullable(),
  firm: z.boolean(),
  version: z.number().int(),
  /** The desk has said its level is final. */
  held: z.boolean(),
  unit: z.string(),
});
export type QuoteView = z.infer<typeof QuoteViewSchema>;

export const RfqViewSchema = z.object({
  id: z.string(),
  status: RfqStatusSchema,
  client: z.string(),
  trader: z.string(),
  side: RfqSideSchema.nullable(),
  instrument: RfqInstrumentSchema,
  notional: z.number(),
  currency: z.string(),
  settle: z.string().nullable(),
  quote: QuoteViewSchema.nullable(),
  reason: z.string().nullable(),
  counters: z.number().int(),
  parentId: z.string().nullable(),
});
export type RfqView = z.infer<typeof RfqViewSchema>;

const RefusalDataSchema = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));

// One schema for a pre-trade check everywhere: the quote engine's (`check`, `ok`, `message`, `data`).
export { CheckResultSchema, type CheckResult } from '../../dealing/quote/schemas.js';
import { CheckResultSchema } from '../../dealing/quote/schemas.js';

/** Something the trader must be told (settlement rolled, indicative only, default client…): a code for the planner's wording, an English message for the LLM. */
export const NoteSchema = z.object({
  code: z.string(),
  message: z.string(),
  data: RefusalDataSchema,
});
export type Note = z.infer<typeof NoteSchema>;

export const QuoteResultSchema = z.object({
  rfq: RfqViewSchema,
  notes: z.array(NoteSchema),
  checks: z.array(CheckResultSchema),
});
export type QuoteResult = z.infer<typeof QuoteResultSchema>;

export const CounterDecisionViewSchema = z.object({
  outcome: z.enum(['improved', 'held', 'already_better']),
  clientLevel: z.number(),
  level: z.number(),
  step: z.number(),
  total: z.number(),
  unit: z.string(),
  limit: z.enum(['step', 'total', 'rounds']).nullable(),
  /** The value of the limit that stopped the desk (per-step or total concession, or counters so far). */
  max: z.number().nullable().optional(),
  /** Which side of our quote the counter was on. */
  dealt: z.enum(['bid', 'offer']).optional(),
  reason: z.string(),
});

export const CounterResultSchema = z.object({
  rfq: RfqViewSchema,
  decision: CounterDecisionViewSchema,
  notes: z.array(NoteSchema),
});
export type CounterResult = z.infer<typeof CounterResultSchema>;

export const AcceptOutcomeSchema = z.enum([
  'booked', // DONE, ticket booked
  'awaiting_approval', // the quote waits for a desk head: nothing booked
  'indicative', // the quote is indicative (market closed, stale data): nothing booked
  'already_booked', // repeated "done": the existing ticket, nothing new booked
  'expired', // quote TTL elapsed: refused, a fresh quote is offered
  'firmed_up', // the quote was indicative: a firm quote is now given, confirm to deal
  'rejected', // a final pre-trade check failed at acceptance: REJECTED, the check is named
]);
export type AcceptOutcome = z.infer<typeof AcceptOutcomeSchema>;

export const AcceptResultSchema = z.object({
  outcome: AcceptOutcomeSchema,
  rfq: RfqViewSchema,
  ticket: TicketSchema.nullable(),
  /** The fresh quote after an expiry (a new RFQ in the thread). */
  fresh: QuoteResultSchema.nullable(),
  message: z.string(),
  /** The failed check on a `rejected` outcome, with its figures. */
  refusal: z.object({ check: z.string(), data: RefusalDataSchema }).nullable().optional(),
  /** The approval the RFQ waits for (`awaiting_approval`). */
  approvalId: z.string().optional(),
  /** Why nothing could be dealt (`indicative`): stale market data, market closed. */
  indicative: z.object({ code: z.string(), message: z.string(), data: RefusalDataSchema }).optional(),
});
export type AcceptResult = z.infer<typeof AcceptResultSchema>;

export function rfqView(r: Rfq): RfqView {
  return {
    id: r.id,
    status: r.status,
    client: r.client,
    trader: r.trader,
    side: r.side,
    instrument: r.instrument,
    notional: r.notional,
    currency: r.currency,
    settle: r.settle,
    quote: r.quote
      ? {
          bid: r.quote.bid,
          offer: r.quote.offer,
          mid: r.quote.mid,
          levelType: r.quote.levelType,
          validUntil: r.quote.validUntil,
          firm: r.quote.firm,
          version: r.quote.version,
          held: r.quote.held,
          unit: r.quote.unit,
        }
      : null,
    reason: r.reason,
    counters: r.negotiation.length,
    parentId: r.parentId,
  };
}
