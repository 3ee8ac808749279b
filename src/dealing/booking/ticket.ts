/** A blotter ticket (market-conventions §3.4): what was dealt, at which level and for how much. */
import { z } from 'zod';
import { RfqInstrumentSchema, RfqSideSchema } from '../rfq/model.js';

export const TicketStatusSchema = z.enum(['pending_approval', 'booked', 'rejected']);
export type TicketStatus = z.infer<typeof TicketStatusSchema>;

export const TicketSchema = z.object({
  tradeId: z.string(),
  rfqId: z.string(),
  client: z.string(),
  trader: z.string(),
  instrument: RfqInstrumentSchema,
  /** Client's side (requester's view). */
  side: RfqSideSchema,
  /** Face (bonds/NCD), principal (repo) or base-currency amount (FX), in currency units. */
  notional: z.number(),
  currency: z.string(),
  /** Dealt yield / rate / FX rate / points. */
  level: z.number(),
  levelType: z.string(),
  clean: z.number().nullable(),
  accrued: z.number().nullable(),
  fullPrice: z.number().nullable(),
  /** Cash paid on the (first) settlement date, rounded to 0.01. */
  settlementAmount: z.number().nullable(),
  tradeDate: z.string(),
  settleDate: z.string().nullable(),
  status: TicketStatusSchema,
  approver: z.string().nullable(),
  approvedAt: z.string().nullable(),
  createdAt: z.string(),
  /** Instrument-specific extras (repo maturity amount, FX counter amount, quote version…). */
  detail: z.record(z.string(), z.unknown()),
});
export type Ticket = z.infer<typeof TicketSchema>;

export type NewTicket = Omit<Ticket, 'tradeId' | 'approver' | 'approvedAt' | 'createdAt' | 'tradeDate'> & {
  /** Set when the trade was approved before the firm quote (four eyes): who and when. */
  approver?: string | null;
  approvedAt?: string | null;
};

export interface ListTicketsOptions {
  status?: TicketStatus;
  trader?: string;
  client?: string;
  limit?: number;
}

/** `T-20251226-0001`: the desk's trade date + the blotter sequence. */
export function tradeIdFor(tradeDate: string, seq: number): string {
  return `T-${tradeDate.replaceAll('-', '')}-${String(seq).padStart(4, '0')}`;
}
