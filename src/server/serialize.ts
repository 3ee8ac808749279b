/**
 * JSON as the LangGraph SDK and UIs expect it: a LangChain message becomes its plain dict
 * (`{ type: "human" | "ai" | "tool", content, id, tool_calls, … }`), not LangChain's constructor
 * envelope (`{ lc: 1, type: "constructor", … }`) that `JSON.stringify` would otherwise produce.
 */

interface HasToDict {
  toDict(): { type: string; data: object };
}

function hasToDict(value: unknown): value is HasToDict {
  return typeof value === 'object' && value !== null && typeof (value as { toDict?: unknown }).toDict === 'function';
}

/** One message (or anything with `toDict`) as the SDK's `Message` shape. */
export function messageDict(message: HasToDict): Record<string, unknown> {
  const { type, data } = message.toDict();
  return { ...data, type };
}

/**
 * A message's JSON text, made once per message object: a run's `values` events repeat the whole
 * conversation at every step, and the message objects in it are the same from step to step.
 */
const messageTexts = new WeakMap<object, string>();

function messageText(message: HasToDict): string {
  let text = messageTexts.get(message);
  if (text === undefined) {
    text = JSON.stringify(messageDict(message), replacer);
    messageTexts.set(message, text);
  }
  return text;
}

function replacer(this: Record<string, unknown>, key: string, v: unknown): unknown {
  // `this[key]` is the value before its own toJSON ran: the message object itself.
  const raw = this[key];
  return hasToDict(raw) ? messageDict(raw) : v;
}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * `JSON.stringify` with LangChain messages (at any depth) written as their dicts. Arrays and plain
 * objects are walked here so each message's text comes from the per-message cache; anything else
 * (a Date, a class with toJSON) goes through `JSON.stringify` with the same message replacer.
 */
export function toJsonText(value: unknown): string {
  if (typeof value !== 'object' || value === null) return JSON.stringify(value) ?? 'null';
  if (hasToDict(value)) return messageText(value);
  if (Array.isArray(value)) {
    return `[${value.map((v: unknown) => (v === undefined || typeof v === 'function' || typeof v === 'symbol' ? 'null' : toJsonText(v))).join(',')}]`;
  }
  if (!isPlainObject(value)) return JSON.stringify(value, replacer) ?? 'null';
  const parts: string[] = [];
  for (const [k, v] of Object.entries(value)) {
    if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
    parts.push(`${JSON.stringify(k)}:${toJsonText(v)}`);
  }
  return `{${parts.join(',')}}`;
}
