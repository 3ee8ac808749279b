import type Database from 'better-sqlite3';
import {
  NegotiationStepSchema,
  QuoteStateSchema,
  RfqInstrumentSchema,
  RfqSideSchema,
  rfqIdFor,
  type NewRfq,
  type Rfq,
  type RfqEventLogEntry,
  type RfqPatch,
} from '../../dealing/rfq/model.js';
import { nextStatus, RfqStatusSchema, type RfqEvent, type RfqStatus } from '../../dealing/rfq/state-machine.js';
import { OperationError, ToolRefusal } from '../../runtime/errors.js';
import type { RfqRepository } from '../types.js';
import { atomically, type Guard } from './guard.js';

interface RfqRow {
  id: string;
  seq: number;
  thread: string;
  client: string;
  trader: string;
  instrument: string;
  side: string | null;
  notional: number;
  currency: string;
  settle: string | null;
  status: string;
  quote: string | null;
  negotiation: string;
  parent_id: string | null;
  reason: string | null;
  created_at: string;
  updated_at: string;
}

interface EventRow {
  event: string;
  from_status: string | null;
  to_status: string;
  at: string;
  actor: string;
  detail: string | null;
}

export function parseStoredJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new OperationError(`corrupt ${what} in the dealing store: ${(e as Error).message}`);
  }
}

