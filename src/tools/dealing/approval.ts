/**
 * Four eyes before a large firm quote (Trading Rules Art. 16 and 19): an RFQ above the trader's
 * authority waits in PENDING_APPROVAL with indicative levels; a desk head of the same desk, who is
 * not the trader and whose identity is proven (token, JWT), approves the exact economics; only then
 * is the firm quote released, and a booking checks that the approval still matches what is dealt.
 */
import { createHash } from 'node:crypto';
import type { Rfq } from '../../dealing/rfq/model.js';
import { canonicalJson } from '../../runtime/audit-chain.js';
import { isProven, type Identity } from '../../runtime/identity.js';
import type { ApprovalRecord, Stores } from '../../storage/types.js';
import { refuse } from './refusal.js';

/** What an approval is bound to: anything that changes one of these needs a new approval. */
export function economicsOf(rfq: Rfq): Record<string, unknown> {
  const q = rfq.quote;
  return {
    rfqId: rfq.id,
    client: rfq.client,
    instrument: { kind: rfq.instrument.kind, code: rfq.instrument.code, name: rfq.instrument.name, issuer: rfq.instrument.issuer, tenor: rfq.instrument.tenor },
    side: rfq.side,
    notional: rfq.notional,
    currency: rfq.currency,
    settle: rfq.settle,
    levelType: q?.levelType ?? null,
    bid: q?.bid ?? null,
    offer: q?.offer ?? null,
    quoteVersion: q?.version ?? 0,
  };
}

export function economicsHash(economics: Record<string, unknown>): string {
  return createHash('sha256').update(canonicalJson(economics)).digest('hex');
}

/** Supersedes the RFQ's pending approval (its economics changed), if any. */
export async function supersedePending(tx: Stores, rfqId: string, at: Date, reason: string): Promise<void> {
  const prev = await tx.approvals.latestForRfq(rfqId);
  if (prev?.status === 'pending') await tx.approvals.decide(prev.id, 'superseded', null, at, reason);
}

/** Records an approval request for the RFQ's current economics (the RFQ is already PENDING_APPROVAL). */
export async function requestApproval(tx: Stores, rfq: Rfq, trader: Identity, at: Date, ttlSeconds: number): Promise<ApprovalRecord> {
  await supersedePending(tx, rfq.id, at, 'quote changed: a new approval was requested');
  const economics = economicsOf(rfq);
  return tx.approvals.create({
    rfqId: rfq.id,
    thread: rfq.thread,
    requestedBy: rfq.trader,
    desk: trader.user.desk ?? null,
    economics,
    economicsHash: economicsHash(economics),
    quoteVersion: rfq.quote?.version ?? 0,
    requestedAt: at.toISOString(),
    expiresAt: new Date(at.getTime() + ttlSeconds * 1000).toISOString(),
  });
}

/**
 * Who may decide an approval: a proven identity, a desk lead of the trader's desk, not the trader.
 * Refuses with the rule that failed (four_eyes, desk, identity).
 */
export function checkApprover(approver: Identity, approval: ApprovalRecord): void {
  if (!isProven(approver)) {
    throw refuse(
      `approval needs a proven identity: sign in with your own token (FINAGENT_TOKEN, or the service) — "${approver.user.id}" given as a name is not enough`,
      'identity',
      { approvalId: approval.id, user: approver.user.id },
    );
  }
  if (approver.user.id === approval.requestedBy) {
    throw refuse(`four-eyes check failed: ${approver.user.id} asked for ${approval.rfqId} and cannot approve it; another desk head must`, 'four_eyes', {
      approvalId: approval.id,
      trader: approver.user.id,
    });
  }
  if (approval.desk && approver.user.desk !== approval.desk) {
    throw refuse(`${approver.user.id} heads desk ${approver.user.desk ?? '(none)'}, not ${approval.desk}: only a desk head of ${approval.desk} may approve ${approval.id}`, 'desk', {
      approvalId: approval.id,
      desk: approval.desk,
      approverDesk: approver.user.desk ?? null,
    });
  }
}

/** True when the RFQ's firm quote carries an approval that still matches what would be dealt. */
export async function approvalHolds(stores: Stores, rfq: Rfq): Promise<ApprovalRecord | null> {
  const a = await stores.approvals.latestForRfq(rfq.id);
  if (!a || a.status !== 'approved') return null;
  if (a.quoteVersion !== (rfq.quote?.version ?? -1)) return null;
  return a.economicsHash === economicsHash(economicsOf(rfq)) ? a : null;
}

export interface ApprovalDecision {
  approval: ApprovalRecord;
  rfq: Rfq;
}

/**
 * A desk head decides an approval request, from any surface (chat tool, `finagent approve`,
 * `POST /approvals/{id}`): same rules everywhere. Idempotent: deciding the same way again returns
 * the recorded decision; a lapsed request (pending past its expiry, or its quote changed) is refused.
 */
