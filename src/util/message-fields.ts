/**
 * A LangChain message's fields as LangChain itself serializes them (`toJSON().kwargs`, `toDict().data`):
 * the keys the message was constructed with, each with the message's current value, keys in
 * snake_case. Shared by the SDK's JSON (server) and the checkpoint serializer (storage), which both
 * skip `toJSON()` for speed and must write what it writes.
 */

/** The fields of a LangChain message this module reads. */
export interface MessageFieldsSource {
  lc_kwargs: Record<string, unknown>;
}

/** LangChain's `snakeCase` key mapping, with a fast path: message keys are already snake_case. */
export function snakeCase(key: string): string {
  if (!/[A-Z\-\s]/.test(key)) return key;
  return key
    .replace(/([A-Z]+)([A-Z][a-z0-9]+)/g, '$1_$2')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[-_\s]+/g, '_')
    .toLowerCase();
}

/** LangChain's `camelCase` key mapping (used by `load()` for keys without an alias). */
export function camelCase(key: string): string {
  const trimmed = key.trim();
  if (!/[-_\s]/.test(trimmed)) return trimmed;
  return trimmed
    .replace(/[-_\s]+/g, '_')
    .toLowerCase()
    .replace(/_+([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/**
 * `toJSON().kwargs` without its escape pass, for message classes whose aliases are identities and
 * which declare no secrets or attributes (all of @langchain/core's): a value changed in place after
 * construction (an id given by a reducer) is read from the message, as `toJSON()` does.
 */
export function messageFields(message: MessageFieldsSource): Record<string, unknown> {
  const kwargs = message.lc_kwargs;
  const source = message as unknown as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(kwargs)) out[snakeCase(key)] = key in source ? source[key] : kwargs[key];
  return out;
}
