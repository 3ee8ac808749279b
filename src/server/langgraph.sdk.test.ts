/**
 * The service on a real socket, driven by `@langchain/langgraph-sdk`'s unmodified `Client`: a full
 * RFQ with desk-head approval over HTTP, the refusals (no token, wrong role, four eyes, another
 * trader's thread), a stream rejoined after a disconnect, a busy thread, and identity claims in the
 * request that are ignored.
 */
import { Client, type StreamMode } from '@langchain/langgraph-sdk';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueToken } from '../auth/tokens.js';
import { pinnedClock } from '../runtime/clock.js';
import { createRuntime, type Runtime } from '../runtime/runtime.js';
import type { User } from '../runtime/users.js';
import { startServer, type RunningServer } from './serve.js';
import { turnGate } from './turn-gate.js';

interface RfqState {
  rfq: { id: string; status: string; quote: { bid: number | null; offer: number | null; firm: boolean; validUntil: string | null } | null } | null;
  trade: { tradeId: string; status: string; approver: string | null; level: number } | null;
}
interface TurnValues {
  messages: Array<{ type: string; content: unknown; id?: string; tool_calls?: unknown[] }>;
  agent: string;
  thread: string;
  user: string;
  reply: string;
  toolCalls: Array<{ name: string; result?: { notes?: Array<{ code: string; data: Record<string, unknown> }> } }>;
  state: RfqState;
}
interface ApiError {
  error: { code: string; message: string };
}

let home: string;
let rt: Runtime;
let server: RunningServer;
const gate = turnGate();
const tokens: Record<string, string> = {};
const logs: Array<Record<string, unknown>> = [];

const client = (user: string, extra: { defaultHeaders?: Record<string, string> } = {}) => new Client({ apiUrl: server.url, apiKey: tokens[user]!, ...extra });
const human = (content: string) => ({ messages: [{ role: 'user', content }] });

