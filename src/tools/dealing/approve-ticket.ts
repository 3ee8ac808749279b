/**
 * Desk-head sign-off for tickets above the approval threshold (four eyes: the approver must be a
 * different user from the trader who dealt). PENDING_APPROVAL → DONE (approve) or REJECTED.
 */
import { z } from 'zod';
import { blotter } from '../../dealing/booking/blotter.js';
import { once } from '../../dealing/booking/idempotency.js';
import { TicketSchema } from '../../dealing/booking/ticket.js';
import { rfqStore } from '../../dealing/rfq/store.js';
import { refuse } from './refusal.js';
import { defineTool } from '../../runtime/tool.js';
import { rfqView, RfqViewSchema } from './views.js';

export const approveTicketTool = defineTool({
  name: 'approve_ticket',
  description:
    "Desk head approves (or rejects) a ticket waiting for approval: by trade id, RFQ id, or this thread's latest pending ticket. The approver must not be the trader who dealt.",
  input: z.object({
    decision: z.enum(['approve', 'reject']).default('approve'),
    tradeId: z.string().optional(),
    rfqId: z.string().optional(),
    reason: z.string().optional(),
  }),
  output: z.object({ ticket: TicketSchema, rfq: RfqViewSchema }),
  roles: ['desk_head'],
  sideEffects: true,
  execute(input, ctx) {
    const now = ctx.now();
    const book = blotter(ctx.db);
    const store = rfqStore(ctx.db);
    return once(ctx.db, ctx.idempotencyKey, 'approve_ticket', now, () => {
      let ticket = input.tradeId ? book.get(input.tradeId) : null;
      if (!ticket) {
        const rfq = input.rfqId
          ? store.get(input.rfqId)
          : (store.latestWithStatus(ctx.thread, 'PENDING_APPROVAL') ?? store.latestForThread(ctx.thread));
        if (!rfq) throw refuse('no RFQ in this thread to approve', 'no_active_rfq');
        ticket = book.byRfq(rfq.id);
        if (!ticket) throw refuse(`${rfq.id} is ${rfq.status}: it has no ticket to approve`, 'ticket_not_found', { rfqId: rfq.id, status: rfq.status });
      }
      if (ticket.status !== 'pending_approval') {
        throw refuse(`ticket ${ticket.tradeId} is ${ticket.status}, not pending approval`, 'ticket_state', { tradeId: ticket.tradeId });
      }
      if (ticket.trader === ctx.user.id) {
        throw refuse(
          `four-eyes check failed: ${ctx.user.id} dealt ${ticket.tradeId} and cannot approve it; another desk head must`,
          'four_eyes',
          { tradeId: ticket.tradeId, trader: ctx.user.id },
        );
      }
      const rfq = store.get(ticket.rfqId);
      const approve = input.decision === 'approve';
      const decided = book.decide(ticket.tradeId, approve ? 'booked' : 'rejected', ctx.user.id, now);
      const next = store.applyEvent(
        rfq,
        approve ? 'approve' : 'reject',
        now,
        ctx.user.id,
        approve ? {} : { reason: `rejected by desk head ${ctx.user.id}${input.reason ? `: ${input.reason}` : ''}` },
        { tradeId: ticket.tradeId, approver: ctx.user.id },
      );
      return { ticket: decided, rfq: rfqView(next) };
    });
  },
});