/** A stored row → the domain record (validated: a row written by an older version may differ). */
export function rfqFromRow(r: Omit<RfqRow, 'seq'> & { instrument: unknown; quote: unknown; negotiation: unknown }): Rfq {
  const status = RfqStatusSchema.safeParse(r.status);
  if (!status.success) throw new OperationError(`rfq ${r.id}: unknown status "${r.status}" in store`);
  const json = (v: unknown, what: string) => (typeof v === 'string' ? parseStoredJson(v, `rfq ${r.id} ${what}`) : v);
  return {
    id: r.id,
    thread: r.thread,
    client: r.client,
    trader: r.trader,
    instrument: RfqInstrumentSchema.parse(json(r.instrument, 'instrument')),
    side: r.side === null ? null : RfqSideSchema.parse(r.side),
    notional: Number(r.notional),
    currency: r.currency,
    settle: r.settle,
    status: status.data,
    quote: r.quote === null ? null : QuoteStateSchema.parse(json(r.quote, 'quote')),
    negotiation: NegotiationStepSchema.array().parse(json(r.negotiation, 'negotiation')),
    parentId: r.parent_id,
    reason: r.reason,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** The record after an event (status from the transition table, patch applied). */
export function nextRecord(rfq: Rfq, event: RfqEvent, at: Date, patch: RfqPatch): Rfq {
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

export function lostRace(rfq: Rfq, now: Rfq): ToolRefusal {
  return new ToolRefusal(`${rfq.id} changed concurrently: it is now ${now.status}`, 'rfq_state', { rfqId: rfq.id, status: now.status });
}

export function rfqNotFound(id: string): ToolRefusal {
  return new ToolRefusal(`no RFQ with id ${id}`, 'rfq_not_found', { rfqId: id });
}

export class SqliteRfqs implements RfqRepository {
  private readonly s;

  constructor(db: Database.Database, private readonly guard: Guard) {
    this.s = {
      nextSeq: db.prepare<[], { n: number }>('SELECT COALESCE(MAX(seq), 0) + 1 AS n FROM rfqs'),
      insert: db.prepare(
        `INSERT INTO rfqs (id, seq, thread, client, trader, instrument, side, notional, currency, settle, status,
           quote, negotiation, parent_id, reason, created_at, updated_at)
         VALUES (@id, @seq, @thread, @client, @trader, @instrument, @side, @notional, @currency, @settle, 'REQUESTED',
           NULL, '[]', @parent_id, NULL, @at, @at)`,
      ),
      get: db.prepare<[string], RfqRow>('SELECT * FROM rfqs WHERE id = ?'),
      latest: db.prepare<[string], RfqRow>('SELECT * FROM rfqs WHERE thread = ? ORDER BY seq DESC LIMIT 1'),
      latestWith: db.prepare<[string, string], RfqRow>('SELECT * FROM rfqs WHERE thread = ? AND status = ? ORDER BY seq DESC LIMIT 1'),
      update: db.prepare(
        `UPDATE rfqs SET status = @to, quote = @quote, negotiation = @negotiation, reason = @reason, settle = @settle,
           side = @side, notional = @notional, updated_at = @at WHERE id = @id AND status = @from`,
      ),
      event: db.prepare('INSERT INTO rfq_events (rfq_id, event, from_status, to_status, at, actor, detail) VALUES (?, ?, ?, ?, ?, ?, ?)'),
      events: db.prepare<[string], EventRow>('SELECT * FROM rfq_events WHERE rfq_id = ? ORDER BY id'),
      tx: atomically(db),
    };
  }

  private row(id: string): Rfq | null {
    const row = this.s.get.get(id);
    return row ? rfqFromRow(row) : null;
  }

  create(input: NewRfq, at: Date, actor: string): Promise<Rfq> {
    return this.guard(() =>
      this.s.tx(() => {
        const iso = at.toISOString();
        const seq = this.s.nextSeq.get()?.n ?? 1;
        const id = rfqIdFor(at, seq);
        this.s.insert.run({
          id,
          seq,
          thread: input.thread,
          client: input.client,
          trader: input.trader,
          instrument: JSON.stringify(input.instrument),
          side: input.side,
          notional: input.notional,
          currency: input.currency,
          settle: input.settle,
          parent_id: input.parentId ?? null,
          at: iso,
        });
        this.s.event.run(id, 'create', null, 'REQUESTED', iso, actor, JSON.stringify({ ...input }));
        return this.row(id)!;
      }),
    );
  }

  get(id: string): Promise<Rfq> {
    return this.guard(() => {
      const rfq = this.row(id);
      if (!rfq) throw rfqNotFound(id);
      return rfq;
    });
  }

  find(id: string): Promise<Rfq | null> {
    return this.guard(() => this.row(id));
  }

  latestForThread(thread: string): Promise<Rfq | null> {
    return this.guard(() => {
      const row = this.s.latest.get(thread);
      return row ? rfqFromRow(row) : null;
    });
  }

  latestWithStatus(thread: string, status: RfqStatus): Promise<Rfq | null> {
    return this.guard(() => {
      const row = this.s.latestWith.get(thread, status);
      return row ? rfqFromRow(row) : null;
    });
  }

  lastClientForThread(thread: string): Promise<string | null> {
    return this.guard(() => this.s.latest.get(thread)?.client ?? null);
  }

  applyEvent(rfq: Rfq, event: RfqEvent, at: Date, actor: string, patch: RfqPatch = {}, detail?: Record<string, unknown>): Promise<Rfq> {
    return this.guard(() =>
      this.s.tx(() => {
        const next = nextRecord(rfq, event, at, patch);
        const res = this.s.update.run({
          id: rfq.id,
          from: rfq.status,
          to: next.status,
          quote: next.quote ? JSON.stringify(next.quote) : null,
          negotiation: JSON.stringify(next.negotiation),
          reason: next.reason,
          settle: next.settle,
          side: next.side,
          notional: next.notional,
          at: next.updatedAt,
        });
        if (res.changes !== 1) {
          const now = this.row(rfq.id);
          throw now ? lostRace(rfq, now) : rfqNotFound(rfq.id);
        }
        this.s.event.run(rfq.id, event, rfq.status, next.status, next.updatedAt, actor, detail ? JSON.stringify(detail) : null);
        return next;
      }),
    );
  }

  eventLog(rfqId: string): Promise<RfqEventLogEntry[]> {
    return this.guard(() =>
      this.s.events.all(rfqId).map((e) => ({
        event: e.event,
        from: e.from_status,
        to: e.to_status,
        at: e.at,
        actor: e.actor,
        detail: e.detail === null ? null : (parseStoredJson(e.detail, 'event detail') as Record<string, unknown>),
      })),
    );
  }
}
