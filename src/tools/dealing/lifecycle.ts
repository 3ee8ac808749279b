/** Shared RFQ steps used by several tools: find the thread's RFQ, expire stale quotes. */
import type { Rfq } from '../../dealing/rfq/model.js';
import type { Stores } from '../../storage/types.js';
import type { ToolContext } from '../../runtime/tool.js';
import { refuse } from './refusal.js';

/** When a request for desk-head approval lapses (stored with the pending quote), or null. */
export function approvalExpiry(rfq: Rfq): string | null {
  const at = rfq.quote?.detail?.approvalExpiresAt;
  return typeof at === 'string' ? at : null;
}

/**
 * A firm quote past its `validUntil`, or a quote whose approval request lapsed undecided, is EXPIRED
 * (lazily, the first time anyone looks at it).
 */
export function isStale(rfq: Rfq, now: Date): boolean {
  if (rfq.status === 'PENDING_APPROVAL') {
    const until = approvalExpiry(rfq);
    return until !== null && now.getTime() > new Date(until).getTime();
  }
  return (
    rfq.status === 'QUOTED' &&
    rfq.quote !== null &&
    rfq.quote.firm &&
    rfq.quote.validUntil !== null &&
    now.getTime() > new Date(rfq.quote.validUntil).getTime()
  );
}

export async function expireIfStale(stores: Stores, rfq: Rfq, now: Date, actor: string): Promise<Rfq> {
  if (!isStale(rfq, now)) return rfq;
  if (rfq.status === 'PENDING_APPROVAL') {
    const approval = await stores.approvals.latestForRfq(rfq.id);
    if (approval?.status === 'pending') await stores.approvals.decide(approval.id, 'expired', null, now, 'not decided in time');
    return stores.rfqs.applyEvent(rfq, 'expire', now, actor, { reason: `approval ${approval?.id ?? ''} lapsed at ${approvalExpiry(rfq)}` }, {
      approvalId: approval?.id ?? null,
    });
  }
  return stores.rfqs.applyEvent(rfq, 'expire', now, actor, { reason: `quote expired at ${rfq.quote?.validUntil}` }, {
    validUntil: rfq.quote?.validUntil ?? null,
  });
}

/** The RFQ a follow-up message refers to: the given id, else the thread's latest (from the database). */
export async function targetRfq(ctx: ToolContext, rfqId?: string): Promise<Rfq> {
  const rfq = rfqId ? await ctx.stores.rfqs.get(rfqId) : await ctx.stores.rfqs.latestForThread(ctx.thread);
  if (!rfq) {
    throw refuse('no RFQ in this thread: ask for a quote first (e.g. "220205 给个双边 5kw")', 'no_active_rfq');
  }
  if (rfq.thread !== ctx.thread) {
    throw refuse(`${rfq.id} belongs to another thread`, 'rfq_thread', { rfqId: rfq.id });
  }
  return expireIfStale(ctx.stores, rfq, ctx.now(), ctx.user.id);
}
