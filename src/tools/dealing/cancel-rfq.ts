/** Withdraw (撤 / ref) or pass (nothing done) on the thread's RFQ. */
import { z } from 'zod';
import { isTerminal } from '../../dealing/rfq/state-machine.js';
import { once } from '../../storage/once.js';
import { refuse } from './refusal.js';
import { defineTool } from '../../runtime/tool.js';
import { targetRfq } from './lifecycle.js';
import { rfqView, RfqViewSchema } from './views.js';

export const cancelRfqTool = defineTool({
  name: 'cancel_rfq',
  description:
    "Ends the thread's open RFQ without a deal: mode 'cancel' withdraws the quote (撤/ref → CANCELLED), mode 'pass' records that the client passed (pass/nothing done → NOTHING_DONE).",
  input: z.object({ mode: z.enum(['cancel', 'pass']).default('cancel'), rfqId: z.string().optional() }),
  output: z.object({ rfq: RfqViewSchema }),
  sideEffects: true,
  async execute(input, ctx) {
    const now = ctx.now();
    const rfq = await targetRfq(ctx, input.rfqId);
    if (isTerminal(rfq.status) || rfq.status === 'ACCEPTED' || rfq.status === 'PENDING_APPROVAL') {
      throw refuse(`${rfq.id} is ${rfq.status}: there is no open quote to ${input.mode === 'pass' ? 'pass on' : 'withdraw'}`, 'rfq_state', {
        rfqId: rfq.id,
        status: rfq.status,
      });
    }
    return once(ctx.storage, ctx.idempotencyKey, 'cancel_rfq', now, async (tx) => {
      const event = input.mode === 'pass' && rfq.status !== 'REQUESTED' ? 'pass' : 'cancel';
      const reason = event === 'pass' ? 'client passed (nothing done)' : 'quote withdrawn';
      const next = await tx.rfqs.applyEvent(rfq, event, now, ctx.user.id, { reason });
      return { rfq: rfqView(next) };
    });
  },
});
