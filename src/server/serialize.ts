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

/** `JSON.stringify` with LangChain messages (at any depth) written as their dicts. */
export function toJsonText(value: unknown): string {
  return JSON.stringify(value, function replacer(this: Record<string, unknown>, key: string, v: unknown) {
    // `this[key]` is the value before its own toJSON ran: the message object itself.
    const raw = this[key];
    return hasToDict(raw) ? messageDict(raw) : v;
  });
}
