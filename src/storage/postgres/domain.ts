/**
 * The domain types and helpers the PostgreSQL repositories need, gathered in one module: the
 * record types are derived from the repository interfaces (so they follow `types.ts` wherever the
 * domain modules move), and the id formats are the SQLite engine's, byte for byte.
 */
import type { ApprovalRepository, RfqRepository, TicketRepository, TokenRecord } from '../types.js';

export { NegotiationStepSchema, QuoteStateSchema, RfqInstrumentSchema, RfqSideSchema, type Rfq } from '../../dealing/rfq/model.js';
export { nextStatus, RfqStatusSchema, type RfqEvent, type RfqStatus } from '../../dealing/rfq/state-machine.js';
export { TicketStatusSchema, type Ticket } from '../../dealing/booking/ticket.js';

export type NewRfq = Parameters<RfqRepository['create']>[0];
/** `notional` is the size amendment the SQLite engine already applies; harmless where RfqPatch has it. */
export type RfqPatch = NonNullable<Parameters<RfqRepository['applyEvent']>[4]> & { notional?: number };
export type RfqEventLogEntry = Awaited<ReturnType<RfqRepository['eventLog']>>[number];
/** A ticket approved before the firm quote (four eyes) arrives with its approver and time. */
export type NewTicket = Parameters<TicketRepository['insert']>[0] & { approver?: string | null; approvedAt?: string | null };
export type ListTicketsOptions = NonNullable<Parameters<TicketRepository['list']>[0]>;
export type NewApproval = Parameters<ApprovalRepository['create']>[0];
export type NewToken = Omit<TokenRecord, 'revokedAt'>;

/** The calendar date in Shanghai (UTC+8, no DST): trade dates and ids follow the desk's day. */
export function shanghaiDate(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

const seqId = (prefix: string, date: string, seq: number): string => `${prefix}-${date.replaceAll('-', '')}-${String(seq).padStart(4, '0')}`;

/** `RFQ-20251226-0001`: the desk's date + a global sequence, deterministic for replay. */
export const rfqIdFor = (at: Date, seq: number): string => seqId('RFQ', shanghaiDate(at), seq);
/** `T-20251226-0001`: the trade date + the blotter sequence. */
export const tradeIdFor = (tradeDate: string, seq: number): string => seqId('T', tradeDate, seq);
/** `APR-20251226-0001`: the desk's date of the request + a global sequence. */
export const approvalIdFor = (at: Date, seq: number): string => seqId('APR', shanghaiDate(at), seq);
