/**
 * The domain types and helpers the PostgreSQL repositories need, in one module: the id formats are
 * the domain's own (shared with the SQLite engine), so both engines number RFQs, tickets and
 * approvals identically.
 */
import { shanghaiDate } from '../../dealing/rfq/model.js';
import type { ApprovalRepository, TokenRecord } from '../types.js';

export {
  NegotiationStepSchema,
  QuoteStateSchema,
  RfqInstrumentSchema,
  RfqSideSchema,
  rfqIdFor,
  shanghaiDate,
  type NewRfq,
  type Rfq,
  type RfqEventLogEntry,
  type RfqPatch,
} from '../../dealing/rfq/model.js';
export { nextStatus, RfqStatusSchema, type RfqEvent, type RfqStatus } from '../../dealing/rfq/state-machine.js';
export { TicketStatusSchema, tradeIdFor, type ListTicketsOptions, type NewTicket, type Ticket } from '../../dealing/booking/ticket.js';

export type NewApproval = Parameters<ApprovalRepository['create']>[0];
export type NewToken = Omit<TokenRecord, 'revokedAt'>;

/** `APR-20251226-0001`: the desk's date of the request + a global sequence (as the SQLite engine). */
export const approvalIdFor = (at: Date, seq: number): string => `APR-${shanghaiDate(at).replaceAll('-', '')}-${String(seq).padStart(4, '0')}`;
