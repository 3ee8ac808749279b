/**
 * RFQ persistence. Every status change goes through `applyEvent`, which checks the transition
 * table, updates the row only if it still has the expected status (so two racing calls cannot
 * both move it) and appends an `rfq_events` row with the injected-clock timestamp.
 */
import type Database from 'better-sqlite3';
import { OperationError, ToolRefusal } from '../../runtime/errors.js';
import {
  RfqInstrumentSchema,
  NegotiationStepSchema,
  QuoteStateSchema,
  RfqSideSchema,
  type NegotiationStep,
  type QuoteState,
  type Rfq,
  type RfqInstrument,
  type RfqSide,
} from './model.js';
import { ensureDealingSchema } from './schema.js';
import { nextStatus, RfqStatusSchema, type RfqEvent, type RfqStatus } from './state-machine.js';

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
  rfq_id: string;
  event: string;
  from_status: string | null;
  to_status: string;
  at: string;
  actor: string;
  detail: string | null;
}

export interface RfqEventLogEntry {
  event: string;
  from: string | null;
  to: string;
  at: string;
  actor: string;
  detail: Record<string, unknown> | null;
}

export interface NewRfq {
  thread: string;
  client: string;
  trader: string;
  instrument: RfqInstrument;
  side: RfqSide | null;
  notional: number;
  currency: string;
  settle: string | null;
  parentId?: string | null;
}

/** Fields an event may change besides the status. */
export interface RfqPatch {
  quote?: QuoteState | null;
  negotiation?: NegotiationStep[];
  reason?: string | null;
  settle?: string | null;
  /** A two-way RFQ gets its side when the client counters or deals. */
  side?: RfqSide | null;
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new OperationError(`corrupt ${what} in dealing store: ${(e as Error).message}`);
  }
}

