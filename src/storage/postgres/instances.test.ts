/**
 * Two finagent instances (two runtimes, two pools: as two service replicas would be) on one
 * PostgreSQL database serve the same threads: a conversation continued alternately on either one
 * sees the other's history (LangGraph checkpoints) and RFQ state. And with FINAGENT_DATABASE_URL
 * set, a dealing chat through the CLI leaves no SQLite file under FINAGENT_HOME.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAgents } from '../../agents/registry.js';
import { pinnedClock } from '../../runtime/clock.js';
import { createRuntime, type Runtime } from '../../runtime/runtime.js';
import type { TurnResult } from '../../runtime/turn-result.js';
import { createTestDatabase, probeTestServer, skippedNotice, type TestDatabase } from './testing.js';

const NOW = '2025-12-26T10:00:00+08:00';
const unavailable = await probeTestServer();
if (unavailable) console.warn(skippedNotice('PostgreSQL two-instance tests', unavailable));

interface CallView {
  outcome?: string;
  rfq?: { id: string; status: string };
  ticket?: { tradeId: string; rfqId: string } | null;
}

function call(turn: TurnResult, name: string): CallView {
  const c = turn.toolCalls.find((x) => x.name === name);
  if (!c || c.error) throw new Error(`${name} did not succeed in this turn: ${JSON.stringify(turn.toolCalls)}`);
  return c.result as CallView;
}

function humanTexts(messages: Array<{ getType(): string; content: unknown }>): unknown[] {
  return messages.filter((m) => m.getType() === 'human').map((m) => m.content);
}

/** Every file under `dir` (relative paths), recursively. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1));
}

describe.skipIf(unavailable !== null)('two instances on one PostgreSQL database', () => {
  let db: TestDatabase;
  const homes: string[] = [];
  let a: Runtime;
  let b: Runtime;

  const instance = async (): Promise<Runtime> => {
    const home = mkdtempSync(join(tmpdir(), 'finagent-inst-'));
    homes.push(home);
    return createRuntime({ home, agents: await loadAgents(['dealing']), now: pinnedClock(NOW), config: { provider: 'offline', database: { url: db.url } } });
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    // Opened together: both migrate at once (the migration lock serialises them).
    [a, b] = await Promise.all([instance(), instance()]);
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    await db?.drop();
    for (const h of homes) rmSync(h, { recursive: true, force: true });
  });

  it('continue one thread alternately and see each other’s history and RFQ state', async () => {
    const thread = 'shared-desk-1';
    const user = 't.zhang';
    const q1 = await a.runTurn({ agent: 'dealing', message: '220205 出 1kw', thread, user });
    const rfq1 = call(q1, 'request_quote').rfq!;
    expect(rfq1.status).toBe('QUOTED');

    // B has never seen this thread in its process: history and the quote come from the database.
    expect(humanTexts(await b.threadMessages(thread))).toEqual(['220205 出 1kw']);
    const d1 = await b.runTurn({ agent: 'dealing', message: 'done', thread, user });
    const booked1 = call(d1, 'accept_quote');
    expect(booked1).toMatchObject({ outcome: 'booked', rfq: { id: rfq1.id, status: 'DONE' }, ticket: { rfqId: rfq1.id } });

    // Back on A: B's turn is part of the conversation, and a second done finds the RFQ already booked.
    expect(humanTexts(await a.threadMessages(thread))).toEqual(['220205 出 1kw', 'done']);
    const again = await a.runTurn({ agent: 'dealing', message: 'done', thread, user });
    expect(call(again, 'accept_quote')).toMatchObject({ outcome: 'already_booked', ticket: { tradeId: booked1.ticket!.tradeId } });

    const q2 = await b.runTurn({ agent: 'dealing', message: '220205 收 1kw', thread, user });
    const rfq2 = call(q2, 'request_quote').rfq!;
    expect(rfq2.id).not.toBe(rfq1.id);
    const d2 = await a.runTurn({ agent: 'dealing', message: 'done', thread, user });
    expect(call(d2, 'accept_quote')).toMatchObject({ outcome: 'booked', rfq: { id: rfq2.id } });

    const messages = humanTexts(await b.threadMessages(thread));
    expect(messages).toEqual(['220205 出 1kw', 'done', 'done', '220205 收 1kw', 'done']);
    const tickets = await b.stores.tickets.list();
    expect(tickets.map((t) => t.rfqId)).toEqual([rfq1.id, rfq2.id]);
    // One audit chain for both instances, in turn order.
    const verified = await a.audit.verify();
    expect(verified.ok).toBe(true);
    const said = (await b.audit.byThread(thread)).filter((r) => r.kind === 'user_message').map((r) => (r.payload as { text: string }).text);
    expect(said).toEqual(messages);
  });

  it('with FINAGENT_DATABASE_URL set, a dealing chat through the CLI writes no finagent.db under FINAGENT_HOME', async () => {
    const home = mkdtempSync(join(tmpdir(), 'finagent-pg-cli-'));
    homes.push(home);
    const bin = join(import.meta.dirname, '..', '..', '..', 'bin', 'finagent.js');
    const cli = (args: string[]) =>
      spawnSync(process.execPath, [bin, ...args], {
        encoding: 'utf8',
        cwd: home,
        env: { ...process.env, FINAGENT_HOME: home, FINAGENT_DATABASE_URL: db.url, FINAGENT_NOW: NOW, FINAGENT_PROVIDER: '', FINAGENT_USER: '' },
        timeout: 60_000,
      });
    const quote = cli(['chat', 'dealing', '-m', '220205 出 1kw', '--thread', 'CLI-PG', '--json']);
    expect(quote.status, quote.stderr).toBe(0);
    const done = cli(['chat', 'dealing', '-m', 'done', '--thread', 'CLI-PG', '--json']);
    expect(done.status, done.stderr).toBe(0);
    const booked = call(JSON.parse(done.stdout) as TurnResult, 'accept_quote');
    expect(booked.outcome).toBe('booked');
    // The ticket is in PostgreSQL (read by an instance that never ran the CLI's turns)…
    expect((await a.stores.tickets.byRfq(booked.rfq!.id))?.tradeId).toBe(booked.ticket!.tradeId);
    // …and nothing SQLite-shaped was created in FINAGENT_HOME.
    const files = filesUnder(home);
    expect(files.filter((f) => /(^|\/)finagent\.db|\.db(-wal|-shm|-journal)?$|\.sqlite/.test(f)), files.join(', ')).toEqual([]);
  });
});
