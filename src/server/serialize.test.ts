import { AIMessage, AIMessageChunk, HumanMessage, SystemMessage, ToolMessage, type BaseMessage } from '@langchain/core/messages';
import { describe, expect, it } from 'vitest';
import { messageDict, toJsonText } from './serialize.js';

/** What LangChain itself gives: `toDict()`'s data with the type, through a JSON round trip. */
const reference = (m: BaseMessage) => JSON.parse(JSON.stringify({ ...m.toDict().data, type: m.getType() })) as unknown;

const samples = (): BaseMessage[] => [
  new HumanMessage({ content: '5年国开 2.15 出 1E +0', id: 'human-1' }),
  new HumanMessage('no id'),
  new SystemMessage('system prompt'),
  new AIMessage({
    content: '',
    id: 'offline-1',
    name: 'model',
    tool_calls: [{ id: 'call_1', name: 'request_quote', args: { instrument: { kind: 'bond', code: '220205' }, notional: 50_000_000 }, type: 'tool_call' }],
    usage_metadata: { input_tokens: 10, output_tokens: 3, total_tokens: 13 },
    response_metadata: { model_name: 'offline', finish_reason: 'tool_calls' },
  }),
  new AIMessage({ content: [{ type: 'text', text: '报价 1.8325' }], id: 'ai-2', additional_kwargs: { refusal: null } }),
  new ToolMessage({ content: '{"rfq":{"id":"RFQ-1"}}', tool_call_id: 'call_1', name: 'request_quote', id: 'tool-1', artifact: { code: 'limit_exceeded', figures: [1, 2] } }),
  new ToolMessage({ content: 'refused', tool_call_id: 'call_2', status: 'error' }),
  new AIMessageChunk({ content: 'partial', id: 'chunk-1' }),
];

describe('messageDict / toJsonText', () => {
  it('writes every kind of message exactly as LangChain’s toDict() does', () => {
    for (const m of samples()) expect(JSON.parse(JSON.stringify(messageDict(m)))).toEqual(reference(m));
  });

  it('walks state, updates and tuples, and still finds a message nested deeper than the walk', () => {
    const [human, , , ai, , tool] = samples() as [BaseMessage, BaseMessage, BaseMessage, BaseMessage, BaseMessage, BaseMessage];
    const deep = { a: { b: { c: { d: { e: [human] } } } } };
    const value = {
      messages: [human, ai, tool],
      updates: { model_request: { messages: [ai] } },
      tuple: [ai, { langgraph_node: 'model_request' }],
      skipped: undefined,
      fn: () => 1,
      list: [undefined, 1, 'x', null, true],
      date: new Date('2025-12-26T02:00:00Z'),
      deep,
    };
    const expected = JSON.stringify(value, function (this: Record<string, unknown>, key, v: unknown) {
      const raw = this[key];
      return raw && typeof raw === 'object' && 'toDict' in raw ? { ...(raw as BaseMessage).toDict().data, type: (raw as BaseMessage).getType() } : v;
    });
    expect(JSON.parse(toJsonText(value))).toEqual(JSON.parse(expected));
    expect(toJsonText('plain')).toBe('"plain"');
    expect(toJsonText(undefined)).toBe('null');
  });

  it('writes a message again when it was changed in place after it was first written', () => {
    const ai = new AIMessage({ content: '', tool_calls: [{ id: 'c1', name: 'a', args: {}, type: 'tool_call' }] });
    const first = toJsonText([ai]);
    expect(toJsonText([ai])).toBe(first);
    // What LangGraph's reducer, createAgent and human-in-the-loop middleware do to a message in place.
    ai.id = 'given-by-reducer';
    ai.lc_kwargs.id = ai.id;
    ai.name = 'model';
    ai.lc_kwargs.name = 'model';
    expect(JSON.parse(toJsonText([ai]))[0]).toMatchObject({ id: 'given-by-reducer', name: 'model' });
    ai.tool_calls = [{ id: 'c1', name: 'b', args: { edited: true }, type: 'tool_call' }];
    expect(JSON.parse(toJsonText([ai]))[0].tool_calls[0]).toMatchObject({ name: 'b', args: { edited: true } });
    expect(JSON.parse(toJsonText([ai]))).toEqual([reference(ai)]);
  });
});
