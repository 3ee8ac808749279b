/**
 * JSON as the LangGraph SDK and UIs expect it: a LangChain message becomes its plain dict
 * (`{ type: "human" | "ai" | "tool", content, id, tool_calls, … }`), not LangChain's constructor
 * envelope (`{ lc: 1, type: "constructor", … }`) that `JSON.stringify` would otherwise produce.
 *
 * This runs on every SSE event of every turn, and in `values` mode every event repeats the whole
 * conversation, so it is written for speed (it was a tenth of the server's CPU under load):
 * - a message's dict is built from its constructor fields directly, as `toDict()` does but without
 *   `toJSON()`'s alias, escape and secret passes (message classes declare no secrets or attributes,
 *   and their aliases are identities);
 * - the containers events are made of (state, updates, tuples) are walked here, so `JSON.stringify`
 *   never calls a message's own `toJSON()` only for the result to be replaced;
 * - a message's JSON text is kept while the message is unchanged, so the same message sent again in
 *   the next `values` event of the turn costs a lookup. LangChain and LangGraph do change messages
 *   in place (an id given by the reducer, the agent's name, a human-in-the-loop edit of tool calls),
 *   so the kept text is used only while the message's id, name, content and tool calls are still the
 *   very values it was written from.
 */

import { messageFields } from '../util/message-fields.js';

interface MessageLike {
  lc_kwargs: Record<string, unknown>;
  id?: string;
  name?: string;
  content: unknown;
  tool_calls?: unknown;
  getType(): string;
}

function isMessageLike(value: object): value is MessageLike {
  const v = value as Partial<MessageLike>;
  return typeof v.getType === 'function' && typeof v.lc_kwargs === 'object' && v.lc_kwargs !== null && 'content' in v;
}

/** One message as the SDK's `Message` shape: `toDict()`'s data with its `type` last. */
export function messageDict(message: MessageLike): Record<string, unknown> {
  const out = messageFields(message);
  out.type = message.getType();
  return out;
}

interface KeptText {
  id: unknown;
  name: unknown;
  content: unknown;
  toolCalls: unknown;
  text: string;
}
const kept = new WeakMap<object, KeptText>();

/** `JSON.stringify` replacer for what lies below the walked levels: messages at any depth as dicts. */
function replacer(this: Record<string, unknown>, key: string, v: unknown): unknown {
  // `this[key]` is the value before its own toJSON ran: the message object itself.
  const raw = this[key];
  return typeof raw === 'object' && raw !== null && isMessageLike(raw) ? messageDict(raw) : v;
}

function messageText(message: MessageLike): string {
  const k = kept.get(message);
  if (k && k.id === message.id && k.name === message.name && k.content === message.content && k.toolCalls === message.tool_calls) return k.text;
  const text = JSON.stringify(messageDict(message), replacer);
  kept.set(message, { id: message.id, name: message.name, content: message.content, toolCalls: message.tool_calls, text });
  return text;
}

/** How deep plain containers are walked here; an event's messages sit at most this deep (`updates`: node → messages → message). */
const WALK_DEPTH = 4;

function write(value: unknown, depth: number): string | undefined {
  if (typeof value !== 'object' || value === null) return JSON.stringify(value);
  if (isMessageLike(value)) return messageText(value);
  if (depth >= WALK_DEPTH) return JSON.stringify(value, replacer);
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i ? ',' : '') + (write(value[i], depth + 1) ?? 'null');
    return out + ']';
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if ((proto !== Object.prototype && proto !== null) || typeof (value as { toJSON?: unknown }).toJSON === 'function') return JSON.stringify(value, replacer);
  let out = '{';
  let first = true;
  for (const key of Object.keys(value)) {
    const text = write((value as Record<string, unknown>)[key], depth + 1);
    if (text === undefined) continue;
    out += (first ? '' : ',') + JSON.stringify(key) + ':' + text;
    first = false;
  }
  return out + '}';
}

/** `JSON.stringify` with LangChain messages (at any depth) written as their dicts. */
export function toJsonText(value: unknown): string {
  return write(value, 0) ?? 'null';
}
