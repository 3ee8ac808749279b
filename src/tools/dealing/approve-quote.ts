/**
 * Desk-head sign-off of a firm quote above the trader's authority (four eyes before the firm quote,
 * Trading Rules Art. 16). The approver names the request (APR-…): approving "whatever is pending"
 * is exactly what a bank must not allow.
 */
import { z } from 'zod';
import { once } from '../../storage/once.js';
import { defineTool } from '../../runtime/tool.js';
import { approvalsFor, decideApproval, lapseIfDue } from './approval.js';
import { dealingEnv } from './context.js';
import { refuse } from './refusal.js';
import { rfqView, RfqViewSchema } from './views.js';

export const ApprovalViewSchema = z.object({
  id: z.string(),
  rfqId: z.string(),
  requestedBy: z.string(),
  desk: z.string().nullable(),
  status: z.string(),
  economics: z.record(z.string(), z.unknown()),
  requestedAt: z.string(),
  expiresAt: z.string(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  reason: z.string().nullable(),
});
export type ApprovalView = z.infer<typeof ApprovalViewSchema>;

export const approveQuoteTool = defineTool({
  name: 'approve_quote',
  description:
    'Desk head approves (or rejects) a request to send a firm quote above the trader\'s authority, by its id (APR-…) or the RFQ id. The approver must be a desk head of the trader\'s desk, not the trader, signed in with their own token.',
  input: z.object({
    decision: z.enum(['approve', 'reject']).default('approve'),
    approvalId: z.string().optional(),
    rfqId: z.string().optional(),
    reason: z.string().max(500).optional(),
  }),
  output: z.object({ approval: ApprovalViewSchema, rfq: RfqViewSchema }),
  roles: ['desk_head'],
  sideEffects: true,
  async execute(input, ctx) {
    const env = dealingEnv(ctx);
    const now = ctx.now();
    let id = input.approvalId;
    if (!id && input.rfqId) id = (await ctx.stores.approvals.latestForRfq(input.rfqId))?.id;
    if (!id) throw refuse('name the approval request to decide (e.g. "approve APR-20251226-0001"); "list approvals" shows the pending ones', 'approval_id');
    const approvalId = id;
    await ctx.storage.transaction((tx) => lapseIfDue(tx, approvalId, now, ctx.user.id));
    const { approval, rfq } = await once(ctx.storage, ctx.idempotencyKey, 'approve_quote', now, (tx) =>
      decideApproval(tx, ctx.identity, approvalId, input.decision, input.reason ?? null, now, env.settings.quoteTtlSeconds),
    );
    return { approval, rfq: rfqView(rfq) };
  },
});

export const listApprovalsTool = defineTool({
  name: 'list_approvals',
  description: "Approval requests waiting for this desk head (their desk's traders, not expired), newest first.",
  input: z.object({}),
  output: z.object({ approvals: z.array(ApprovalViewSchema) }),
  roles: ['desk_head'],
  async execute(_input, ctx) {
    return { approvals: await approvalsFor(ctx.stores, ctx.identity, ctx.now()) };
  },
});
