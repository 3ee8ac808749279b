/**
 * The RFQ lifecycle as a typed transition table (market-conventions §3.1).
 *
 * REQUESTED → QUOTED ⇄ COUNTERED → ACCEPTED → DONE, with the exits EXPIRED, REJECTED, CANCELLED,
 * NOTHING_DONE. PENDING_APPROVAL comes *before* a firm quote above the trader's authority (Trading
 * Rules Art. 16: a firm quote above the limit may be sent only after the desk head approved it):
 * the levels are shown as indicative until a desk head approves the exact economics; approval moves
 * the RFQ to QUOTED with a firm, time-limited quote, and the deal is booked straight to DONE.
 * COUNTERED is the dealer's "thinking" state: a counter tool moves QUOTED → COUNTERED → QUOTED
 * (improved or held) in one transaction, both steps audited.
 *
 * `transition()` only type-checks for legal (status, event) pairs; `applyEvent()` is the run-time
 * guard used on rows loaded from the database, where the status is only known dynamically.
 */
import { z } from 'zod';
import { ToolRefusal } from '../../runtime/errors.js';

export const RFQ_STATUSES = [
  'REQUESTED',
  'QUOTED',
  'COUNTERED',
  'ACCEPTED',
  'PENDING_APPROVAL',
  'DONE',
  'EXPIRED',
  'REJECTED',
  'CANCELLED',
  'NOTHING_DONE',
] as const;
export const RfqStatusSchema = z.enum(RFQ_STATUSES);
export type RfqStatus = z.infer<typeof RfqStatusSchema>;

export const RFQ_EVENTS = [
  'quote', // dealer prices the request
  'requote', // dealer re-states / firms up the quote
  'counter', // client counters the level
  'improve', // dealer concedes toward the counter
  'hold', // dealer holds its level (concession limit reached)
  'accept', // client hits / lifts within TTL
  'book', // ticket booked
  'request_approval', // a firm quote above the trader's authority waits for a desk head
  'approve', // desk head approves the exact economics: the firm quote is released
  'expire', // TTL elapsed
  'reject', // a pre-trade check failed, or the desk head rejected
  'cancel', // quote withdrawn (撤 / ref)
  'pass', // client passes (nothing done)
] as const;
export const RfqEventSchema = z.enum(RFQ_EVENTS);
export type RfqEvent = z.infer<typeof RfqEventSchema>;

export const TRANSITIONS = {
  REQUESTED: { quote: 'QUOTED', request_approval: 'PENDING_APPROVAL', reject: 'REJECTED', cancel: 'CANCELLED' },
  QUOTED: {
    requote: 'QUOTED',
    request_approval: 'PENDING_APPROVAL',
    counter: 'COUNTERED',
    accept: 'ACCEPTED',
    expire: 'EXPIRED',
    reject: 'REJECTED',
    cancel: 'CANCELLED',
    pass: 'NOTHING_DONE',
  },
  COUNTERED: { improve: 'QUOTED', hold: 'QUOTED', request_approval: 'PENDING_APPROVAL', reject: 'REJECTED', cancel: 'CANCELLED', pass: 'NOTHING_DONE' },
  ACCEPTED: { book: 'DONE', reject: 'REJECTED' },
  PENDING_APPROVAL: {
    approve: 'QUOTED',
    counter: 'COUNTERED',
    request_approval: 'PENDING_APPROVAL',
    reject: 'REJECTED',
    expire: 'EXPIRED',
    cancel: 'CANCELLED',
    pass: 'NOTHING_DONE',
  },
  DONE: {},
  EXPIRED: {},
  REJECTED: {},
  CANCELLED: {},
  NOTHING_DONE: {},
} as const satisfies Record<RfqStatus, Partial<Record<RfqEvent, RfqStatus>>>;

type Table = typeof TRANSITIONS;
/** Events legal from status S (never for terminal states). */
export type EventFrom<S extends RfqStatus> = keyof Table[S] & RfqEvent;
/** The status an event leads to from S. */
export type NextStatus<S extends RfqStatus, E extends EventFrom<S>> = Table[S][E] & RfqStatus;

export const TERMINAL_STATUSES: readonly RfqStatus[] = RFQ_STATUSES.filter(
  (s) => Object.keys(TRANSITIONS[s]).length === 0,
);

export function isTerminal(status: RfqStatus): boolean {
  return TERMINAL_STATUSES.includes(status);
}

export function allowedEvents(status: RfqStatus): RfqEvent[] {
  return Object.keys(TRANSITIONS[status]) as RfqEvent[];
}

/** Run-time lookup: the next status, or a refusal naming the state and the legal events. */
export function nextStatus(status: RfqStatus, event: RfqEvent, rfqId = 'RFQ'): RfqStatus {
  const row: Partial<Record<RfqEvent, RfqStatus>> = TRANSITIONS[status];
  const to = row[event];
  if (!to) {
    const allowed = allowedEvents(status);
    throw new ToolRefusal(
      `${rfqId} is ${status}: cannot ${event}` +
        (allowed.length ? ` (allowed: ${allowed.join(', ')})` : ' (it is final)'),
      'rfq_state',
      { rfqId, status, event },
    );
  }
  return to;
}

/** Anything with a status: the machine does not care about the rest of the record. */
export interface HasStatus<S extends RfqStatus = RfqStatus> {
  id: string;
  status: S;
}

/** Typed transition: `transition(q as Rfq<'QUOTED'>, 'accept')` compiles; `(…'DONE'>, 'accept')` does not. */
export function transition<T extends HasStatus, E extends EventFrom<T['status']>>(
  rfq: T,
  event: E,
): Omit<T, 'status'> & { status: NextStatus<T['status'], E> } {
  const to = nextStatus(rfq.status, event, rfq.id) as NextStatus<T['status'], E>;
  return { ...rfq, status: to };
}

/** Narrowing guard for records loaded from the store. */
export function isStatus<S extends RfqStatus, T extends HasStatus>(rfq: T, ...statuses: S[]): rfq is T & HasStatus<S> {
  return (statuses as RfqStatus[]).includes(rfq.status);
}
