/** Read-only dealing tools: the thread's RFQ status and the blotter. */
import { z } from 'zod';
import { blotter } from '../../dealing/booking/blotter.js';
import { TicketSchema, TicketStatusSchema } from '../../dealing/booking/ticket.js';
import { rfqStore } from '../../dealing/rfq/store.js';
import { defineTool } from '../../runtime/tool.js';
import { expireIfStale } from './lifecycle.js';
import { rfqView, RfqViewSchema } from './views.js';

export const getRfqStatusTool = defineTool({
  name: 'get_rfq_status',
  description:
    "Status of an RFQ (default: this thread's latest) with its live quote and ticket. Read from the database; a firm quote past its validity is marked EXPIRED.",
  input: z.object({ rfqId: z.string().optional() }),
  output: z.object({ rfq: RfqViewSchema.nullable(), ticket: TicketSchema.nullable() }),
  execute(input, ctx) {
    const store = rfqStore(ctx.db);
    const found = input.rfqId ? store.get(input.rfqId) : store.latestForThread(ctx.thread);
    if (!found) return { rfq: null, ticket: null };
    const rfq = expireIfStale(ctx.db, found, ctx.now(), ctx.user.id);
    return { rfq: rfqView(rfq), ticket: blotter(ctx.db).byRfq(rfq.id) };
  },
});

export const listBlotterTool = defineTool({
  name: 'list_blotter',
  description: 'Trade tickets booked by the desk (trade id, client, instrument, side, size, level, prices, settlement), oldest first.',
  input: z.object({
    status: TicketStatusSchema.optional(),
    client: z.string().optional(),
    trader: z.string().optional(),
    limit: z.number().int().positive().max(1000).optional(),
  }),
  output: z.object({ tickets: z.array(TicketSchema) }),
  execute(input, ctx) {
    return { tickets: blotter(ctx.db).list(input) };
  },
});
