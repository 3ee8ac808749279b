/**
 * The OpenAI-compatible endpoint driven by the `openai` npm client against the app on a real socket:
 * cited policy answers (streamed and not), the models list, role and model errors, and thread
 * continuity (explicit key, resent history) down to the checkpointer.
 */
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyedThread } from '../../integrations/openai/chat.js';
import { startTestServer, type TestServer } from '../../integrations/test-server.js';

let srv: TestServer;
let staff: OpenAI;
let trader: OpenAI;
beforeAll(async () => {
  srv = await startTestServer();
  staff = new OpenAI({ baseURL: `${srv.url}/v1`, apiKey: await srv.token('s.chen'), maxRetries: 0 });
  trader = new OpenAI({ baseURL: `${srv.url}/v1`, apiKey: await srv.token('t.zhang'), maxRetries: 0 });
});
afterAll(() => srv.close());

const CITED = /《华信银行[^》]+》第[一二三四五六七八九十百]+条/;

interface Extension {
  finagent: { thread: string; threadFrom: string; agent: string; user: string; toolCalls: Array<{ name: string }>; state: unknown };
}
const ext = (x: object) => (x as unknown as Extension).finagent;

describe('GET /v1/models', () => {
  it('lists the caller’s assistants as finagent-<name>', async () => {
    const mine = [];
    for await (const m of staff.models.list()) mine.push(m);
    expect(mine).toEqual([{ id: 'finagent-policy', object: 'model', created: 0, owned_by: 'finagent' }]);
    const theirs = [];
    for await (const m of trader.models.list()) theirs.push(m.id);
    expect(theirs.sort()).toEqual(['finagent-dealing', 'finagent-policy']);
    expect((await trader.models.retrieve('finagent-dealing')).id).toBe('finagent-dealing');
    await expect(staff.models.retrieve('finagent-dealing')).rejects.toMatchObject({ status: 403 });
  });
});

