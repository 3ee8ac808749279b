import { AIMessage, AIMessageChunk, HumanMessage, RemoveMessage, SystemMessage, ToolMessage, type BaseMessage } from '@langchain/core/messages';
import { JsonPlusSerializer } from '@langchain/langgraph-checkpoint';
import { describe, expect, it, vi } from 'vitest';
import { MessageSerializer } from './message-serde.js';

const stock = new JsonPlusSerializer();
const fast = new MessageSerializer();
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

function conversation(): BaseMessage[] {
  return [
    new SystemMessage('你是交易助手'),
    new HumanMessage({ content: '5年国开 2.15 出 1E +0', id: 'human-1' }),
    new AIMessage({
      content: '',
      id: 'offline-1',
      name: 'model',
      tool_calls: [{ id: 'call_1', name: 'request_quote', args: { instrument: { kind: 'bond', code: '220205', tenor: null }, notional: 100_000_000 }, type: 'tool_call' }],
      usage_metadata: { input_tokens: 12, output_tokens: 4, total_tokens: 16 },
      response_metadata: { model_name: 'offline' },
    }),
    new ToolMessage({ content: '{"rfq":{"id":"RFQ-1","quote":{"offer":2.15}}}', tool_call_id: 'call_1', name: 'request_quote', id: 'tool-1', artifact: { code: 'ok', figures: [1.5, 2] } }),
    new ToolMessage({ content: 'refused', tool_call_id: 'call_2', status: 'error' }),
    // What ToolNode builds: an artifact key that is undefined (stored as an lc-2 "undefined" record).
    new ToolMessage({ content: '{"ok":true}', tool_call_id: 'call_3', name: 'parse', artifact: undefined }),
    new AIMessage({ content: [{ type: 'text', text: 'Offer 2.15, firm 30 s' }], id: 'ai-2' }),
    new AIMessageChunk({ content: 'partial', id: 'chunk-1' }),
    new RemoveMessage({ id: 'old' }),
  ];
}

/** What a checkpoint looks like when the saver gets it (channel values hold live message objects). */
function checkpoint(messages: unknown[]) {
  return {
    v: 4,
    id: '1f0-abc',
    ts: '2025-12-26T02:00:00.000Z',
    channel_values: { messages, jumpTo: undefined, structuredResponse: undefined, __start__: { messages: [messages[1]] } },
    channel_versions: { messages: 3, __start__: 2 },
    versions_seen: { model_request: { messages: 2 } },
    tags: new Set(['a']),
  };
}

describe('MessageSerializer', () => {
  it('writes byte for byte what LangGraph’s JsonPlusSerializer writes', async () => {
    for (const doc of [checkpoint(conversation()), conversation(), [['messages', conversation()]], { plain: [1, 'x', null, { y: undefined }] }, 'text']) {
      const [t1, b1] = await stock.dumpsTyped(doc);
      const [t2, b2] = await fast.dumpsTyped(doc);
      expect(t2).toBe(t1);
      expect(text(b2)).toBe(text(b1));
    }
  });

  it('takes the stock path for fields LangChain escapes (an `lc` key in tool arguments) and reads them back as stock does', async () => {
    const injected = new AIMessage({ content: '', id: 'ai-x', tool_calls: [{ id: 'c', name: 'f', args: { lc: 1, type: 'secret', id: ['OPENAI_API_KEY'] }, type: 'tool_call' }] });
    const doc = checkpoint([...conversation(), injected]);
    const [, b1] = await stock.dumpsTyped(doc);
    const [, b2] = await fast.dumpsTyped(doc);
    expect(text(b2)).toBe(text(b1));
    expect(text(b2)).toContain('__lc_escaped__');
    const back = (await fast.loadsTyped('json', b2)) as ReturnType<typeof checkpoint>;
    expect(back).toStrictEqual(await stock.loadsTyped('json', b1));
    const last = back.channel_values.messages.at(-1) as AIMessage;
    expect(last.tool_calls?.[0]?.args).toEqual({ lc: 1, type: 'secret', id: ['OPENAI_API_KEY'] });
  });

  it('reads what the stock serializer wrote into the same objects, classes included', async () => {
    const [type, bytes] = await stock.dumpsTyped(checkpoint(conversation()));
    const viaStock = (await stock.loadsTyped(type, bytes)) as ReturnType<typeof checkpoint>;
    const viaFast = (await fast.loadsTyped(type, bytes)) as ReturnType<typeof checkpoint>;
    expect(viaFast).toStrictEqual(viaStock);
    const kinds = (doc: ReturnType<typeof checkpoint>) => (doc.channel_values.messages as BaseMessage[]).map((m) => [m.constructor.name, m.getType(), m.id]);
    expect(kinds(viaFast)).toEqual(kinds(viaStock));
    expect(viaFast.tags).toBeInstanceOf(Set);
    expect(HumanMessage.isInstance(viaFast.channel_values.messages[1])).toBe(true);
    const ai = viaFast.channel_values.messages[2] as AIMessage;
    expect(ai.tool_calls?.[0]).toMatchObject({ name: 'request_quote', args: { notional: 100_000_000 } });
    expect(ai.usage_metadata).toEqual({ input_tokens: 12, output_tokens: 4, total_tokens: 16 });
    // And the reverse: the stock serializer reads what this one wrote.
    const [, mine] = await fast.dumpsTyped(viaFast);
    expect(await stock.loadsTyped("json", mine)).toStrictEqual(viaStock);
  });

  it('reads a stored conversation on its own path, without the stock reviver (the point of it: a turn reads the whole thread)', async () => {
    const loads = vi.spyOn(JsonPlusSerializer.prototype as unknown as { _loads(text: string): Promise<unknown> }, '_loads');
    try {
      const [type, bytes] = await stock.dumpsTyped({ ...checkpoint(conversation()), tags: undefined });
      await fast.loadsTyped(type, bytes);
      expect(loads).not.toHaveBeenCalled();
      // A document it does not handle itself goes to the stock reviver.
      const [, withMap] = await stock.dumpsTyped({ seen: new Map([['a', 1]]) });
      expect(await fast.loadsTyped('json', withMap)).toStrictEqual({ seen: new Map([['a', 1]]) });
      expect(loads).toHaveBeenCalledTimes(1);
    } finally {
      loads.mockRestore();
    }
  });

  it('leaves user data that only looks like a LangChain record as it was stored', async () => {
    const doc = { note: { lc: 3, type: 'constructor', id: ['x'] }, list: [{ lc: 2, type: 'undefined' }] };
    const [, bytes] = await stock.dumpsTyped(doc);
    expect(await fast.loadsTyped("json", bytes)).toStrictEqual(await stock.loadsTyped("json", bytes));
  });
});
