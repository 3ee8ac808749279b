import { OperationError, ToolRefusal } from '../../runtime/errors.js';
import type { RfqRepository } from '../types.js';
import {
  NegotiationStepSchema,
  nextStatus,
  QuoteStateSchema,
  RfqInstrumentSchema,
  RfqSideSchema,
  rfqIdFor,
  RfqStatusSchema,
  type NewRfq,
  type Rfq,
  type RfqEvent,
  type RfqEventLogEntry,
  type RfqPatch,
  type RfqStatus,
} from './domain.js';
import { iso, toJson, type Sql } from './sql.js';

interface RfqRow {
  id: string;
  thread: string;
  client: string;
  trader: string;
  instrument: unknown;
  side: string | null;
  notional: number;
  currency: string;
  settle: string | null;
  status: string;
  quote: unknown;
  negotiation: unknown;
  parent_id: string | null;
  reason: string | null;
  created_at: unknown;
  updated_at: unknown;
}

interface EventRow {
  event: string;
  from_status: string | null;
  to_status: string;
  at: unknown;
  actor: string;
  detail: Record<string, unknown> | null;
}

/** A stored row → the domain record (validated: a row written by another version may differ). */
function fromRow(r: RfqRow): Rfq {
  const status = RfqStatusSchema.safeParse(r.status);
  if (!status.success) throw new OperationError(`rfq ${r.id}: unknown status "${r.status}" in store`);
  return {
    id: r.id,
    thread: r.thread,
    client: r.client,
    trader: r.trader,
    instrument: RfqInstrumentSchema.parse(r.instrument),
    side: r.side === null ? null : RfqSideSchema.parse(r.side),
    notional: Number(r.notional),
    currency: r.currency,
    settle: r.settle,
    status: status.data,
    quote: r.quote === null ? null : QuoteStateSchema.parse(r.quote),
    negotiation: NegotiationStepSchema.array().parse(r.negotiation),
    parentId: r.parent_id,
    reason: r.reason,
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
  };
}

/** The record after an event (status from the transition table, patch applied). */
function nextRecord(rfq: Rfq, event: RfqEvent, at: Date, patch: RfqPatch): Rfq {
  const to: RfqStatus = nextStatus(rfq.status, event, rfq.id);
  return {
    ...rfq,
    status: to,
    quote: patch.quote === undefined ? rfq.quote : patch.quote,
    negotiation: patch.negotiation ?? rfq.negotiation,
    reason: patch.reason === undefined ? rfq.reason : patch.reason,
    settle: patch.settle === undefined ? rfq.settle : patch.settle,
    side: patch.side === undefined ? rfq.side : patch.side,
    notional: patch.notional ?? rfq.notional,
    updatedAt: at.toISOString(),
  };
}

const notFound = (id: string) => new ToolRefusal(`no RFQ with id ${id}`, 'rfq_not_found', { rfqId: id });

export class PgRfqs implements RfqRepository {
  constructor(private readonly sql: Sql) {}

  private async row(id: string): Promise<Rfq | null> {
    const { rows } = await this.sql.query<RfqRow>(`SELECT * FROM ${this.sql.t('rfqs')} WHERE id = $1`, [id]);
    return rows[0] ? fromRow(rows[0]) : null;
  }

  private async event(id: string, event: string, from: string | null, to: string, at: string, actor: string, detail: unknown): Promise<void> {
    await this.sql.query(
      `INSERT INTO ${this.sql.t('rfq_events')} (rfq_id, event, from_status, to_status, at, actor, detail)
       VALUES ($1, $2, $3, $4, $5, $6, $7::text::jsonb)`,
      [id, event, from, to, at, actor, detail === null ? null : toJson(detail)],
    );
  }