async function http(user: string | null, method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (user) headers.authorization = `Bearer ${tokens[user]}`;
  const res = await fetch(`${server.url}${path}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  return { status: res.status, json: await res.json() };
}

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'finagent-server-'));
  rt = await createRuntime({
    home,
    config: { provider: 'offline' },
    // The bundled market data is dated 2025-12-26: at this instant quotes are firm.
    now: pinnedClock('2025-12-26T10:00:00+08:00'),
    middleware: [gate.middleware],
  });
  for (const u of ['t.zhang', 'l.wang', 's.chen', 'm.zhou']) tokens[u] = (await issueToken(rt.stores.tokens, u, rt.now())).token;
  server = await startServer({ rt, port: 0, log: (e) => logs.push(e), rateLimitPerMinute: 10_000 });
});

afterAll(async () => {
  await server?.stop({ graceMs: 2000 });
  rmSync(home, { recursive: true, force: true });
});

describe('LangGraph SDK Client against finagent serve', () => {
  it('runs an RFQ above the approval threshold: streamed, countered, approved by the desk head over HTTP, booked', async () => {
    const trader = client('t.zhang');
    const assistants = await trader.assistants.search();
    expect(assistants.map((a) => a.assistant_id).sort()).toEqual(['dealing', 'policy']);
    expect(assistants.find((a) => a.assistant_id === 'dealing')).toMatchObject({ graph_id: 'dealing', version: 1, metadata: { title: expect.stringContaining('Dealing') } });

    const thread = await trader.threads.create({ graphId: 'dealing', metadata: { desk: 'rates' } });
    expect(thread).toMatchObject({ status: 'idle', metadata: { assistant_id: 'dealing', owner: 't.zhang', desk: 'rates' } });
    const threadId = thread.thread_id;

    // 1. The request, streamed: metadata first, then values / updates / messages, each with a monotonic id.
    const events: Array<{ id?: string; event: string; data: unknown }> = [];
    for await (const part of trader.runs.stream(threadId, 'dealing', { input: human('220205 收 10E 客户 HXCB'), streamMode: ['values', 'updates', 'messages-tuple'] })) {
      events.push(part as { id?: string; event: string; data: unknown });
    }
    expect(events[0]).toMatchObject({ event: 'metadata', data: { run_id: expect.any(String), thread_id: threadId } });
    const kinds = new Set(events.map((e) => e.event));
    for (const k of ['values', 'updates', 'messages', 'end']) expect(kinds).toContain(k);
    expect(events.map((e) => Number(e.id))).toEqual(events.map((_, i) => i + 1));
    const tuple = events.find((e) => e.event === 'messages')!.data as [{ type: string; tool_calls: Array<{ name: string }> }, { langgraph_node: string }];
    expect(tuple[0]).toMatchObject({ type: 'ai', tool_calls: [{ name: 'parse_dealer_message' }] });
    expect(tuple[1].langgraph_node).toBe('model_request');
    const finalValues = events.filter((e) => e.event === 'values').at(-1)!.data as TurnValues;
    expect(finalValues.state.rfq).toMatchObject({ status: 'PENDING_APPROVAL', quote: { firm: false, validUntil: null } });
    expect(finalValues.reply).toContain('APR-20251226-0001');
    expect(finalValues.messages.map((m) => m.type)).toEqual(['human', 'ai', 'tool', 'ai', 'tool', 'ai']);

    // 2. The client counters at a level the desk can give: the economics change, so a new approval is asked for.
    const countered = (await trader.runs.wait(threadId, 'dealing', { input: human('1.8275能做吗') })) as unknown as TurnValues;
    expect(countered.state.rfq).toMatchObject({ status: 'PENDING_APPROVAL', quote: { offer: 1.8275, firm: false } });
    expect(countered.reply).toContain('APR-20251226-0002');

    // 3. "done" before the approval books nothing.
    const early = (await trader.runs.wait(threadId, 'dealing', { input: human('done') })) as unknown as TurnValues;
    expect(early.state.rfq?.status).toBe('PENDING_APPROVAL');
    expect(early.state.trade).toBeNull();
    expect(await rt.stores.tickets.list()).toHaveLength(0);

    // 4. The desk head sees only the live request and approves it with her own token.
    const listed = await http('l.wang', 'GET', '/approvals');
    expect(listed.status).toBe(200);
    expect((listed.json as { approvals: Array<{ id: string; requestedBy: string }> }).approvals).toEqual([expect.objectContaining({ id: 'APR-20251226-0002', requestedBy: 't.zhang' })]);
    const approved = await http('l.wang', 'POST', '/approvals/APR-20251226-0002', { decision: 'approve', reason: 'client line ok' });
    expect(approved.status).toBe(200);
    const decision = approved.json as { approval: { status: string; decidedBy: string; decidedAt: string }; rfq: RfqState['rfq'] };
    expect(decision.approval).toMatchObject({ status: 'approved', decidedBy: 'l.wang' });
    expect(decision.rfq).toMatchObject({ status: 'QUOTED', quote: { offer: 1.8275, firm: true } });
    // Idempotent: the same decision again returns the recorded one.
    const again = await http('l.wang', 'POST', '/approvals/APR-20251226-0002', { decision: 'approve' });
    expect(again.status).toBe(200);
    expect((again.json as typeof decision).approval.decidedAt).toBe(decision.approval.decidedAt);
    // The superseded request cannot be decided any more.
    const stale = await http('l.wang', 'POST', '/approvals/APR-20251226-0001', { decision: 'approve' });
    expect(stale.status).toBe(409);
    expect((stale.json as ApiError).error).toMatchObject({ code: 'refused', message: expect.stringMatching(/^approval_state: .*superseded/) });

    // 5. "done" now books the ticket, carrying the approver.
    const done = (await trader.runs.wait(threadId, 'dealing', { input: human('done') })) as unknown as TurnValues;
    expect(done.state.rfq?.status).toBe('DONE');
    expect(done.state.trade).toMatchObject({ status: 'booked', approver: 'l.wang', level: 1.8275 });
    expect(done.user).toBe('t.zhang');

    // The thread reads back through the SDK: state with the chat --json result inside values.
    const state = await trader.threads.getState<TurnValues>(threadId);
    expect(state.values.state.trade?.tradeId).toBe(done.state.trade?.tradeId);
    expect(state).toMatchObject({ next: [], tasks: [], checkpoint: { thread_id: threadId, checkpoint_id: expect.any(String) } });
    expect((await trader.threads.get(threadId)).status).toBe('idle');

    // Same audit as the CLI: the approval is a tool call by l.wang on her approvals thread.
    const audit = await rt.stores.audit.byThread('approvals-l.wang');
    expect(audit.filter((r) => r.kind === 'tool_result').map((r) => [r.user, (r.payload as { tool?: string }).tool])).toContainEqual(['l.wang', 'approve_quote']);
  });

  it('refuses: no token 401, a role the assistant does not admit 403, approvals by a trader 403 (four eyes by rule: app.test.ts)', async () => {
    const anonymous = await fetch(`${server.url}/assistants/search`, { method: 'POST', body: '{}' });
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toEqual({ error: { code: 'unauthenticated', message: expect.any(String) } });
    const bogus = new Client({ apiUrl: server.url, apiKey: 'fa_not-a-token', callerOptions: { maxRetries: 0 } });
    await expect(bogus.assistants.search()).rejects.toMatchObject({ status: 401 });

    const staff = client('s.chen');
    expect((await staff.assistants.search()).map((a) => a.assistant_id)).toEqual(['policy']);
    await expect(staff.runs.wait('staff-1', 'dealing', { input: human('220205 出 5kw') })).rejects.toMatchObject({ status: 403 });
    expect((await rt.stores.audit.byThread('staff-1')).map((r) => [r.user, r.kind])).toEqual([['s.chen', 'refusal']]);
    expect(await rt.thread('staff-1')).toBeNull();
    const policy = (await staff.runs.wait('staff-1', 'policy', { input: human('给关系人发放信用贷款可以吗？') })) as unknown as TurnValues;
    expect(policy.reply).toContain('第十六条');

    // The trader's role may not decide approvals at all: 403, audited.
    const trader = client('t.zhang');
    await trader.runs.wait('approve-self', 'dealing', { input: human('220205 收 8E 客户 HXCB') });
    const mine = (await http('l.wang', 'GET', '/approvals')).json as { approvals: Array<{ id: string; rfqId: string }> };
    const pending = mine.approvals.at(-1)!;
    const byTrader = await http('t.zhang', 'POST', `/approvals/${pending.id}`, { decision: 'approve' });
    expect(byTrader.status).toBe(403);
    expect((byTrader.json as ApiError).error.code).toBe('forbidden');
    expect((await http('t.zhang', 'GET', '/approvals')).status).toBe(403);
    expect((await rt.stores.audit.byThread('approvals-t.zhang')).map((r) => r.kind)).toEqual(['refusal', 'refusal']);

    expect((await http('l.wang', 'POST', '/approvals/APR-29991231-0001', { decision: 'approve' })).status).toBe(404);
    expect((await http('l.wang', 'POST', `/approvals/${pending.id}`, { decision: 'maybe' })).status).toBe(400);
  });

  it("keeps threads owned: another trader's thread cannot be read, listed or continued; a desk head reads her desk's only", async () => {
    const zhou = client('m.zhou');
    const fx = (await zhou.runs.wait('zhou-fx-1', 'dealing', { input: human('USDCNY 即期 1000万美元 我买') })) as unknown as TurnValues;
    expect(fx.user).toBe('m.zhou');

    const trader = client('t.zhang');
    await trader.runs.wait('zhang-own-1', 'policy', { input: human('给关系人发放信用贷款可以吗？') });
    await expect(trader.threads.get('zhou-fx-1')).rejects.toMatchObject({ status: 403 });
    await expect(trader.threads.getState('zhou-fx-1')).rejects.toMatchObject({ status: 403 });
    await expect(trader.runs.wait('zhou-fx-1', 'dealing', { input: human('done') })).rejects.toMatchObject({ status: 403 });
    const visible = (await trader.threads.search({ limit: 100 })).map((t) => t.thread_id);
    expect(visible).toContain('zhang-own-1');
    expect(visible).not.toContain('zhou-fx-1');
    const forced = (await trader.threads.search({ metadata: { owner: 'm.zhou' } })).map((t) => t.thread_id);
    expect(forced).toEqual([]);
    const refusals = (await rt.stores.audit.byThread('zhou-fx-1')).filter((r) => r.user === 't.zhang').map((r) => [r.kind, (r.payload as { action?: string }).action]);
    expect(refusals).toEqual([
      ['access', 'read_thread'],
      ['access', 'read_thread'],
      ['access', 'continue_thread'],
    ]);
    expect((await rt.threadResult('zhou-fx-1', { user: rt.users.find('m.zhou') as User, method: 'harness' }))?.state).toMatchObject({ trade: null });

    // The rates desk head reads her trader's thread (read-only) but not the fx desk's.
    const head = client('l.wang');
    expect((await head.threads.get('zhang-own-1')).metadata).toMatchObject({ owner: 't.zhang' });
    await expect(head.threads.get('zhou-fx-1')).rejects.toMatchObject({ status: 403 });
    await expect(head.runs.wait('zhang-own-1', 'policy', { input: human('还有别的规定吗') })).rejects.toMatchObject({ status: 403 });
    const headSees = (await head.threads.search({ limit: 100 })).map((t) => t.thread_id);
    expect(headSees).toContain('zhang-own-1');
    expect(headSees).not.toContain('zhou-fx-1');
  });

  it('a dropped stream does not cancel the run; a rejoin with Last-Event-ID receives what was missed; a second run on the busy thread is 409', async () => {
    const trader = client('t.zhang');
    const threadId = 'rejoin-1';
    const held = gate.close(threadId, 2);
    const abort = new AbortController();
    const seen: Array<{ id?: string; event: string; data: unknown }> = [];
    const modes: StreamMode[] = ['values', 'updates', 'messages-tuple'];
    for await (const part of trader.runs.stream(threadId, 'dealing', { input: human('220205 出 5kw'), streamMode: modes, signal: abort.signal })) {
      seen.push(part as (typeof seen)[number]);
      if (seen.length === 3) {
        abort.abort();
        break;
      }
    }
    await held.reached;
    const runId = (seen[0]!.data as { run_id: string }).run_id;
    const thread = await trader.threads.get(threadId);
    expect(thread.status).toBe('busy');
    expect(await trader.runs.get(threadId, runId)).toMatchObject({ status: 'running', thread_id: threadId, assistant_id: 'dealing', multitask_strategy: 'reject' });
    const busy = await http('t.zhang', 'POST', `/threads/${threadId}/runs/wait`, { assistant_id: 'dealing', input: human('done') });
    expect(busy.status).toBe(409);
    expect((busy.json as ApiError).error.code).toBe('thread_busy');

    // The run goes on although nobody listens; the rejoin replays from the event after the last one seen.
    held.open();
    const lastEventId = seen.at(-1)!.id!;
    const missed: typeof seen = [];
    for await (const part of trader.runs.joinStream(threadId, runId, { lastEventId })) missed.push(part as (typeof seen)[number]);
    expect(Number(missed[0]!.id)).toBe(Number(lastEventId) + 1);
    expect([...seen, ...missed].map((e) => Number(e.id))).toEqual([...seen, ...missed].map((_, i) => i + 1));
    expect(missed.at(-1)).toMatchObject({ event: 'end', data: { run_id: runId, status: 'success' } });
    const last = missed.filter((e) => e.event === 'values').at(-1)!.data as TurnValues;
    expect(last.state.rfq).toMatchObject({ status: 'QUOTED', quote: { firm: true } });

    // A join without Last-Event-ID replays the whole kept run; the run now reads as ended.
    const full: typeof seen = [];
    for await (const part of trader.runs.joinStream(threadId, runId)) full.push(part as (typeof seen)[number]);
    expect(full.map((e) => e.event)).toEqual([...seen, ...missed].map((e) => e.event));
    expect(await trader.runs.get(threadId, runId)).toMatchObject({ status: 'success' });
    // Another user may not join it.
    await expect(collect(client('m.zhou').runs.joinStream(threadId, runId))).rejects.toMatchObject({ status: 403 });
  });

  it('takes identity only from the token: user ids in the body, headers, query and metadata are ignored', async () => {
    const trader = client('t.zhang', { defaultHeaders: { 'x-user-id': 'l.wang', 'x-finagent-user': 'l.wang' } });
    const values = (await trader.runs.wait('spoof-1', 'policy', {
      input: human('给关系人发放信用贷款可以吗？'),
      metadata: { user_id: 'l.wang', owner: 'l.wang', topic: 'credit' },
      config: { configurable: { user_id: 'l.wang' } },
    })) as unknown as TurnValues;
    expect(values.user).toBe('t.zhang');
    const thread = await trader.threads.get('spoof-1');
    expect(thread.metadata).toEqual({ topic: 'credit', assistant_id: 'policy', graph_id: 'policy', owner: 't.zhang' });
    const raw = await fetch(`${server.url}/threads/spoof-2/runs/wait?user=l.wang&user_id=l.wang`, {
      method: 'POST',
      headers: { 'x-api-key': tokens['t.zhang']!, 'content-type': 'application/json', 'x-user': 'l.wang' },
      body: JSON.stringify({ assistant_id: 'policy', user: 'l.wang', user_id: 'l.wang', input: human('给关系人发放信用贷款可以吗？') }),
    });
    expect(raw.status).toBe(200);
    expect(((await raw.json()) as TurnValues).user).toBe('t.zhang');
    expect((await rt.thread('spoof-2'))?.owner).toBe('t.zhang');
    expect(new Set((await rt.stores.audit.byThread('spoof-2')).map((r) => r.user))).toEqual(new Set(['t.zhang']));
  });

  it('binds a thread created without an assistant at its first run, by its owner only (what useStream does)', async () => {
    const trader = client('t.zhang');
    const thread = await trader.threads.create({ metadata: { purpose: 'demo' } });
    expect(thread.metadata).toEqual({ purpose: 'demo', owner: 't.zhang' });
    await expect(client('m.zhou').threads.get(thread.thread_id)).rejects.toMatchObject({ status: 403 });
    await expect(client('m.zhou').runs.wait(thread.thread_id, 'policy', { input: human('x') })).rejects.toMatchObject({ status: 403 });
    const events: string[] = [];
    for await (const part of trader.runs.stream(thread.thread_id, 'policy', { input: human('给关系人发放信用贷款可以吗？'), streamMode: 'messages' })) events.push(part.event);
    expect(events[0]).toBe('metadata');
    expect(events).toContain('messages/complete');
    expect(events).toContain('messages/partial');
    expect(events).not.toContain('values');
    expect((await trader.threads.get(thread.thread_id)).metadata).toEqual({ purpose: 'demo', assistant_id: 'policy', graph_id: 'policy', owner: 't.zhang' });
    await expect(trader.runs.wait(thread.thread_id, 'dealing', { input: human('220205 出 5kw') })).rejects.toMatchObject({ status: 400 });
  });
});

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}
