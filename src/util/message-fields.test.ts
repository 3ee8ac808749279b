import { HumanMessage, ToolMessage } from '@langchain/core/messages';
import { Serializable } from '@langchain/core/load/serializable';
import { describe, expect, it } from 'vitest';
import { camelCase, messageFields, snakeCase } from './message-fields.js';

class Probe extends Serializable {
  lc_namespace = ['finagent', 'test'];
  override lc_serializable = true;
}

const keys = ['content', 'tool_call_id', 'fooBar', 'HTTPServer', 'parseJSONBody', 'a-b c', 'already_snake_case', 'x1Y2'];

describe('message-fields', () => {
  it('maps keys as LangChain’s toJSON() does', () => {
    const kwargs = Object.fromEntries(keys.map((k, i) => [k, i]));
    const written = Object.keys((new Probe(kwargs).toJSON() as { kwargs: Record<string, unknown> }).kwargs);
    expect(keys.map(snakeCase)).toEqual(written);
  });

  it('maps snake_case back to camelCase for keys load() has no alias for', () => {
    expect(['foo_bar', 'content', 'a-b c', 'http_server', 'x__y'].map(camelCase)).toEqual(['fooBar', 'content', 'aBC', 'httpServer', 'xY']);
  });

  it('reads each constructor field’s current value, as toJSON() does', () => {
    const m = new HumanMessage({ content: 'hi' });
    m.id = 'given-later';
    m.lc_kwargs.id = m.id;
    expect(messageFields(m)).toEqual((m.toJSON() as { kwargs: Record<string, unknown> }).kwargs);
    const t = new ToolMessage({ content: 'r', tool_call_id: 'c', artifact: { a: 1 } });
    expect(messageFields(t)).toEqual((t.toJSON() as { kwargs: Record<string, unknown> }).kwargs);
  });
});
