/**
 * Incremental exports: `--since N` / `GET /tickets?since=N` return the tickets after blotter cursor N,
 * and the cursor to pass next time, so each ticket is exported once however often the export runs.
 */
import { OperationError, UserInputError } from '../../../runtime/errors.js';
import { parseRecords, type ExportRecord, type ExportStages } from './schema.js';

export interface ExportAfterOptions {
  /**
   * Stop before the first ticket still pending approval. The cursor (tickets.seq) is fixed when the
   * ticket is inserted, and approval does not move it: an export that passed a pending ticket would
   * never see it again once booked. Holding the cursor there exports it once, when it is decided, at
   * the cost of holding back the tickets behind it meanwhile. Use it for feeds that want only final
   * states (the FIX export books only `booked` tickets).
   */
  holdAtPending?: boolean;
}

export interface ExportBatch {
  /** Records with cursor > since, in cursor order (each cursor once). */
  records: ExportRecord[];
  /** Pass this as `since` next time: the last exported cursor, or `since` itself when nothing was new. */
  cursor: number;
  /** With `holdAtPending`: the trade id of the pending ticket the batch stopped at, else null. */
  heldAt: string | null;
}

/** The records after `since`, in cursor order, and the cursor to resume from. */
export function exportAfter(records: readonly ExportRecord[], since: number, opts: ExportAfterOptions = {}): ExportBatch {
  if (!Number.isSafeInteger(since) || since < 0) throw new UserInputError(`since must be a whole number ≥ 0, got ${since}`);
  const byCursor = new Map<number, ExportRecord>();
  const cursorOfTrade = new Map<string, number>();
  for (const r of parseRecords(records)) {
    const seen = byCursor.get(r.cursor);
    // The same row read twice (a retried page, an overlapping query) is harmless; two tickets on one
    // cursor, or one ticket on two cursors, means the cursor cannot be trusted to resume from.
    if (seen && seen.ticket.tradeId !== r.ticket.tradeId) {
      throw new OperationError(`cursor ${r.cursor} is on both ${seen.ticket.tradeId} and ${r.ticket.tradeId}`);
    }
    const other = cursorOfTrade.get(r.ticket.tradeId);
    if (other !== undefined && other !== r.cursor) {
      throw new OperationError(`${r.ticket.tradeId} is on cursors ${other} and ${r.cursor}`);
    }
    cursorOfTrade.set(r.ticket.tradeId, r.cursor);
    if (!seen) byCursor.set(r.cursor, r);
  }
  const after = [...byCursor.values()].filter((r) => r.cursor > since).sort((a, b) => a.cursor - b.cursor);
  let heldAt: string | null = null;
  let out = after;
  if (opts.holdAtPending) {
    const i = after.findIndex((r) => r.ticket.status === 'pending_approval');
    if (i >= 0) {
      heldAt = after[i]!.ticket.tradeId;
      out = after.slice(0, i);
    }
  }
  return { records: out, cursor: out.length ? out[out.length - 1]!.cursor : since, heldAt };
}

/** One row of an RFQ's audit trail (`RfqStore.eventLog`), as much of it as the stages need. */
export interface StageEvent {
  event: string;
  to: string;
  at: string;
}

/**
 * The stage instants from an RFQ's event log (oldest first): requested = the `create` row, quoted /
 * accepted / approved = the first such event, booked = when the RFQ reached DONE (by `book`, or by
 * `approve` after a desk head signed it off). Re-quotes and counters keep the first quote's time.
 */
export function stagesFromEvents(events: readonly StageEvent[]): ExportStages {
  const first = (pred: (e: StageEvent) => boolean) => events.find(pred)?.at ?? null;
  const requested = first((e) => e.event === 'create');
  if (requested === null) throw new OperationError('the RFQ event log has no create row');
  return {
    requested,
    quoted: first((e) => e.event === 'quote'),
    accepted: first((e) => e.event === 'accept'),
    approved: first((e) => e.event === 'approve'),
    booked: first((e) => e.to === 'DONE'),
  };
}
