/**
 * Graceful stop on a real socket: no new connections, /ready 503, the turn in flight finishes and its
 * stream ends normally; a turn that overruns the grace period is reported, not waited for forever;
 * open MCP sessions are closed (their event streams end, not cut). Signed audit checkpoints on a
 * schedule and on stop, verified against the chain.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueToken } from '../auth/tokens.js';
import { generateAuditKeyPair, verifyAgainstCheckpoint, type AuditCheckpoint } from '../runtime/audit-checkpoint.js';
import { pinnedClock } from '../runtime/clock.js';
import { ConfigSchema } from '../runtime/config.js';
import { createRuntime, type Runtime } from '../runtime/runtime.js';
import { checkpointSettingsFromConfig } from './checkpoints.js';
import { mcpSessionCount } from './routes/mcp.js';
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

const MCP_HEADERS = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };

describe('stop closes MCP sessions', () => {
  it('ends an open Streamable-HTTP session and its event stream cleanly, and returns', async () => {
    const logs: Array<Record<string, unknown>> = [];
    const server = await startServer({ rt, port: 0, log: (e) => logs.push(e) });
    const auth = { Authorization: `Bearer ${token}` };
    const init = await fetch(`${server.url}/mcp`, {
      method: 'POST',
      headers: { ...auth, ...MCP_HEADERS },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'stop-test', version: '1' } } }),
    });
    expect(init.status).toBe(200);
    const session = init.headers.get('mcp-session-id')!;
    await init.text();
    await fetch(`${server.url}/mcp`, { method: 'POST', headers: { ...auth, ...MCP_HEADERS, 'mcp-session-id': session }, body: JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }) });
    // The server's event stream (what MCP clients keep open between calls).
    const events = await fetch(`${server.url}/mcp`, { headers: { ...auth, accept: 'text/event-stream', 'mcp-session-id': session } });
    expect(events.status).toBe(200);
    expect(events.headers.get('content-type')).toMatch(/text\/event-stream/);
    const streamEnds = events.text().then(() => 'ended', (e: unknown) => `cut: ${(e as Error).message}`);
    expect(mcpSessionCount(server.deps)).toBe(1);

    const t0 = performance.now();
    expect(await server.stop({ graceMs: 10_000, closeRuntime: false })).toEqual({ drained: true });
    expect(performance.now() - t0).toBeLessThan(5_000);
    expect(await streamEnds).toBe('ended');
    expect(mcpSessionCount(server.deps)).toBe(0);
    expect(logs.find((l) => l.msg === 'stopped')).toMatchObject({ mcpSessions: 1, checkpoint: null });
  });
});

describe('audit checkpoints on a schedule', () => {
  const keys = generateAuditKeyPair();
  const ask = (url: string, tok: string, thread: string) =>
    fetch(`${url}/threads/${thread}/runs/wait`, {
      method: 'POST',
      headers: { 'x-api-key': tok, 'content-type': 'application/json' },
      body: JSON.stringify({ assistant_id: 'policy', input: { messages: [{ role: 'user', content: '给关系人发放信用贷款可以吗？' }] } }),
    });
  const until = async (cond: () => boolean, ms = 10_000, refresh?: () => Promise<void>) => {
    const deadline = performance.now() + ms;
    for (await refresh?.(); !cond(); await refresh?.()) {
      if (performance.now() > deadline) throw new Error('timed out');
      await new Promise((r) => setTimeout(r, 20));
    }
  };

  it('takes its settings from the config: a signing key (inline or file) turns it on, 0 minutes or no key off, an unreadable key refuses', () => {
    const cfg = (audit: Record<string, unknown>) => ConfigSchema.parse({ audit });
    expect(checkpointSettingsFromConfig(cfg({}), '/h')).toBeNull();
    expect(checkpointSettingsFromConfig(cfg({ signingKey: keys.privateKeyPem, checkpointEveryMinutes: 0 }), '/h')).toBeNull();
    expect(checkpointSettingsFromConfig(cfg({ signingKey: keys.privateKeyPem }), '/h')).toEqual({ keyPem: keys.privateKeyPem, dir: join('/h', 'checkpoints'), everyMs: 3_600_000 });
    const keyFile = join(home, 'audit.key');
    writeFileSync(keyFile, keys.privateKeyPem);
    expect(checkpointSettingsFromConfig(cfg({ signingKey: keyFile, checkpointEveryMinutes: 5, checkpointDir: '/anchors' }), '/h')).toEqual({ keyPem: keys.privateKeyPem, dir: '/anchors', everyMs: 300_000 });
    expect(() => checkpointSettingsFromConfig(cfg({ signingKey: join(home, 'missing.key') }), '/h')).toThrow(/cannot read key/);
  });

  const verifyAll = async (r: Runtime, files: readonly string[]) => {
    for (const f of files) {
      const cp = JSON.parse(readFileSync(f, 'utf8')) as AuditCheckpoint;
      expect(await verifyAgainstCheckpoint(cp, r.audit.pages(), keys.publicKeyPem)).toMatchObject({ ok: true, keyPinned: true });
    }
  };
  const headOf = (file: string) => (JSON.parse(readFileSync(file, 'utf8')) as AuditCheckpoint).headId;

  it('writes a signed checkpoint every interval while there is something new, none when idle, none after stop; each verifies', async () => {
    const cpHome = mkdtempSync(join(tmpdir(), 'finagent-serve-cp-'));
    // 0.002 min = 120 ms: the schedule runs on real timers; file names come from the pinned runtime clock.
    const cpRt = await createRuntime({ home: cpHome, config: { provider: 'offline', audit: { signingKey: keys.privateKeyPem, checkpointEveryMinutes: 0.002 } }, now: pinnedClock('2025-12-26T10:00:00+08:00') });
    try {
      const tok = (await issueToken(cpRt.stores.tokens, 's.chen', cpRt.now())).token;
      const logs: Array<Record<string, unknown>> = [];
      const server = await startServer({ rt: cpRt, port: 0, log: (e) => logs.push(e) });
      const dir = join(cpHome, 'checkpoints');
      const written = server.checkpoints!.written;
      expect(server.checkpoints!.settings).toMatchObject({ dir, everyMs: 120 });
      // A round may fire in the middle of a turn; wait until a checkpoint covers the whole chain
      // (its own record is the only one after it).
      const settled = async () => {
        let head = 0;
        await until(() => written.length > 0 && headOf(written.at(-1)!) + 1 === head, 10_000, async () => void (head = (await cpRt.audit.head())?.id ?? 0));
      };
      expect((await ask(server.url, tok, 'cp-1')).status).toBe(200);
      await settled();
      expect(written[0]).toBe(join(dir, 'checkpoint-2025-12-26T02-00-00.000Z.json'));
      const n = written.length;
      // Idle: only the checkpoint's own record is new, so the next rounds write nothing.
      await new Promise((r) => setTimeout(r, 400));
      expect(written).toHaveLength(n);

      expect((await ask(server.url, tok, 'cp-2')).status).toBe(200);
      await settled();
      // Same pinned instant: the names take a suffix instead of overwriting.
      expect(written[n]).toBe(join(dir, `checkpoint-2025-12-26T02-00-00.000Z-${n}.json`));
      expect(headOf(written.at(-1)!)).toBeGreaterThan(headOf(written[n - 1]!) + 1);
      // Nothing new since the last scheduled one: stop writes none.
      expect(await server.stop({ closeRuntime: false })).toEqual({ drained: true });
      expect(logs.find((l) => l.msg === 'stopped')).toMatchObject({ checkpoint: null });
      await verifyAll(cpRt, written);
      // The timer is gone: nothing more is written after stop.
      await new Promise((r) => setTimeout(r, 300));
      const total = written.length;
      expect(readdirSync(dir).sort()).toEqual(written.map((f) => f.slice(dir.length + 1)).sort());
      expect(written).toHaveLength(total);
    } finally {
      await cpRt.close();
      rmSync(cpHome, { recursive: true, force: true });
    }
  });

  it('writes the last checkpoint on a graceful stop, into audit.checkpointDir, covering everything the server wrote', async () => {
    const cpHome = mkdtempSync(join(tmpdir(), 'finagent-serve-cp-'));
    const dir = join(cpHome, 'anchors', 'finagent');
    const cpRt = await createRuntime({ home: cpHome, config: { provider: 'offline', audit: { signingKey: keys.privateKeyPem, checkpointDir: dir } }, now: pinnedClock('2025-12-26T10:00:00+08:00') });
    try {
      const tok = (await issueToken(cpRt.stores.tokens, 's.chen', cpRt.now())).token;
      const logs: Array<Record<string, unknown>> = [];
      const server = await startServer({ rt: cpRt, port: 0, log: (e) => logs.push(e) });
      expect(server.checkpoints!.settings).toMatchObject({ dir, everyMs: 3_600_000 });
      expect((await ask(server.url, tok, 'cp-stop')).status).toBe(200);
      expect(existsSync(dir)).toBe(false);
      const headBefore = (await cpRt.audit.head())!.id;
      expect(await server.stop({ closeRuntime: false })).toEqual({ drained: true });
      const file = join(dir, 'checkpoint-2025-12-26T02-00-00.000Z.json');
      expect(server.checkpoints!.written).toEqual([file]);
      expect(logs.find((l) => l.msg === 'audit checkpoint')).toMatchObject({ reason: 'stop', file, headId: headBefore });
      expect(logs.find((l) => l.msg === 'stopped')).toMatchObject({ checkpoint: file });
      const cp = JSON.parse(readFileSync(file, 'utf8')) as AuditCheckpoint;
      expect(cp).toMatchObject({ headId: headBefore, signedAt: '2025-12-26T02:00:00.000Z' });
      await verifyAll(cpRt, [file]);
      // The act of anchoring is itself in the chain, naming the file.
      const last = (await cpRt.stores.audit.byThread('(audit)')).at(-1);
      expect(last).toMatchObject({ kind: 'state_change', payload: { action: 'checkpoint', headId: headBefore, file } });
    } finally {
      await cpRt.close();
      rmSync(cpHome, { recursive: true, force: true });
    }
  });
});
