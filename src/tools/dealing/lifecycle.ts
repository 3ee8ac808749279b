/** Shared RFQ steps used by several tools: find the thread's RFQ, expire stale quotes. */
import type Database from 'better-sqlite3';
import type { Rfq } from '../../dealing/rfq/model.js';
import { rfqStore } from '../../dealing/rfq/store.js';
import { refuse } from './refusal.js';
import type { ToolContext } from '../../runtime/tool.js';

/** A firm quote past its `validUntil` is EXPIRED (lazily, the first time anyone looks at it). */
export function isStale(rfq: Rfq, now: Date): boolean {
  return (
    rfq.status === 'QUOTED' &&
    rfq.quote !== null &&
    rfq.quote.firm &&
    rfq.quote.validUntil !== null &&
    now.getTime() > new Date(rfq.quote.validUntil).getTime()
  );
}

export function expireIfStale(db: Database.Database, rfq: Rfq, now: Date, actor: string): Rfq {
  if (!isStale(rfq, now)) return rfq;
  return rfqStore(db).applyEvent(rfq, 'expire', now, actor, { reason: `quote expired at ${rfq.quote?.validUntil}` }, {
    validUntil: rfq.quote?.validUntil ?? null,
  });
}

/** The RFQ a follow-up message refers to: the given id, else the thread's latest (from the database). */
export function targetRfq(ctx: ToolContext, rfqId?: string): Rfq {
  const store = rfqStore(ctx.db);
  const rfq = rfqId ? store.get(rfqId) : store.latestForThread(ctx.thread);
  if (!rfq) {
    throw refuse('no RFQ in this thread: ask for a quote first (e.g. "220205 给个双边 5kw")', 'no_active_rfq');
  }
  if (rfq.thread !== ctx.thread) {
    throw refuse(`${rfq.id} belongs to another thread`, 'rfq_thread', { rfqId: rfq.id });
  }
  return expireIfStale(ctx.db, rfq, ctx.now(), ctx.user.id);
}
