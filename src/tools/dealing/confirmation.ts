/**
 * Fat-finger read-back: a size above `confirmAboveNotional` or a counter far from our quote is not
 * acted on; the desk reads it back and waits for an explicit "confirm". The pending action is kept
 * in the database (per thread, short-lived), never in the model's memory.
 */
import { z } from 'zod';
import { ToolRefusal } from '../../runtime/errors.js';
import { defineTool, type ToolContext } from '../../runtime/tool.js';
import { refuse, type RefusalData } from './refusal.js';

const NAMESPACE = 'dealing.pending-confirmation';
/** A read-back older than this is void: the trader must ask again. */
const CONFIRM_WINDOW_SECONDS = 120;

export const PendingConfirmationSchema = z.object({
  kind: z.enum(['size', 'counter']),
  tool: z.enum(['request_quote', 'counter_quote', 'amend_quote']),
  args: z.record(z.string(), z.unknown()),
  data: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  askedAt: z.string(),
  expiresAt: z.string(),
});
export type PendingConfirmation = z.infer<typeof PendingConfirmationSchema>;

/**
 * Records what waits for confirmation (outside the tool's unit of work, so the refusal that follows
 * does not roll it back) and returns the refusal that carries the read-back to the planner.
 */
export async function askConfirmation(
  ctx: ToolContext,
  kind: PendingConfirmation['kind'],
  action: { tool: PendingConfirmation['tool']; args: Record<string, unknown> },
  data: RefusalData,
): Promise<ToolRefusal> {
  const at = ctx.now();
  const pending: PendingConfirmation = {
    kind,
    tool: action.tool,
    args: action.args,
    data,
    askedAt: at.toISOString(),
    expiresAt: new Date(at.getTime() + CONFIRM_WINDOW_SECONDS * 1000).toISOString(),
  };
  await ctx.stores.kv.put(NAMESPACE, ctx.thread, pending, at);
  const what =
    kind === 'size'
      ? `size ${data.notional} ${data.currency} (CNY ${data.notionalCny}) is above the read-back threshold CNY ${data.threshold}`
      : `counter ${data.level} is ${data.away}${data.unit} from our ${data.current}, more than ${data.threshold}${data.unit}`;
  return refuse(`please confirm: ${what}; reply "confirm" to go ahead, or correct it`, 'confirm_required', { kind, ...data });
}

/** The thread's pending read-back, or null (none, or lapsed). */
export async function pendingConfirmation(ctx: ToolContext): Promise<PendingConfirmation | null> {
  const raw = await ctx.stores.kv.get(NAMESPACE, ctx.thread);
  const parsed = PendingConfirmationSchema.safeParse(raw);
  if (!parsed.success) return null;
  return new Date(parsed.data.expiresAt).getTime() >= ctx.now().getTime() ? parsed.data : null;
}

export async function clearConfirmation(ctx: ToolContext): Promise<void> {
  await ctx.stores.kv.delete(NAMESPACE, ctx.thread);
}

/** The confirm tool needs the action tools; they are passed in to keep this module free of cycles. */
export type ConfirmedActions = Record<PendingConfirmation['tool'], (args: Record<string, unknown>, ctx: ToolContext) => Promise<unknown>>;

export function confirmTool(actions: ConfirmedActions) {
  return defineTool({
    name: 'confirm_pending',
    description: 'The trader confirms the size or counter the desk read back ("confirm", "确认"): the pending action runs with confirmed: true. Nothing pending (or lapsed after 2 minutes) is refused.',
    input: z.object({}),
    output: z.object({ tool: z.string(), kind: z.string(), result: z.unknown() }),
    sideEffects: true,
    async execute(_input, ctx) {
      const pending = await pendingConfirmation(ctx);
      if (!pending) throw refuse('nothing is waiting for confirmation in this thread (a read-back lapses after 2 minutes)', 'nothing_to_confirm');
      await clearConfirmation(ctx);
      const result = await actions[pending.tool]({ ...pending.args, confirmed: true }, ctx);
      return { tool: pending.tool, kind: pending.kind, result };
    },
  });
}
