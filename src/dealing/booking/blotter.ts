/**
 * The blotter: tickets in SQLite. `rfq_id` is UNIQUE, so however often a booking is retried an RFQ
 * yields at most one ticket; callers book inside the same transaction as the RFQ transition.
 */
import type Database from 'better-sqlite3';
import { OperationError, ToolRefusal } from '../../runtime/errors.js';
import { RfqInstrumentSchema, RfqSideSchema } from '../rfq/model.js';
import { ensureDealingSchema } from '../rfq/schema.js';
import { shanghaiDate } from '../rfq/store.js';
import { TicketStatusSchema, type Ticket, type TicketStatus } from './ticket.js';

interface TicketRow {
  trade_id: string;
  seq: number;
  rfq_id: string;
  client: string;
  trader: string;
  instrument: string;
  side: string;
  notional: number;
  currency: string;
  level: number;
  level_type: string;
  clean: number | null;
  accrued: number | null;
  full_price: number | null;
  settlement_amount: number | null;
  trade_date: string;
  settle_date: string | null;
  status: string;
  approver: string | null;
  approved_at: string | null;
  created_at: string;
  detail: string;
}

export type NewTicket = Omit<Ticket, 'tradeId' | 'approver' | 'approvedAt' | 'createdAt' | 'tradeDate'>;

function json(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new OperationError(`corrupt ${what} in blotter: ${(e as Error).message}`);
  }
}

function fromRow(r: TicketRow): Ticket {
  return {
    tradeId: r.trade_id,
    rfqId: r.rfq_id,
    client: r.client,
    trader: r.trader,
    instrument: RfqInstrumentSchema.parse(json(r.instrument, `ticket ${r.trade_id} instrument`)),
    side: RfqSideSchema.parse(r.side),
    notional: r.notional,
    currency: r.currency,
    level: r.level,
    levelType: r.level_type,
    clean: r.clean,
    accrued: r.accrued,
    fullPrice: r.full_price,
    settlementAmount: r.settlement_amount,
    tradeDate: r.trade_date,
    settleDate: r.settle_date,
    status: TicketStatusSchema.parse(r.status),
    approver: r.approver,
    approvedAt: r.approved_at,
    createdAt: r.created_at,
    detail: json(r.detail, `ticket ${r.trade_id} detail`) as Record<string, unknown>,
  };
}

export interface ListTicketsOptions {
  status?: TicketStatus;
  trader?: string;
  client?: string;
  limit?: number;
}

export class Blotter {
  private readonly stmts;

  constructor(readonly db: Database.Database) {
    ensureDealingSchema(db);
    this.stmts = {
      nextSeq: db.prepare<[], { n: number }>('SELECT COALESCE(MAX(seq), 0) + 1 AS n FROM tickets'),
      insert: db.prepare(
        `INSERT INTO tickets (trade_id, seq, rfq_id, client, trader, instrument, side, notional, currency, level, level_type,
           clean, accrued, full_price, settlement_amount, trade_date, settle_date, status, approver, approved_at, created_at, detail)
         VALUES (@trade_id, @seq, @rfq_id, @client, @trader, @instrument, @side, @notional, @currency, @level, @level_type,
           @clean, @accrued, @full_price, @settlement_amount, @trade_date, @settle_date, @status, NULL, NULL, @created_at, @detail)`,
      ),
      byRfq: db.prepare<[string], TicketRow>('SELECT * FROM tickets WHERE rfq_id = ?'),
      byId: db.prepare<[string], TicketRow>('SELECT * FROM tickets WHERE trade_id = ?'),
      all: db.prepare<[], TicketRow>('SELECT * FROM tickets ORDER BY seq'),
      onDate: db.prepare<[string], TicketRow>("SELECT * FROM tickets WHERE trade_date = ? AND status != 'rejected' ORDER BY seq"),
      decide: db.prepare(
        `UPDATE tickets SET status = @status, approver = @approver, approved_at = @at
         WHERE trade_id = @trade_id AND status = 'pending_approval'`,
      ),
    };
  }

  /** Inserts the RFQ's ticket. A second ticket for the same RFQ is impossible (UNIQUE rfq_id). */
  insert(t: NewTicket, at: Date): Ticket {
    const existing = this.byRfq(t.rfqId);
    if (existing) return existing;
    const seq = this.stmts.nextSeq.get()?.n ?? 1;
    const tradeId = `T-${shanghaiDate(at).replaceAll('-', '')}-${String(seq).padStart(4, '0')}`;
    this.stmts.insert.run({
      trade_id: tradeId,
      seq,
      rfq_id: t.rfqId,
      client: t.client,
      trader: t.trader,
      instrument: JSON.stringify(t.instrument),
      side: t.side,
      notional: t.notional,
      currency: t.currency,
      level: t.level,
      level_type: t.levelType,
      clean: t.clean,
      accrued: t.accrued,
      full_price: t.fullPrice,
      settlement_amount: t.settlementAmount,
      trade_date: shanghaiDate(at),
      settle_date: t.settleDate,
      status: t.status,
      created_at: at.toISOString(),
      detail: JSON.stringify(t.detail),
    });
    return this.get(tradeId);
  }

  get(tradeId: string): Ticket {
    const row = this.stmts.byId.get(tradeId);
    if (!row) throw new ToolRefusal(`no ticket with trade id ${tradeId}`, 'ticket_not_found', { tradeId });
    return fromRow(row);
  }

  byRfq(rfqId: string): Ticket | null {
    const row = this.stmts.byRfq.get(rfqId);
    return row ? fromRow(row) : null;
  }

  /** Approves or rejects a pending ticket; refuses if it is not pending any more. */
  decide(tradeId: string, decision: 'booked' | 'rejected', approver: string, at: Date): Ticket {
    const res = this.stmts.decide.run({ trade_id: tradeId, status: decision, approver, at: at.toISOString() });
    if (res.changes !== 1) {
      const t = this.get(tradeId);
      throw new ToolRefusal(`ticket ${tradeId} is ${t.status}, not pending approval`, 'ticket_state', { tradeId, status: t.status });
    }
    return this.get(tradeId);
  }

  /** Live (booked or pending) tickets of one trade date: intraday usage for credit and limits. */
  liveOn(tradeDate: string): Ticket[] {
    return this.stmts.onDate.all(tradeDate).map(fromRow);
  }

  list(opts: ListTicketsOptions = {}): Ticket[] {
    let rows = this.stmts.all.all().map(fromRow);
    if (opts.status) rows = rows.filter((t) => t.status === opts.status);
    if (opts.trader) rows = rows.filter((t) => t.trader === opts.trader);
    if (opts.client) rows = rows.filter((t) => t.client === opts.client);
    if (opts.limit !== undefined) rows = rows.slice(-opts.limit);
    return rows;
  }
}

const blotters = new WeakMap<Database.Database, Blotter>();

export function blotter(db: Database.Database): Blotter {
  let b = blotters.get(db);
  if (!b) {
    b = new Blotter(db);
    blotters.set(db, b);
  }
  return b;
}
