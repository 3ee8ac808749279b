/**
 * LangGraph's checkpoint serializer (`JsonPlusSerializer`), faster on conversations and writing the
 * very same bytes.
 *
 * A checkpoint holds the whole conversation, so every turn writes and reads every earlier message:
 * a turn's cost grows with its thread. The stock serializer spends most of that on each message:
 * writing calls the message's `toJSON()` (alias, escape and secret passes over every field) after a
 * cycle check that walks the message object itself; reading revives the document with a promise per
 * JSON node and then, per message, stringifies and re-parses it for `load()`.
 *
 * Here the core message classes (human, ai, tool, system, …) take a direct path both ways:
 * - writing builds the message's `{ lc: 1, type: "constructor", id, kwargs }` envelope from its
 *   constructor fields, exactly as `toJSON()` does for these classes (they declare no secrets or
 *   attributes, and their aliases are identities), then hands the document to the stock serializer;
 * - reading parses once and constructs those classes the way `load()` does (keys mapped back through
 *   the class's aliases).
 * Anything else takes the stock path: a message whose fields hold an object with an `lc` key (which
 * `toJSON()` escapes against injection) or a LangChain object, a class outside the list, or a
 * document with any other LangChain record (lc 2: undefined-in-a-container aside, Sets, Maps,
 * escaped user data, unknown constructors). The checkpointer test checks both ways against stock.
 */
import {
  AIMessage,
  AIMessageChunk,
  ChatMessage,
  ChatMessageChunk,
  FunctionMessage,
  FunctionMessageChunk,
  HumanMessage,
  HumanMessageChunk,
  RemoveMessage,
  SystemMessage,
  SystemMessageChunk,
  ToolMessage,
  ToolMessageChunk,
  type BaseMessage,
} from '@langchain/core/messages';
import { get_lc_unique_name } from '@langchain/core/load/serializable';
import { JsonPlusSerializer, type SerializerProtocol } from '@langchain/langgraph-checkpoint';
import { camelCase, messageFields, type MessageFieldsSource } from '../util/message-fields.js';

type MessageClass = new (fields: Record<string, unknown>) => BaseMessage;

const CLASSES: MessageClass[] = [
  HumanMessage,
  AIMessage,
  ToolMessage,
  SystemMessage,
  ChatMessage,
  FunctionMessage,
  RemoveMessage,
  HumanMessageChunk,
  AIMessageChunk,
  ToolMessageChunk,
  SystemMessageChunk,
  ChatMessageChunk,
  FunctionMessageChunk,
] as unknown as MessageClass[];

/** The stored id of each class (`["langchain_core", "messages", name]`) → the class and its inverted aliases. */
const BY_ID = new Map<string, { cls: MessageClass; name: string; fromJson: Record<string, string> }>();
const KNOWN = new Set<unknown>(CLASSES);
for (const cls of CLASSES) {
  // The name load() resolves: the class's own lc_name(), else its JS name (as `lc_id` writes it).
  const lcName = get_lc_unique_name(cls as unknown as Parameters<typeof get_lc_unique_name>[0]);
  const aliases: Record<string, string> = {};
  for (let c: unknown = cls; c && (c as { prototype?: unknown }).prototype; c = Object.getPrototypeOf(c)) {
    Object.assign(aliases, Reflect.get((c as { prototype: object }).prototype, 'lc_aliases') as Record<string, string> | undefined);
  }
  const fromJson = Object.fromEntries(Object.entries(aliases).map(([k, v]) => [v, k]));
  BY_ID.set(JSON.stringify(['langchain_core', 'messages', lcName]), { cls, name: lcName, fromJson });
}

/** Deeper than this, a value is left to the stock path (which also guards against cycles). */
const MAX_DEPTH = 48;