describe('POST /v1/chat/completions', () => {
  it('answers a policy question with a citation (not streamed)', async () => {
    const r = await staff.chat.completions.create({ model: 'finagent-policy', messages: [{ role: 'user', content: '给关系人发放信用贷款可以吗？' }] });
    expect(r.object).toBe('chat.completion');
    expect(r.id).toMatch(/^chatcmpl-[0-9a-f]{32}$/);
    expect(r.model).toBe('finagent-policy');
    // The runtime's clock (pinned in tests), in seconds.
    expect(r.created).toBe(Math.floor(srv.rt.now().getTime() / 1000));
    expect(r.choices).toHaveLength(1);
    expect(r.choices[0]).toMatchObject({ index: 0, finish_reason: 'stop', message: { role: 'assistant' } });
    const reply = r.choices[0]!.message.content!;
    expect(reply).toMatch(CITED);
    expect(reply).toContain('《华信银行授信管理办法》第十六条');
    expect(r.usage).toEqual({ prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 });
    const f = ext(r);
    expect(f).toMatchObject({ agent: 'policy', user: 's.chen', threadFrom: 'new' });
    expect(f.thread).toMatch(/^oai-[0-9a-f]{32}$/);
    expect(f.toolCalls.map((t) => t.name)).toContain('search_policies');
    const again = await staff.chat.completions.create({ model: 'finagent-policy', messages: [{ role: 'user', content: '给关系人发放信用贷款可以吗？' }] });
    expect(again.id).not.toBe(r.id);
    // A new conversation (no history, no key) is a new thread.
    expect(ext(again).thread).not.toBe(f.thread);
  });

  it('streams the same cited answer as chunks, then stop, then [DONE]', async () => {
    const stream = await staff.chat.completions.create({
      model: 'finagent-policy',
      messages: [{ role: 'user', content: '给关系人发放信用贷款可以吗？' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks: OpenAI.Chat.Completions.ChatCompletionChunk[] = [];
    for await (const ch of stream) chunks.push(ch);
    expect(new Set(chunks.map((c) => c.id)).size).toBe(1);
    expect(chunks.every((c) => c.object === 'chat.completion.chunk' && c.model === 'finagent-policy')).toBe(true);
    expect(chunks[0]!.choices[0]!.delta.role).toBe('assistant');
    const text = chunks.map((c) => c.choices[0]?.delta.content ?? '').join('');
    expect(text).toMatch(CITED);
    expect(chunks.length).toBeGreaterThan(3);
    const stop = chunks.find((c) => c.choices[0]?.finish_reason === 'stop')!;
    expect(ext(stop).toolCalls.map((t) => t.name)).toContain('search_policies');
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: { total_tokens: 0 } });
    const plain = await staff.chat.completions.create({ model: 'finagent-policy', messages: [{ role: 'user', content: '给关系人发放信用贷款可以吗？' }] });
    expect(text).toBe(plain.choices[0]!.message.content);
  });

  it('a dealing model with the staff token is 403; an unknown model 404; a non-user last message 400', async () => {
    const refused = staff.chat.completions.create({ model: 'finagent-dealing', messages: [{ role: 'user', content: '220205 收 5000万' }] });
    await expect(refused).rejects.toBeInstanceOf(OpenAI.PermissionDeniedError);
    await expect(refused).rejects.toMatchObject({ status: 403, error: { code: 'forbidden', message: expect.stringMatching(/may not use the dealing assistant/) } });
    const streamed = staff.chat.completions.create({ model: 'finagent-dealing', messages: [{ role: 'user', content: 'x' }], stream: true });
    await expect(streamed).rejects.toMatchObject({ status: 403 });
    const audited = await srv.rt.audit.byThread('openai');
    expect(audited.some((r) => r.kind === 'refusal' && r.user === 's.chen' && r.agent === 'dealing')).toBe(true);
    await expect(staff.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'x' }] })).rejects.toBeInstanceOf(OpenAI.NotFoundError);
    await expect(staff.chat.completions.create({ model: 'finagent-policy', messages: [{ role: 'system', content: 'x' }] })).rejects.toMatchObject({ status: 400 });
  });

  it('a client resending the whole history continues one finagent thread: quote, then done books the ticket', async () => {
    const first = [{ role: 'user' as const, content: '220205 收 5000万' }];
    const q = await trader.chat.completions.create({ model: 'finagent-dealing', messages: first });
    const thread = ext(q).thread;
    expect((ext(q).state as { rfq: { status: string } }).rfq.status).toBe('QUOTED');
    const history = [...first, { role: 'assistant' as const, content: q.choices[0]!.message.content! }, { role: 'user' as const, content: 'done' }];
    const d = await trader.chat.completions.create({ model: 'finagent-dealing', messages: [{ role: 'system', content: 'ignored' }, ...history] });
    expect(ext(d)).toMatchObject({ thread, threadFrom: 'history' });
    const state = ext(d).state as { rfq: { status: string }; trade: { tradeId: string } | null };
    expect(state.rfq.status).toBe('DONE');
    expect(state.trade?.tradeId).toMatch(/^T-/);
    // Only the last user message of each request became a turn.
    const humans = (await srv.rt.threadMessages(thread)).filter((m) => m.getType() === 'human').map((m) => m.content);
    expect(humans).toEqual(['220205 收 5000万', 'done']);
    expect(await srv.rt.thread(thread)).toMatchObject({ owner: 't.zhang', agent: 'dealing' });
  });

  it('metadata.thread_id (or user) names a conversation per caller and assistant', async () => {
    const a = await staff.chat.completions.create({ model: 'finagent-policy', messages: [{ role: 'user', content: 'How long do we keep KYC records?' }], metadata: { thread_id: 'case-7' } });
    const b = await staff.chat.completions.create({ model: 'finagent-policy', messages: [{ role: 'user', content: '给关系人发放信用贷款可以吗？' }], metadata: { thread_id: 'case-7' } });
    expect(ext(a)).toMatchObject({ threadFrom: 'metadata.thread_id', thread: keyedThread('s.chen', 'policy', 'case-7') });
    expect(ext(b).thread).toBe(ext(a).thread);
    const viaUser = await staff.chat.completions.create({ model: 'finagent-policy', messages: [{ role: 'user', content: 'expense limits?' }], user: 'case-7' });
    expect(ext(viaUser)).toMatchObject({ threadFrom: 'user', thread: ext(a).thread });
    // The same key from another caller is another thread.
    const other = await trader.chat.completions.create({ model: 'finagent-policy', messages: [{ role: 'user', content: 'expense limits?' }], metadata: { thread_id: 'case-7' } });
    expect(ext(other).thread).not.toBe(ext(a).thread);
    expect(ext(other).thread).toBe(keyedThread('t.zhang', 'policy', 'case-7'));
  });
});
