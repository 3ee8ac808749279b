/**
 * The OpenAI Chat Completions dialect, as finagent speaks it (`POST /v1/chat/completions`): the request
 * schema, model names, which finagent thread a request continues, and the response objects. Pure
 * functions; the route (src/server/routes/openai.ts) runs the turn. Rules in docs/openai.md.
 */
import { createHash, randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { ToolCallRecord } from '../../runtime/agent-spec.js';
import type { TurnResult } from '../../runtime/turn-result.js';

export const MODEL_PREFIX = 'finagent-';

export function modelId(agent: string): string {
  return `${MODEL_PREFIX}${agent}`;
}

/** The assistant a model id names, or null when it is not a finagent model id. */
export function agentOfModel(model: string): string | null {
  return model.startsWith(MODEL_PREFIX) && model.length > MODEL_PREFIX.length ? model.slice(MODEL_PREFIX.length) : null;
}

const ContentPartSchema = z.looseObject({ type: z.string(), text: z.string().optional() });

export const ChatMessageSchema = z.looseObject({
  role: z.enum(['system', 'developer', 'user', 'assistant', 'tool', 'function']),
  content: z.union([z.string(), z.array(ContentPartSchema), z.null()]).optional(),
});
export type ChatMessage = z.infer<typeof ChatMessageSchema>;

/** The fields finagent reads; the rest (temperature, tools, …) are accepted and ignored. */
export const ChatCompletionRequestSchema = z.looseObject({
  model: z.string().min(1),
  messages: z.array(ChatMessageSchema).min(1),
  stream: z.boolean().nullish(),
  stream_options: z.looseObject({ include_usage: z.boolean().nullish() }).nullish(),
  /** A conversation key (see `threadFor`), namespaced by the caller. */
  user: z.string().max(256).nullish(),
  metadata: z.record(z.string(), z.unknown()).nullish(),
});
export type ChatCompletionRequest = z.infer<typeof ChatCompletionRequestSchema>;

/** The text of a message: a string, or its text parts joined (images and audio are not read). */
export function messageText(m: ChatMessage): { text: string; nonText: boolean } {
  const c = m.content;
  if (c === undefined || c === null) return { text: '', nonText: false };
  if (typeof c === 'string') return { text: c, nonText: false };
  return { text: c.map((p) => (p.type === 'text' ? (p.text ?? '') : '')).join(''), nonText: c.some((p) => p.type !== 'text') };
}

/** What a conversation is made of for continuity: user and assistant turns, text normalised. */
export interface Turn {
  role: 'user' | 'assistant';
  text: string;
}

function normalise(text: string): string {
  return text.replace(/\r\n?/g, '\n').trim();
}

/**
 * The request split into the turn's message (the last message, which must be the user's) and the
 * conversation before it. System and developer messages are left out: the assistant's own system
 * prompt governs, and a client's instructions do not change a bank's rules.
 */
export function splitConversation(messages: readonly ChatMessage[]): { message: string; prior: Turn[] } | { error: string } {
  const last = messages[messages.length - 1];
  if (!last || last.role !== 'user') return { error: 'the last message must be the user’s (role "user"): it is the turn’s message' };
  const { text, nonText } = messageText(last);
  if (nonText) return { error: 'only text content is read: send the question as text' };
  if (!text.trim()) return { error: 'the last user message is empty' };
  const prior: Turn[] = [];
  for (const m of messages.slice(0, -1)) {
    if (m.role !== 'user' && m.role !== 'assistant') continue;
    const t = normalise(messageText(m).text);
    if (t) prior.push({ role: m.role, text: t });
  }
  return { message: text, prior };
}

function digest(parts: unknown[]): string {
  return createHash('sha256').update(JSON.stringify(parts), 'utf8').digest('hex');
}

/** The conversation key a client gave: `metadata.thread_id` first, then `user`. */
export function explicitKey(req: Pick<ChatCompletionRequest, 'user' | 'metadata'>): { key: string; from: 'metadata.thread_id' | 'user' } | null {
  const fromMeta = req.metadata?.thread_id;
  if (typeof fromMeta === 'string' && fromMeta.trim()) return { key: fromMeta.trim(), from: 'metadata.thread_id' };
  if (typeof req.user === 'string' && req.user.trim()) return { key: req.user.trim(), from: 'user' };
  return null;
}

/**
 * The finagent thread of an explicit conversation key: derived from the caller's user id, the
 * assistant and the key, so the same key from another caller (or for another assistant) is another
 * thread, and nobody can name their way into someone else's.
 */
export function keyedThread(userId: string, agent: string, key: string): string {
  return `oai-${digest(['finagent/openai/key', userId, agent, key]).slice(0, 32)}`;
}

/** The lookup key of a conversation so far (caller, assistant, turns): where its thread is remembered. */
export function historyKey(userId: string, agent: string, turns: readonly Turn[]): string {
  return digest(['finagent/openai/history', userId, agent, turns.map((t) => [t.role, normalise(t.text)])]);
}

/**
 * A thread for a conversation whose history finagent has not seen: derived from it, so the same
 * request sent again lands on the same thread; a first message (no history) gets a new thread.
 */
export function historyThread(userId: string, agent: string, prior: readonly Turn[]): string {
  return prior.length ? `oai-${historyKey(userId, agent, prior).slice(0, 32)}` : `oai-${randomUUID().replaceAll('-', '')}`;
}

export type ThreadSource = 'metadata.thread_id' | 'user' | 'history' | 'new' | 'derived';

export function completionId(): string {
  return `chatcmpl-${randomUUID().replaceAll('-', '')}`;
}

export interface FinagentExtension {
  thread: string;
  /** How the thread was chosen (see docs/openai.md). */
  threadFrom: ThreadSource;
  agent: string;
  user: string;
  toolCalls: ToolCallRecord[];
  state: unknown;
}

export function extensionOf(result: TurnResult, threadFrom: ThreadSource): FinagentExtension {
  return { thread: result.thread, threadFrom, agent: result.agent, user: result.user, toolCalls: result.toolCalls, state: result.state };
}

export interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
}

export function usageOf(result: TurnResult, offline: boolean): Usage | undefined {
  if (result.usage) return { prompt_tokens: result.usage.inputTokens, completion_tokens: result.usage.outputTokens, total_tokens: result.usage.inputTokens + result.usage.outputTokens };
  // The offline planners call no model: zero tokens is the true count, not a placeholder.
  return offline ? { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 } : undefined;
}

export function completionObject(a: { id: string; created: number; model: string; result: TurnResult; threadFrom: ThreadSource; usage: Usage | undefined }) {
  return {
    id: a.id,
    object: 'chat.completion' as const,
    created: a.created,
    model: a.model,
    system_fingerprint: null,
    choices: [{ index: 0, message: { role: 'assistant' as const, content: a.result.reply, refusal: null }, logprobs: null, finish_reason: 'stop' as const }],
    ...(a.usage ? { usage: a.usage } : {}),
    finagent: extensionOf(a.result, a.threadFrom),
  };
}

/**
 * The reply in stream-sized pieces, cut after sentence ends and line breaks (and at 80 characters in a
 * long run), so that the pieces joined are exactly the reply.
 */
export function replyPieces(reply: string, max = 80): string[] {
  const out: string[] = [];
  for (const sentence of reply.split(/(?<=[。！？；\n]|[.!?;](?=\s))/u)) {
    const chars = Array.from(sentence);
    for (let i = 0; i < chars.length; i += max) out.push(chars.slice(i, i + max).join(''));
  }
  return out.filter((p) => p.length > 0);
}