  create(input: NewRfq, at: Date, actor: string): Promise<Rfq> {
    return this.sql.atomic(async () => {
      const at_ = at.toISOString();
      const seq = await this.sql.nextSeq('rfqs', 'rfqSeq');
      const id = rfqIdFor(at, seq);
      await this.sql.query(
        `INSERT INTO ${this.sql.t('rfqs')} (id, seq, thread, client, trader, instrument, side, notional, currency, settle, status,
           quote, negotiation, parent_id, reason, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6::text::jsonb, $7, $8, $9, $10, 'REQUESTED', NULL, '[]', $11, NULL, $12, $12)`,
        [id, seq, input.thread, input.client, input.trader, toJson(input.instrument), input.side, input.notional, input.currency, input.settle, input.parentId ?? null, at_],
      );
      await this.event(id, 'create', null, 'REQUESTED', at_, actor, { ...input });
      const rfq = await this.row(id);
      if (!rfq) throw new OperationError(`rfq ${id} vanished after insert`);
      return rfq;
    });
  }

  async get(id: string): Promise<Rfq> {
    const rfq = await this.row(id);
    if (!rfq) throw notFound(id);
    return rfq;
  }

  find(id: string): Promise<Rfq | null> {
    return this.row(id);
  }

  async latestForThread(thread: string): Promise<Rfq | null> {
    const { rows } = await this.sql.query<RfqRow>(`SELECT * FROM ${this.sql.t('rfqs')} WHERE thread = $1 ORDER BY seq DESC LIMIT 1`, [thread]);
    return rows[0] ? fromRow(rows[0]) : null;
  }

  async latestWithStatus(thread: string, status: RfqStatus): Promise<Rfq | null> {
    const { rows } = await this.sql.query<RfqRow>(
      `SELECT * FROM ${this.sql.t('rfqs')} WHERE thread = $1 AND status = $2 ORDER BY seq DESC LIMIT 1`,
      [thread, status],
    );
    return rows[0] ? fromRow(rows[0]) : null;
  }

  async lastClientForThread(thread: string): Promise<string | null> {
    const { rows } = await this.sql.query<{ client: string }>(
      `SELECT client FROM ${this.sql.t('rfqs')} WHERE thread = $1 ORDER BY seq DESC LIMIT 1`,
      [thread],
    );
    return rows[0]?.client ?? null;
  }

  /**
   * Compare-and-set on the status: under READ COMMITTED a racing UPDATE waits for the winner's
   * commit, re-reads the row and no longer matches `status = $2`, so it changes nothing.
   */
  async applyEvent(rfq: Rfq, event: RfqEvent, at: Date, actor: string, patch: RfqPatch = {}, detail?: Record<string, unknown>): Promise<Rfq> {
    // Illegal transitions are refused (as a rejected promise) before touching the database.
    const next = nextRecord(rfq, event, at, patch);
    return this.sql.atomic(async () => {
      const res = await this.sql.query(
        `UPDATE ${this.sql.t('rfqs')} SET status = $3, quote = $4::text::jsonb, negotiation = $5::text::jsonb, reason = $6,
           settle = $7, side = $8, notional = $9, updated_at = $10
         WHERE id = $1 AND status = $2`,
        [rfq.id, rfq.status, next.status, next.quote ? toJson(next.quote) : null, toJson(next.negotiation), next.reason, next.settle, next.side, next.notional, next.updatedAt],
      );
      if (res.rowCount !== 1) {
        // Someone else moved it first: report the real state rather than overwrite it.
        const now = await this.row(rfq.id);
        if (!now) throw notFound(rfq.id);
        throw new ToolRefusal(`${rfq.id} changed concurrently: it is now ${now.status}`, 'rfq_state', { rfqId: rfq.id, status: now.status });
      }
      await this.event(rfq.id, event, rfq.status, next.status, next.updatedAt, actor, detail ?? null);
      return next;
    });
  }

  async eventLog(rfqId: string): Promise<RfqEventLogEntry[]> {
    const { rows } = await this.sql.query<EventRow>(
      `SELECT event, from_status, to_status, at, actor, detail FROM ${this.sql.t('rfq_events')} WHERE rfq_id = $1 ORDER BY id`,
      [rfqId],
    );
    return rows.map((e) => ({ event: e.event, from: e.from_status, to: e.to_status, at: iso(e.at), actor: e.actor, detail: e.detail }));
  }
}
