/** Read-only dealing tools: the thread's RFQ status and the blotter. */
import { z } from 'zod';
import { TicketSchema, TicketStatusSchema } from '../../dealing/booking/ticket.js';
import { DESK_LEAD_ROLES } from '../../runtime/access.js';
import { defineTool } from '../../runtime/tool.js';
import { OVERSIGHT_ROLES } from '../../runtime/users.js';
import { dealingEnv } from './context.js';
import { expireIfStale } from './lifecycle.js';
import { rfqView, RfqViewSchema } from './views.js';

export const getRfqStatusTool = defineTool({
  name: 'get_rfq_status',
  description:
    "Status of an RFQ (default: this thread's latest) with its live quote and ticket. Read from the database; a firm quote past its validity is marked EXPIRED.",
  input: z.object({ rfqId: z.string().optional() }),
  output: z.object({ rfq: RfqViewSchema.nullable(), ticket: TicketSchema.nullable() }),
  async execute(input, ctx) {
    const store = ctx.stores.rfqs;
    const found = input.rfqId ? await store.get(input.rfqId) : await store.latestForThread(ctx.thread);
    if (!found) return { rfq: null, ticket: null };
    const rfq = await expireIfStale(ctx.stores, found, ctx.now(), ctx.user.id);
    return { rfq: rfqView(rfq), ticket: await ctx.stores.tickets.byRfq(rfq.id) };
  },
});

export const listBlotterTool = defineTool({
  name: 'list_blotter',
  description: "Trade tickets (trade id, client, instrument, side, size, level, prices, settlement), oldest first: a trader's own, a desk head's desk, all for admin/compliance.",
  input: z.object({
    status: TicketStatusSchema.optional(),
    client: z.string().optional(),
    trader: z.string().optional(),
    limit: z.number().int().positive().max(1000).optional(),
  }),
  output: z.object({ tickets: z.array(TicketSchema) }),
  async execute(input, ctx) {
    const tickets = await ctx.stores.tickets.list(input);
    const { user } = ctx;
    if (OVERSIGHT_ROLES.includes(user.role)) return { tickets };
    // Who dealt on which desk comes from the trader limits (the desk the trader is authorised on).
    const deskOf = (trader: string) => dealingEnv(ctx).market.limits.traders.find((l) => l.user === trader)?.desk ?? null;
    const lead = DESK_LEAD_ROLES.includes(user.role) && user.desk;
    return { tickets: tickets.filter((t) => t.trader === user.id || (lead && deskOf(t.trader) === user.desk)) };
  },
});
