import type Database from 'better-sqlite3';
import { TicketStatusSchema, tradeIdFor, type ListTicketsOptions, type NewTicket, type Ticket } from '../../dealing/booking/ticket.js';
import { RfqInstrumentSchema, RfqSideSchema, shanghaiDate } from '../../dealing/rfq/model.js';
import { ToolRefusal } from '../../runtime/errors.js';
import type { TicketPage, TicketRepository } from '../types.js';
import { atomically, type Guard } from './guard.js';
import { parseStoredJson } from './rfqs.js';

export interface TicketRow {
  trade_id: string;
  seq: number;
  rfq_id: string;
  client: string;
  trader: string;
  instrument: unknown;
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
  detail: unknown;
}

const num = (v: number | null): number | null => (v === null ? null : Number(v));

export function ticketFromRow(r: TicketRow): Ticket {
  const json = (v: unknown, what: string) => (typeof v === 'string' ? parseStoredJson(v, `ticket ${r.trade_id} ${what}`) : v);
  return {
    tradeId: r.trade_id,
    rfqId: r.rfq_id,
    client: r.client,
    trader: r.trader,
    instrument: RfqInstrumentSchema.parse(json(r.instrument, 'instrument')),
    side: RfqSideSchema.parse(r.side),
    notional: Number(r.notional),
    currency: r.currency,
    level: Number(r.level),
    levelType: r.level_type,
    clean: num(r.clean),
    accrued: num(r.accrued),
    fullPrice: num(r.full_price),
    settlementAmount: num(r.settlement_amount),
    tradeDate: r.trade_date,
    settleDate: r.settle_date,
    status: TicketStatusSchema.parse(r.status),
    approver: r.approver,
    approvedAt: r.approved_at,
    createdAt: r.created_at,
    detail: json(r.detail, 'detail') as Record<string, unknown>,
  };
}

export function ticketNotFound(tradeId: string): ToolRefusal {
  return new ToolRefusal(`no ticket with trade id ${tradeId}`, 'ticket_not_found', { tradeId });
}

export function filterTickets(rows: Ticket[], opts: ListTicketsOptions): Ticket[] {
  let out = rows;
  if (opts.status) out = out.filter((t) => t.status === opts.status);
  if (opts.trader) out = out.filter((t) => t.trader === opts.trader);
  if (opts.client) out = out.filter((t) => t.client === opts.client);
  if (opts.limit !== undefined) out = opts.limit <= 0 ? [] : out.slice(-opts.limit);
  return out;
}

export class SqliteTickets implements TicketRepository {
  private readonly s;

  constructor(db: Database.Database, private readonly guard: Guard) {
    this.s = {
      nextSeq: db.prepare<[], { n: number }>('SELECT COALESCE(MAX(seq), 0) + 1 AS n FROM tickets'),
      insert: db.prepare(
        `INSERT INTO tickets (trade_id, seq, rfq_id, client, trader, instrument, side, notional, currency, level, level_type,
           clean, accrued, full_price, settlement_amount, trade_date, settle_date, status, approver, approved_at, created_at, detail)
         VALUES (@trade_id, @seq, @rfq_id, @client, @trader, @instrument, @side, @notional, @currency, @level, @level_type,
           @clean, @accrued, @full_price, @settlement_amount, @trade_date, @settle_date, @status, @approver, @approved_at, @created_at, @detail)`,
      ),
      byRfq: db.prepare<[string], TicketRow>('SELECT * FROM tickets WHERE rfq_id = ?'),
      byId: db.prepare<[string], TicketRow>('SELECT * FROM tickets WHERE trade_id = ?'),
      all: db.prepare<[], TicketRow>('SELECT * FROM tickets ORDER BY seq'),
      onDate: db.prepare<[string], TicketRow>("SELECT * FROM tickets WHERE trade_date = ? AND status != 'rejected' ORDER BY seq"),
      since: db.prepare<[number, number], TicketRow>('SELECT * FROM tickets WHERE seq > ? ORDER BY seq LIMIT ?'),
      tx: atomically(db),
    };
  }

  insert(t: NewTicket, at: Date): Promise<Ticket> {
    return this.guard(() =>
      this.s.tx(() => {
        const existing = this.s.byRfq.get(t.rfqId);
        if (existing) return ticketFromRow(existing);
        const seq = this.s.nextSeq.get()?.n ?? 1;
        const tradeDate = shanghaiDate(at);
        const tradeId = tradeIdFor(tradeDate, seq);
        this.s.insert.run({
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
          trade_date: tradeDate,
          settle_date: t.settleDate,
          status: t.status,
          approver: t.approver ?? null,
          approved_at: t.approvedAt ?? null,
          created_at: at.toISOString(),
          detail: JSON.stringify(t.detail),
        });
        return ticketFromRow(this.s.byId.get(tradeId)!);
      }),
    );
  }

  get(tradeId: string): Promise<Ticket> {
    return this.guard(() => {
      const row = this.s.byId.get(tradeId);
      if (!row) throw ticketNotFound(tradeId);
      return ticketFromRow(row);
    });
  }

  byRfq(rfqId: string): Promise<Ticket | null> {
    return this.guard(() => {
      const row = this.s.byRfq.get(rfqId);
      return row ? ticketFromRow(row) : null;
    });
  }

  liveOn(tradeDate: string): Promise<Ticket[]> {
    return this.guard(() => this.s.onDate.all(tradeDate).map(ticketFromRow));
  }

  list(opts: ListTicketsOptions = {}): Promise<Ticket[]> {
    return this.guard(() => filterTickets(this.s.all.all().map(ticketFromRow), opts));
  }

  since(cursor: number, limit = 1000): Promise<TicketPage> {
    return this.guard(() => {
      const rows = this.s.since.all(cursor, limit);
      return { tickets: rows.map((r) => ({ ...ticketFromRow(r), cursor: r.seq })), cursor: rows.at(-1)?.seq ?? cursor };
    });
  }
}