export async function decideApproval(
  tx: Stores,
  approver: Identity,
  approvalId: string,
  decision: 'approve' | 'reject',
  reason: string | null,
  now: Date,
  quoteTtlSeconds: number,
): Promise<ApprovalDecision> {
  const approval = await tx.approvals.get(approvalId);
  if (!approval) throw refuse(`no approval request ${approvalId}`, 'approval_not_found', { approvalId });
  checkApprover(approver, approval);
  const rfq = await tx.rfqs.get(approval.rfqId);
  const wanted = decision === 'approve' ? 'approved' : 'rejected';
  if (approval.status === wanted && approval.decidedBy === approver.user.id) return { approval, rfq };
  if (approval.status === 'expired') {
    throw refuse(`${approval.id} lapsed at ${approval.expiresAt}: the trader must ask for a fresh quote`, 'approval_expired', { approvalId: approval.id, expiresAt: approval.expiresAt });
  }
  if (approval.status !== 'pending') {
    throw refuse(`${approval.id} is ${approval.status}${approval.decidedBy ? ` (by ${approval.decidedBy})` : ''}: nothing to decide`, 'approval_state', {
      approvalId: approval.id,
      status: approval.status,
    });
  }
  if (now.getTime() > new Date(approval.expiresAt).getTime()) {
    // Recorded by `lapseIfDue` before the unit of work; here the decision is only refused.
    throw refuse(`${approval.id} lapsed at ${approval.expiresAt}: the trader must ask for a fresh quote`, 'approval_expired', { approvalId: approval.id, expiresAt: approval.expiresAt });
  }
  if (rfq.status !== 'PENDING_APPROVAL' || economicsHash(economicsOf(rfq)) !== approval.economicsHash) {
    await tx.approvals.decide(approval.id, 'superseded', null, now, 'the quote changed after the request');
    throw refuse(`${approval.id} no longer matches ${rfq.id} (it is ${rfq.status}, quote v${rfq.quote?.version ?? 0}): nothing approved`, 'approval_stale', {
      approvalId: approval.id,
      rfqId: rfq.id,
      status: rfq.status,
    });
  }
  if (decision === 'reject') {
    const decided = await tx.approvals.decide(approval.id, 'rejected', approver.user.id, now, reason);
    const rejected = await tx.rfqs.applyEvent(rfq, 'reject', now, approver.user.id, { reason: `rejected by desk head ${approver.user.id}${reason ? `: ${reason}` : ''}` }, { approvalId: approval.id, approver: approver.user.id });
    return { approval: decided ?? approval, rfq: rejected };
  }
  const decided = await tx.approvals.decide(approval.id, 'approved', approver.user.id, now, reason);
  if (!decided) throw refuse(`${approval.id} was decided concurrently`, 'approval_state', { approvalId: approval.id });
  // The firm quote starts now, at exactly the approved levels and version.
  const quote = rfq.quote!;
  const validUntil = new Date(now.getTime() + quoteTtlSeconds * 1000).toISOString();
  const firm = { ...quote, firm: true, validUntil, quotedAt: now.toISOString(), detail: { ...quote.detail, requiresApproval: true, approvalId: approval.id, approvedBy: approver.user.id } };
  const released = await tx.rfqs.applyEvent(rfq, 'approve', now, approver.user.id, { quote: firm }, { approvalId: approval.id, approver: approver.user.id, validUntil });
  return { approval: decided, rfq: released };
}

/**
 * Records a lapsed approval request (and expires its RFQ) in its own unit of work, so that the
 * refusal of a late decision does not roll the expiry back.
 */
export async function lapseIfDue(stores: Stores, approvalId: string, now: Date, actor: string): Promise<void> {
  const approval = await stores.approvals.get(approvalId);
  if (!approval || approval.status !== 'pending' || now.getTime() <= new Date(approval.expiresAt).getTime()) return;
  await stores.approvals.decide(approval.id, 'expired', null, now, 'not decided in time');
  const rfq = await stores.rfqs.find(approval.rfqId);
  if (rfq?.status === 'PENDING_APPROVAL') {
    await stores.rfqs.applyEvent(rfq, 'expire', now, actor, { reason: `approval ${approval.id} lapsed at ${approval.expiresAt}` }, { approvalId: approval.id });
  }
}

/** Pending requests a desk lead may decide (their desk, not their own). */
export async function approvalsFor(stores: Stores, approver: Identity, now: Date): Promise<ApprovalRecord[]> {
  const desk = approver.user.desk;
  const pending = await stores.approvals.list({ status: 'pending', ...(desk ? { desk } : {}) });
  return pending.filter((a) => a.requestedBy !== approver.user.id && new Date(a.expiresAt).getTime() >= now.getTime());
}
