import { AIMessage, HumanMessage, ToolMessage } from '@langchain/core/messages';
import { describe, expect, it } from 'vitest';
import { messageDict, toJsonText } from './serialize.js';

/** The plain definition: JSON.stringify with every message (at any depth) replaced by its dict. */
function reference(value: unknown): string {
  return JSON.stringify(value, function (this: Record<string, unknown>, key: string, v: unknown) {
    const raw = this[key];
    return typeof raw === 'object' && raw !== null && typeof (raw as { toDict?: unknown }).toDict === 'function' ? messageDict(raw as AIMessage) : v;
  });
}

describe('toJsonText', () => {
  const human = new HumanMessage({ content: '220205 出 5kw', id: 'h1' });
  const ai = new AIMessage({ content: '', id: 'a1', tool_calls: [{ id: 'c1', name: 'parse_dealer_message', args: { text: '220205 出 5kw' } }] });
  const tool = new ToolMessage({ content: '{"ok":true}', tool_call_id: 'c1', name: 'parse_dealer_message', id: 't1' });

  it('writes what JSON.stringify with the message replacer writes, for messages at any depth and the odd values JSON has rules for', () => {
    class Money {
      constructor(readonly amount: string) {}
      toJSON() {
        return { amount: this.amount, nested: human };
      }
    }
    const value = {
      messages: [human, ai, tool],
      nested: { deeper: [{ m: ai }], skip: undefined, fn: () => 1, date: new Date('2025-12-26T02:00:00Z'), n: 1.5, s: '引号"\n', nil: null },
      list: [undefined, () => 2, 3, 'x'],
      money: new Money('100.00'),
      'odd key "': true,
    };
    expect(toJsonText(value)).toBe(reference(value));
    expect(JSON.parse(toJsonText(value)).messages[1]).toMatchObject({ type: 'ai', id: 'a1', tool_calls: [{ name: 'parse_dealer_message' }] });
    for (const v of [null, 1, 'x', true, [], {}, [human]]) expect(toJsonText(v)).toBe(reference(v));
  });

  it('gives a message the same text every time it appears (values events repeat the conversation)', () => {
    const first = toJsonText({ messages: [human, ai] });
    const second = toJsonText({ messages: [human, ai, tool] });
    expect(second.startsWith(first.slice(0, -2))).toBe(true);
    expect(second).toBe(reference({ messages: [human, ai, tool] }));
  });
});
