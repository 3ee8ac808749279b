/**
 * The app without a socket (`app.request`): bad input of every kind answered with the one JSON error
 * shape and the right status — and the server keeps serving after each; the four-eyes rule over
 * HTTP; a turn that fails mid-stream; /ready while draining.
 */
import { createMiddleware } from 'langchain';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { issueToken } from '../auth/tokens.js';
import { pinnedClock } from '../runtime/clock.js';
import { turnScopeOf } from '../runtime/middleware.js';
import { createRuntime, type Runtime } from '../runtime/runtime.js';
import { loadUsers } from '../runtime/users.js';
import { createApp } from './app.js';

/** Fails the second model call of turns on threads named `boom-…`: a fault after the stream began. */
const faultAfterStart = createMiddleware({
  name: 'FaultAfterStart',
  wrapModelCall: async (request, handler) => {
    const scope = turnScopeOf(request.runtime);
    if (scope.thread.startsWith('boom-') && scope.steps === 2) throw new Error('disk on fire at /var/secret/path');
    return handler(request);
  },
});

let home: string;
let rt: Runtime;
const tokens: Record<string, string> = {};
const logs: Array<Record<string, unknown>> = [];
let app: ReturnType<typeof createApp>['app'];
let deps: ReturnType<typeof createApp>['deps'];

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'finagent-app-'));
  // t.zhang leads his desk here and also trades: the four-eyes rule, not his role, must stop him.
  const users = loadUsers().map((u) => (u.id === 't.zhang' ? { ...u, role: 'desk_head' } : u));
  rt = await createRuntime({ home, config: { provider: 'offline' }, now: pinnedClock('2025-12-26T10:00:00+08:00'), users, middleware: [faultAfterStart] });
  for (const u of ['t.zhang', 'l.wang', 'm.zhou', 's.chen']) tokens[u] = (await issueToken(rt.stores.tokens, u, rt.now())).token;
  ({ app, deps } = createApp({ rt, maxBodyBytes: 4096, rateLimitPerMinute: 1000, log: (e) => logs.push(e) }));
});

afterAll(async () => {
  await rt.close();
  rmSync(home, { recursive: true, force: true });
});

function call(user: string | null, method: string, path: string, body?: string | object, target = app) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (user) headers['x-api-key'] = tokens[user]!;
  return target.request(path, { method, headers, ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }) });
}

async function expectError(res: Response, status: number, code: string): Promise<string> {
  expect(res.status).toBe(status);
  const body = (await res.json()) as { error: { code: string; message: string } };
  expect(body).toEqual({ error: { code, message: expect.any(String) } });
  expect(body.error.message).not.toMatch(/\n\s+at /);
  return body.error.message;
}

/** After every refusal the server still answers a good request. */
async function stillServing(): Promise<void> {
  const res = await call('s.chen', 'GET', '/me');
  expect(res.status).toBe(200);
  expect(await res.json()).toMatchObject({ user: { id: 's.chen', role: 'staff' }, agents: [{ name: 'policy' }], canApprove: false });
}

const ask = { assistant_id: 'policy', input: { messages: [{ role: 'user', content: '给关系人发放信用贷款可以吗？' }] } };