function fromRow(r: RfqRow): Rfq {
  const status = RfqStatusSchema.safeParse(r.status);
  if (!status.success) throw new OperationError(`rfq ${r.id}: unknown status "${r.status}" in store`);
  return {
    id: r.id,
    thread: r.thread,
    client: r.client,
    trader: r.trader,
    instrument: RfqInstrumentSchema.parse(parseJson(r.instrument, `rfq ${r.id} instrument`)),
    side: r.side === null ? null : RfqSideSchema.parse(r.side),
    notional: r.notional,
    currency: r.currency,
    settle: r.settle,
    status: status.data,
    quote: r.quote === null ? null : QuoteStateSchema.parse(parseJson(r.quote, `rfq ${r.id} quote`)),
    negotiation: NegotiationStepSchema.array().parse(parseJson(r.negotiation, `rfq ${r.id} negotiation`)),
    parentId: r.parent_id,
    reason: r.reason,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** `RFQ-20250616-0001`: date of the trade (Asia/Shanghai) + a global sequence, deterministic for replay. */
export function shanghaiDate(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

export class RfqStore {
  private readonly stmts;

  constructor(readonly db: Database.Database) {
    ensureDealingSchema(db);
    this.stmts = {
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
      latestClient: db.prepare<[string], { client: string }>(
        'SELECT client FROM rfqs WHERE thread = ? ORDER BY seq DESC LIMIT 1',
      ),
      update: db.prepare(
        `UPDATE rfqs SET status = @to, quote = @quote, negotiation = @negotiation, reason = @reason, settle = @settle,
           side = @side, updated_at = @at WHERE id = @id AND status = @from`,
      ),
      event: db.prepare(
        `INSERT INTO rfq_events (rfq_id, event, from_status, to_status, at, actor, detail)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ),
      events: db.prepare<[string], EventRow>('SELECT * FROM rfq_events WHERE rfq_id = ? ORDER BY id'),
    };
  }

  /** Creates an RFQ in REQUESTED and audits its creation. */
  create(input: NewRfq, at: Date, actor: string): Rfq<'REQUESTED'> {
    const iso = at.toISOString();
    const seq = this.stmts.nextSeq.get()?.n ?? 1;
    const id = `RFQ-${shanghaiDate(at).replaceAll('-', '')}-${String(seq).padStart(4, '0')}`;
    this.stmts.insert.run({
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
    this.stmts.event.run(id, 'create', null, 'REQUESTED', iso, actor, JSON.stringify({ ...input }));
    const rfq = this.get(id);
    return { ...rfq, status: 'REQUESTED' };
  }

  get(id: string): Rfq {
    const row = this.stmts.get.get(id);
    if (!row) throw new ToolRefusal(`no RFQ with id ${id}`, 'rfq_not_found', { rfqId: id });
    return fromRow(row);
  }

  /** The thread's most recent RFQ (any status), or null: the thread's context lives here, not in the model. */
  latestForThread(thread: string): Rfq | null {
    const row = this.stmts.latest.get(thread);
    return row ? fromRow(row) : null;
  }

  /** The thread's most recent RFQ in a given status (e.g. the ticket waiting for approval). */
  latestWithStatus(thread: string, status: RfqStatus): Rfq | null {
    const row = this.stmts.latestWith.get(thread, status);
    return row ? fromRow(row) : null;
  }

  lastClientForThread(thread: string): string | null {
    return this.stmts.latestClient.get(thread)?.client ?? null;
  }

  /**
   * Moves the RFQ by `event`, refusing illegal transitions, and audits it. Returns the updated record.
   * Callers wrap multi-step changes in `db.transaction` so a crash leaves no half-applied chain.
   */
  applyEvent(rfq: Rfq, event: RfqEvent, at: Date, actor: string, patch: RfqPatch = {}, detail?: Record<string, unknown>): Rfq {
    const to: RfqStatus = nextStatus(rfq.status, event, rfq.id);
    const iso = at.toISOString();
    const next: Rfq = {
      ...rfq,
      status: to,
      quote: patch.quote === undefined ? rfq.quote : patch.quote,
      negotiation: patch.negotiation ?? rfq.negotiation,
      reason: patch.reason === undefined ? rfq.reason : patch.reason,
      settle: patch.settle === undefined ? rfq.settle : patch.settle,
      side: patch.side === undefined ? rfq.side : patch.side,
      updatedAt: iso,
    };
    const res = this.stmts.update.run({
      id: rfq.id,
      from: rfq.status,
      to,
      quote: next.quote ? JSON.stringify(next.quote) : null,
      negotiation: JSON.stringify(next.negotiation),
      reason: next.reason,
      settle: next.settle,
      side: next.side,
      at: iso,
    });
    if (res.changes !== 1) {
      // Someone else moved it first: report the real state rather than overwrite it.
      const now = this.get(rfq.id);
      throw new ToolRefusal(`${rfq.id} changed concurrently: it is now ${now.status}`, 'rfq_state', {
        rfqId: rfq.id,
        status: now.status,
      });
    }
    this.stmts.event.run(rfq.id, event, rfq.status, to, iso, actor, detail ? JSON.stringify(detail) : null);
    return next;
  }

  /** Audit trail of one RFQ, oldest first (the first row is the 'create' pseudo-event). */
  eventLog(rfqId: string): RfqEventLogEntry[] {
    return this.stmts.events.all(rfqId).map((e) => ({
      event: e.event,
      from: e.from_status,
      to: e.to_status,
      at: e.at,
      actor: e.actor,
      detail: e.detail === null ? null : (parseJson(e.detail, 'event detail') as Record<string, unknown>),
    }));
  }
}

const stores = new WeakMap<Database.Database, RfqStore>();

/** One store (and one set of prepared statements) per connection. */
export function rfqStore(db: Database.Database): RfqStore {
  let s = stores.get(db);
  if (!s) {
    s = new RfqStore(db);
    stores.set(db, s);
  }
  return s;
}
