/**
 * Graceful stop on a real socket: no new connections, /ready 503, the turn in flight finishes and its
 * stream ends normally; a turn that overruns the grace period is reported, not waited for forever.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueToken } from '../auth/tokens.js';
import { pinnedClock } from '../runtime/clock.js';
import { createRuntime, type Runtime } from '../runtime/runtime.js';
import { startServer } from './serve.js';
import { turnGate } from './turn-gate.js';

let home: string;
let rt: Runtime;
let token: string;
const gate = turnGate();

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'finagent-serve-'));
  rt = await createRuntime({ home, config: { provider: 'offline' }, now: pinnedClock('2025-12-26T10:00:00+08:00'), middleware: [gate.middleware] });
  token = (await issueToken(rt.stores.tokens, 's.chen', rt.now())).token;
});

afterAll(async () => {
  await rt.close();
  rmSync(home, { recursive: true, force: true });
});

function streamRun(url: string, thread: string): Promise<string> {
  return fetch(`${url}/threads/${thread}/runs/stream`, {
    method: 'POST',
    headers: { 'x-api-key': token, 'content-type': 'application/json' },
    body: JSON.stringify({ assistant_id: 'policy', input: { messages: [{ role: 'user', content: '给关系人发放信用贷款可以吗？' }] } }),
  }).then((r) => r.text());
}

describe('startServer / stop', () => {
  it('stops accepting, reports draining, lets the turn in flight finish, then closes', async () => {
    const logs: Array<Record<string, unknown>> = [];
    const server = await startServer({ rt, port: 0, log: (e) => logs.push(e) });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await (await fetch(`${server.url}/health`)).json()).toEqual({ status: 'ok' });
    const held = gate.close('drain-1', 2);
    const body = streamRun(server.url, 'drain-1');
    await held.reached;

    const stopping = server.stop({ graceMs: 10_000, closeRuntime: false });
    expect(server.deps.inflight).toEqual({ count: 1, draining: true });
    expect((await server.app.request('/ready')).status).toBe(503);
    await expect(fetch(`${server.url}/health`)).rejects.toThrow();

    held.open();
    expect(await stopping).toEqual({ drained: true });
    const text = await body;
    expect(text).toMatch(/event: end\ndata: \{"run_id":"[^"]+","status":"success"\}/);
    expect((await rt.threadResult('drain-1', { user: (await rt.user('s.chen'))!, method: 'harness' }))?.reply).toContain('第十六条');
    expect(logs.map((l) => l.msg)).toEqual(expect.arrayContaining(['stopping', 'stopped']));
  });

  it('does not wait past the grace period for a turn that overruns it', async () => {
    const server = await startServer({ rt, port: 0, log: () => {} });
    const held = gate.close('stuck-1', 2);
    const body = streamRun(server.url, 'stuck-1').catch((e: unknown) => `cut: ${(e as Error).message}`);
    await held.reached;
    expect(await server.stop({ graceMs: 100, closeRuntime: false })).toEqual({ drained: false });
    held.open();
    expect(await body).toMatch(/cut|event: metadata/);
    // The overrunning turn still completes on the (open) runtime before the suite closes it.
    while (server.deps.inflight.count > 0) await new Promise((r) => setTimeout(r, 10));
  });

  it('refuses a port that is taken with the listen error', async () => {
    const first = await startServer({ rt, port: 0, log: () => {} });
    await expect(startServer({ rt, port: first.port, log: () => {} })).rejects.toMatchObject({ code: 'EADDRINUSE' });
    await first.stop({ closeRuntime: false });
  });
});