describe('finagent HTTP app', () => {
  it('answers malformed, unknown and oversized requests with a JSON error and keeps serving', async () => {
    expect(await expectError(await call('s.chen', 'POST', '/threads', '{"thread_id": '), 400, 'bad_input')).toMatch(/not valid JSON/);
    await stillServing();
    expect(await expectError(await call('s.chen', 'POST', '/threads/t-unknown/runs/wait', { ...ask, assistant_id: 'nosuch' }), 404, 'not_found')).toMatch(/no assistant "nosuch"/);
    await stillServing();
    await expectError(await call('s.chen', 'POST', '/threads/t-big/runs/wait', { ...ask, input: { messages: [{ role: 'user', content: 'x'.repeat(5000) }] } }), 413, 'payload_too_large');
    await stillServing();
    expect(await expectError(await call('s.chen', 'POST', '/threads/t-mode/runs/stream', { ...ask, stream_mode: ['Values'] }), 400, 'bad_input')).toMatch(/lower-case/);
    expect(await expectError(await call('s.chen', 'POST', '/threads/t-cmd/runs/wait', { ...ask, command: { resume: 'yes' } }), 400, 'bad_input')).toMatch(/POST \/approvals/);
    await expectError(await call('s.chen', 'POST', '/threads/t-ai/runs/wait', { ...ask, input: { messages: [{ role: 'assistant', content: 'hi' }] } }), 400, 'bad_input');
    await expectError(await call('s.chen', 'POST', '/threads/t-x/runs/wait', { input: ask.input }), 400, 'bad_input');
    await expectError(await call('s.chen', 'GET', `/threads/${encodeURIComponent('a b')}`), 400, 'bad_input');
    await expectError(await call('s.chen', 'GET', '/threads/never-made'), 404, 'not_found');
    await expectError(await call('s.chen', 'GET', '/no/such/route'), 404, 'not_found');
    await expectError(await call(null, 'GET', '/me'), 401, 'unauthenticated');
    await stillServing();
    // None of those created a thread or started a run.
    expect(await rt.stores.threads.search({})).toEqual([]);
    expect(deps.runs.activeCount).toBe(0);

    expect((await call('s.chen', 'POST', '/threads', { thread_id: 'dup-1', metadata: { assistant_id: 'policy' } })).status).toBe(200);
    await expectError(await call('s.chen', 'POST', '/threads', { thread_id: 'dup-1' }), 409, 'conflict');
    expect((await call('s.chen', 'POST', '/threads', { thread_id: 'dup-1', if_exists: 'do_nothing' })).status).toBe(200);
    await expectError(await call('m.zhou', 'POST', '/threads', { thread_id: 'dup-1', if_exists: 'do_nothing' }), 403, 'forbidden');
    await expectError(await call('s.chen', 'POST', '/threads', { metadata: { assistant_id: 'dealing' } }), 403, 'forbidden');
    await stillServing();
  });

  it('limits requests per token: 429 with Retry-After, other tokens unaffected, served again after the window', async () => {
    const limited = createApp({ rt, rateLimitPerMinute: 3, log: () => {} }).app;
    for (let i = 0; i < 3; i++) expect((await call('m.zhou', 'GET', '/me', undefined, limited)).status).toBe(200);
    const res = await call('m.zhou', 'GET', '/me', undefined, limited);
    await expectError(res, 429, 'rate_limited');
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await call('s.chen', 'GET', '/me', undefined, limited)).status).toBe(200);
    // The window is per minute: move the (fake) clock on, not the test's patience.
    vi.setSystemTime(new Date(Date.now() + 61_000));
    expect((await call('m.zhou', 'GET', '/me', undefined, limited)).status).toBe(200);
  });

  it('refuses a desk head approving his own request (four eyes, 409), a trader from another desk (403) and a second decision (409)', async () => {
    const own = await call('t.zhang', 'POST', '/threads/own-1/runs/wait', { assistant_id: 'dealing', input: { messages: [{ role: 'user', content: '220205 收 10E 客户 HXCB' }] } });
    expect(own.status).toBe(200);
    const values = (await own.json()) as { reply: string; state: { rfq: { status: string } } };
    expect(values.state.rfq.status).toBe('PENDING_APPROVAL');
    const id = /APR-\d{8}-\d{4}/.exec(values.reply)![0];
    expect(await expectError(await call('t.zhang', 'POST', `/approvals/${id}`, { decision: 'approve' }), 409, 'refused')).toMatch(/^four_eyes: /);
    // His own pending request is not in his list.
    expect(await (await call('t.zhang', 'GET', '/approvals')).json()).toEqual({ approvals: [] });
    expect((await rt.stores.approvals.get(id))?.status).toBe('pending');

    const rejected = await call('l.wang', 'POST', `/approvals/${id}`, { decision: 'reject', reason: 'too large for today' });
    expect(rejected.status).toBe(200);
    expect(await rejected.json()).toMatchObject({ approval: { status: 'rejected', decidedBy: 'l.wang', reason: 'too large for today' }, rfq: { status: 'REJECTED' } });
    expect(await expectError(await call('l.wang', 'POST', `/approvals/${id}`, { decision: 'approve' }), 409, 'refused')).toMatch(/^approval_state: .*rejected/);
    await expectError(await call('m.zhou', 'POST', `/approvals/${id}`, { decision: 'approve' }), 403, 'forbidden');
    const audit = await rt.stores.audit.byThread('approvals-t.zhang');
    expect(audit.map((r) => r.kind)).toEqual(['tool_call', 'tool_error', 'tool_call', 'tool_result']);
  });

  it('reports a turn that fails after its stream began as an SSE error event; the wait answer is a 500 without internals', async () => {
    const res = await call('s.chen', 'POST', '/threads/boom-1/runs/stream', { ...ask, stream_mode: 'values' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    const text = await res.text();
    const events = [...text.matchAll(/event: (\S+)\ndata: (.*)\nid: (\d+)/g)].map((m) => ({ event: m[1], data: JSON.parse(m[2]!) as unknown, id: Number(m[3]) }));
    expect(events.map((e) => e.event)).toEqual(['metadata', 'values', 'values', 'values', 'error', 'end']);
    expect(events.at(-2)!.data).toEqual({ error: 'internal', message: 'internal error (see the server log for the request id)' });
    expect(events.at(-1)!.data).toMatchObject({ status: 'error' });
    expect(text).not.toContain('/var/secret');
    expect(logs.some((l) => l.level === 'error' && String(l.error).includes('disk on fire'))).toBe(true);
    const wait = await call('s.chen', 'POST', '/threads/boom-2/runs/wait', ask);
    expect(await expectError(wait, 500, 'internal')).not.toContain('/var/secret');
    // The thread is free again.
    expect(deps.runs.active('boom-1')).toBeUndefined();
    await stillServing();
  });

  it('sets X-Server-Time (the runtime clock) on every response: public, authenticated, refused, unknown, too large', async () => {
    const pinned = new Date('2025-12-26T10:00:00+08:00').toISOString();
    const responses = [
      await app.request('/health'),
      await app.request('/ready'),
      await app.request('/', { method: 'HEAD' }),
      await call('s.chen', 'GET', '/me'),
      await call('s.chen', 'POST', '/assistants/search', {}),
      await call(null, 'GET', '/me'),
      await call('s.chen', 'GET', '/no/such/route'),
      await call('s.chen', 'POST', '/threads', 'x'.repeat(5000)),
    ];
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 401, 404, 413]);
    for (const r of responses) expect(r.headers.get('x-server-time')).toBe(pinned);
    // The 401 keeps its error shape (the header is added, the body untouched).
    expect(await responses[5]!.json()).toEqual({ error: { code: 'unauthenticated', message: expect.any(String) } });
  });

  it('asks the graph only for the stream modes the run was asked for (messages only for messages/messages-tuple)', async () => {
    const spy = vi.spyOn(rt, 'runTurn');
    try {
      const modesOf = async (thread: string, stream_mode: string | string[]) => {
        spy.mockClear();
        const res = await call('s.chen', 'POST', `/threads/${thread}/runs/stream`, { ...ask, stream_mode });
        const text = await res.text();
        expect(text).toMatch(/event: end\ndata: \{[^\n]*"status":"success"/);
        return { modes: spy.mock.calls[0]?.[1]?.streamModes, events: [...new Set([...text.matchAll(/event: (\S+)/g)].map((m) => m[1]))] };
      };
      expect(await modesOf('modes-1', 'values')).toEqual({ modes: ['values'], events: ['metadata', 'values', 'end'] });
      expect(await modesOf('modes-2', ['updates'])).toEqual({ modes: ['values', 'updates'], events: ['metadata', 'updates', 'end'] });
      const tuple = await modesOf('modes-3', 'messages-tuple');
      expect(tuple.modes).toEqual(['values', 'messages']);
      expect(tuple.events).toContain('messages');
      const partial = await modesOf('modes-4', ['values', 'messages']);
      expect(partial.modes).toEqual(['values', 'messages']);
      expect(partial.events).toEqual(expect.arrayContaining(['values', 'messages/complete']));
    } finally {
      spy.mockRestore();
    }
  });

  it('says not ready while draining, healthy all along, and takes no new runs', async () => {
    const fresh = createApp({ rt, log: () => {} });
    expect((await fresh.app.request('/ready')).status).toBe(200);
    fresh.deps.inflight.draining = true;
    await expectError(await fresh.app.request('/ready'), 503, 'draining');
    expect((await fresh.app.request('/health')).status).toBe(200);
    await expectError(await call('s.chen', 'POST', '/threads/late-1/runs/wait', ask, fresh.app), 503, 'draining');
  });
});
