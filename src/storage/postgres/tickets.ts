import { OperationError, ToolRefusal } from '../../runtime/errors.js';
import type { TicketPage, TicketRepository } from '../types.js';
import {
  RfqInstrumentSchema,
  RfqSideSchema,
  shanghaiDate,
  TicketStatusSchema,
  tradeIdFor,
  type ListTicketsOptions,
  type NewTicket,
  type Ticket,
} from './domain.js';
import { iso, isoOrNull, numOrNull, toJson, type Sql } from './sql.js';

interface TicketRow {
  trade_id: string;
  seq: string | number;
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
  approved_at: unknown;
  created_at: unknown;
  detail: Record<string, unknown>;
}

function fromRow(r: TicketRow): Ticket {
  return {
    tradeId: r.trade_id,
    rfqId: r.rfq_id,
    client: r.client,
    trader: r.trader,
    instrument: RfqInstrumentSchema.parse(r.instrument),
    side: RfqSideSchema.parse(r.side),
    notional: Number(r.notional),
    currency: r.currency,
    level: Number(r.level),
    levelType: r.level_type,
    clean: numOrNull(r.clean),
    accrued: numOrNull(r.accrued),
    fullPrice: numOrNull(r.full_price),
    settlementAmount: numOrNull(r.settlement_amount),
    tradeDate: r.trade_date,
    settleDate: r.settle_date,
    status: TicketStatusSchema.parse(r.status),
    approver: r.approver,
    approvedAt: isoOrNull(r.approved_at),
    createdAt: iso(r.created_at),
    detail: r.detail,
  };
}

export class PgTickets implements TicketRepository {
  constructor(private readonly sql: Sql) {}

  /**
   * One ticket per RFQ: the blotter lock is taken before looking for an existing ticket, so a second
   * booking of the same RFQ waits for the first to commit and then returns its ticket; `rfq_id` is
   * UNIQUE besides (a writer that bypasses the lock loses with a unique violation, and is retried).
   */
  insert(t: NewTicket, at: Date): Promise<Ticket> {
    return this.sql.atomic(async () => {
      const seq = await this.sql.nextSeq('tickets', 'ticketSeq');
      const existing = await this.byRfq(t.rfqId);
      if (existing) return existing;
      const tradeDate = shanghaiDate(at);
      const { rows } = await this.sql.query<TicketRow>(
        `INSERT INTO ${this.sql.t('tickets')} (trade_id, seq, rfq_id, client, trader, instrument, side, notional, currency, level, level_type,
           clean, accrued, full_price, settlement_amount, trade_date, settle_date, status, approver, approved_at, created_at, detail)
         VALUES ($1, $2, $3, $4, $5, $6::text::jsonb, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22::text::jsonb)
         RETURNING *`,
        [
          tradeIdFor(tradeDate, seq),
          seq,
          t.rfqId,
          t.client,
          t.trader,
          toJson(t.instrument),
          t.side,
          t.notional,
          t.currency,
          t.level,
          t.levelType,
          t.clean,
          t.accrued,
          t.fullPrice,
          t.settlementAmount,
          tradeDate,
          t.settleDate,
          t.status,
          t.approver ?? null,
          t.approvedAt ?? null,
          at.toISOString(),
          toJson(t.detail),
        ],
      );
      if (!rows[0]) throw new OperationError(`ticket for ${t.rfqId} was not stored`);
      return fromRow(rows[0]);
    });
  }

  async get(tradeId: string): Promise<Ticket> {
    const { rows } = await this.sql.query<TicketRow>(`SELECT * FROM ${this.sql.t('tickets')} WHERE trade_id = $1`, [tradeId]);
    if (!rows[0]) throw new ToolRefusal(`no ticket with trade id ${tradeId}`, 'ticket_not_found', { tradeId });
    return fromRow(rows[0]);
  }

  async byRfq(rfqId: string): Promise<Ticket | null> {
    const { rows } = await this.sql.query<TicketRow>(`SELECT * FROM ${this.sql.t('tickets')} WHERE rfq_id = $1`, [rfqId]);
    return rows[0] ? fromRow(rows[0]) : null;
  }

  async liveOn(tradeDate: string): Promise<Ticket[]> {
    const { rows } = await this.sql.query<TicketRow>(
      `SELECT * FROM ${this.sql.t('tickets')} WHERE trade_date = $1 AND status <> 'rejected' ORDER BY seq`,
      [tradeDate],
    );
    return rows.map(fromRow);
  }

  /** Oldest first; with `limit`, the most recent `limit` tickets (still oldest first), as in SQLite. */
  async list(opts: ListTicketsOptions = {}): Promise<Ticket[]> {
    const where: string[] = [];
    const args: unknown[] = [];
    for (const [col, v] of [['status', opts.status], ['trader', opts.trader], ['client', opts.client]] as const) {
      if (v) {
        args.push(v);
        where.push(`${col} = $${args.length}`);
      }
    }
    let sql = `SELECT * FROM ${this.sql.t('tickets')} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`;
    if (opts.limit !== undefined) {
      args.push(Math.max(0, opts.limit));
      sql = `SELECT * FROM (${sql} ORDER BY seq DESC LIMIT $${args.length}) recent`;
    }
    const { rows } = await this.sql.query<TicketRow>(`${sql} ORDER BY seq`, args);
    return rows.map(fromRow);
  }

  async since(cursor: number, limit = 1000): Promise<TicketPage> {
    const { rows } = await this.sql.query<TicketRow>(`SELECT * FROM ${this.sql.t('tickets')} WHERE seq > $1 ORDER BY seq LIMIT $2`, [cursor, limit]);
    const tickets = rows.map((r) => ({ ...fromRow(r), cursor: Number(r.seq) }));
    return { tickets, cursor: tickets.at(-1)?.cursor ?? cursor };
  }
}
