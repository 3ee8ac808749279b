import { z } from 'zod';

export const ToolCallRecordSchema = z.object({
  name: z.string(),
  args: z.record(z.string(), z.unknown()),
  result: z.unknown().optional(),
  error: z.string().optional(),
});

/** The `chat -m --json` contract (documented in the README). `state` is assistant-specific. */
export const TurnResultSchema = z.object({
  agent: z.string(),
  thread: z.string(),
  user: z.string(),
  reply: z.string(),
  toolCalls: z.array(ToolCallRecordSchema),
  state: z.unknown(),
  /** Tokens the provider reported for the turn (absent offline). */
  usage: z.object({ inputTokens: z.number(), outputTokens: z.number() }).optional(),
});
export type TurnResult = z.infer<typeof TurnResultSchema>;