/** True when `value` is plain JSON data `toJSON()` would copy unchanged: no `lc` key, no escape marker, no LangChain object. */
function isInertData(value: unknown, depth: number): boolean {
  if (typeof value !== 'object' || value === null) return typeof value !== 'function' && typeof value !== 'symbol' && typeof value !== 'bigint';
  if (depth > MAX_DEPTH) return false;
  if (Array.isArray(value)) {
    for (const item of value) if (!isInertData(item, depth + 1)) return false;
    return true;
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return false;
  if ('lc' in value || '__lc_escaped__' in value) return false;
  for (const key of Object.keys(value)) if (!isInertData((value as Record<string, unknown>)[key], depth + 1)) return false;
  return true;
}

/** `message.toJSON()` for a core message class whose fields are inert data; undefined otherwise. */
function envelope(message: BaseMessage): Record<string, unknown> | undefined {
  if (!KNOWN.has(message.constructor)) return undefined;
  const kwargs = messageFields(message as unknown as MessageFieldsSource);
  for (const key in kwargs) if (!isInertData(kwargs[key], 1)) return undefined;
  return { lc: 1, type: 'constructor', id: message.lc_id, kwargs };
}

function isMessage(value: object): value is BaseMessage {
  return KNOWN.has(value.constructor) && typeof (value as { lc_kwargs?: unknown }).lc_kwargs === 'object';
}

/** The document with each core message replaced by its envelope (containers copied, nothing else touched). */
function withEnvelopes(value: unknown, depth: number): unknown {
  if (typeof value !== 'object' || value === null || depth > MAX_DEPTH) return value;
  if (isMessage(value)) return envelope(value) ?? value;
  if (Array.isArray(value)) return value.map((item) => withEnvelopes(item, depth + 1));
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) out[key] = withEnvelopes((value as Record<string, unknown>)[key], depth + 1);
  return out;
}

class NotSimple extends Error {}

function isUndefinedRecord(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as { lc?: unknown }).lc === 2 && (value as { type?: unknown }).type === 'undefined';
}

/** The stock reviver's result for a document of plain JSON, lc-2 undefineds and core messages; throws NotSimple otherwise. */
function revive(value: unknown, depth: number): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (depth > MAX_DEPTH) throw new NotSimple();
  if (Array.isArray(value)) return value.map((item) => revive(item, depth + 1));
  const record = value as Record<string, unknown>;
  if ('lc' in record || '__lc_escaped__' in record) {
    if (isUndefinedRecord(record)) return undefined;
    if (record.lc === 1 && record.type === 'constructor' && Array.isArray(record.id) && 'kwargs' in record) {
      const known = BY_ID.get(JSON.stringify(record.id));
      const kwargs = record.kwargs;
      if (!known || typeof kwargs !== 'object' || kwargs === null || Array.isArray(kwargs)) throw new NotSimple();
      const fields: Record<string, unknown> = {};
      for (const key of Object.keys(kwargs)) {
        const field = (kwargs as Record<string, unknown>)[key];
        // A field that was undefined (a tool message's artifact): the stock path drops the key.
        if (isUndefinedRecord(field)) continue;
        if (!isInertData(field, depth + 2)) throw new NotSimple();
        fields[known.fromJson[key] || camelCase(key)] = field;
      }
      // As load() does: the class answers to its LangChain name even where a bundler renamed it.
      if (known.cls.name !== known.name) Object.defineProperty(known.cls, 'name', { value: known.name });
      return new known.cls(fields);
    }
    throw new NotSimple();
  }
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(record)) out[key] = revive(record[key], depth + 1);
  return out;
}

/** The stock serializer, with its protected halves reachable. */
class StockSerializer extends JsonPlusSerializer {
  dumps(obj: unknown): Uint8Array {
    return this._dumps(obj);
  }
  loads(text: string): Promise<unknown> {
    return this._loads(text);
  }
}

export class MessageSerializer implements SerializerProtocol {
  private readonly stock = new StockSerializer();
  private readonly decoder = new TextDecoder();

  async dumpsTyped(obj: unknown): Promise<[string, Uint8Array]> {
    if (obj instanceof Uint8Array) return ['bytes', obj];
    return ['json', this.stock.dumps(withEnvelopes(obj, 0))];
  }

  async loadsTyped(type: string, data: Uint8Array | string): Promise<unknown> {
    if (type !== 'json') return this.stock.loadsTyped(type, data);
    const text = typeof data === 'string' ? data : this.decoder.decode(data);
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return this.stock.loads(text);
    }
    try {
      return revive(parsed, 0);
    } catch (e) {
      if (e instanceof NotSimple) return this.stock.loads(text);
      throw e;
    }
  }
}
