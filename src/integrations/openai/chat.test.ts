import { describe, expect, it } from 'vitest';
import { agentOfModel, explicitKey, historyKey, historyThread, keyedThread, replyPieces, splitConversation } from './chat.js';

describe('OpenAI dialect helpers', () => {
  it('model ids are finagent-<assistant>', () => {
    expect(agentOfModel('finagent-policy')).toBe('policy');
    expect(agentOfModel('finagent-')).toBeNull();
    expect(agentOfModel('gpt-4o')).toBeNull();
  });

  it('the last message is the turn; system messages and empty turns are not history', () => {
    const r = splitConversation([
      { role: 'system', content: 'be nice' },
      { role: 'user', content: ' q1\r\n' },
      { role: 'assistant', content: [{ type: 'text', text: 'a1' }] },
      { role: 'assistant', content: null },
      { role: 'user', content: 'q2' },
    ]);
    expect(r).toEqual({ message: 'q2', prior: [{ role: 'user', text: 'q1' }, { role: 'assistant', text: 'a1' }] });
    expect(splitConversation([{ role: 'assistant', content: 'x' }])).toEqual({ error: expect.stringMatching(/last message must be the user/) });
    expect(splitConversation([{ role: 'user', content: [{ type: 'image_url' }] }])).toEqual({ error: expect.stringMatching(/only text/) });
    expect(splitConversation([{ role: 'user', content: '  ' }])).toEqual({ error: expect.stringMatching(/empty/) });
  });

  it('metadata.thread_id wins over user; keys are namespaced by caller and assistant', () => {
    expect(explicitKey({ user: 'u', metadata: { thread_id: 'm' } })).toEqual({ key: 'm', from: 'metadata.thread_id' });
    expect(explicitKey({ user: 'u', metadata: { other: 'x' } })).toEqual({ key: 'u', from: 'user' });
    expect(explicitKey({ user: ' ', metadata: null })).toBeNull();
    const t = keyedThread('s.chen', 'policy', 'case-7');
    expect(t).toMatch(/^oai-[0-9a-f]{32}$/);
    expect(keyedThread('s.chen', 'policy', 'case-7')).toBe(t);
    expect(keyedThread('t.zhang', 'policy', 'case-7')).not.toBe(t);
    expect(keyedThread('s.chen', 'dealing', 'case-7')).not.toBe(t);
    // JSON framing: a user id ending in the key's prefix cannot forge another caller's thread.
    expect(keyedThread('a-b', 'policy', 'c')).not.toBe(keyedThread('a', 'policy', 'b-c'));
  });

  it('history keys ignore line-ending and edge-whitespace differences, not content', () => {
    const h = historyKey('u', 'policy', [{ role: 'user', text: 'q1' }, { role: 'assistant', text: 'a\n1' }]);
    expect(historyKey('u', 'policy', [{ role: 'user', text: ' q1 ' }, { role: 'assistant', text: 'a\r\n1' }])).toBe(h);
    expect(historyKey('u', 'policy', [{ role: 'user', text: 'q1' }, { role: 'assistant', text: 'a 1' }])).not.toBe(h);
    expect(historyKey('v', 'policy', [{ role: 'user', text: 'q1' }, { role: 'assistant', text: 'a\n1' }])).not.toBe(h);
    // Unknown history: the same request maps to the same thread; a first message to a fresh one.
    const prior = [{ role: 'user' as const, text: 'q1' }];
    expect(historyThread('u', 'policy', prior)).toBe(historyThread('u', 'policy', prior));
    expect(historyThread('u', 'policy', [])).not.toBe(historyThread('u', 'policy', []));
  });

  it('stream pieces join to exactly the reply', () => {
    const reply = '根据《华信银行授信管理办法》第十六条：“本行不得向关系人发放信用贷款。向关系人发放担保贷款的……”\nSee Article 23. Done!' + 'x'.repeat(200);
    const pieces = replyPieces(reply);
    expect(pieces.join('')).toBe(reply);
    expect(pieces.length).toBeGreaterThan(4);
    expect(pieces.every((p) => Array.from(p).length <= 80)).toBe(true);
    expect(replyPieces('')).toEqual([]);
  });
});
