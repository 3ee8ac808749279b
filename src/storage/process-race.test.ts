/**
 * Issue #14's concurrency claim with real OS processes: two processes accept the same quote at the
 * same instant, 100 times — exactly one ticket each time, on both engines (SQLite: one file, two
 * processes; PostgreSQL: a fresh database, one pool per process).
 *
 * Two long-lived workers (scripts/race-worker.ts, compiled by `npm test`'s build) are reused across
 * the rounds. Per round worker A quotes a fresh RFQ on its own thread, then both are sent
 * accept_quote for it with one start instant on the host's monotonic clock: each sleeps until just
 * before it and spins the rest, so both calls start within microseconds (the skew is printed).
 * The tool-call ids differ (accept-A-n / accept-B-n), so the idempotency keys differ and only the
 * database can stop the second booking. Business time is pinned; the monotonic clock only aligns
 * the starts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { goAtIn, ProcessWorker, type Engine, type ToolCallSummary } from '../../scripts/workers.js';
import { AuditLog } from '../runtime/audit.js';
import { createTestDatabase, probeTestServer, skippedNotice, testAdminUrl, type TestDatabase } from './postgres/testing.js';
import { openStorage } from './open.js';
import type { Storage } from './types.js';

const NOW = '2025-12-26T10:00:00+08:00';
const ROUNDS = 100;
/** How far ahead the start instant is set: enough for both IPC messages to arrive first. */
const LEAD_MS = 15;

const unavailable = await probeTestServer();
if (unavailable) console.warn(skippedNotice('PostgreSQL process race tests', unavailable));

const BOND = { kind: 'bond', code: '220205', name: '22国开05', issuer: 'CDB', tenor: null };

function quoteInput(round: number): Record<string, unknown> {
  // Alternating sides keep the desk's DV01 near flat over the rounds (the pre-deal limit check).
  return { instrument: BOND, side: round % 2 === 0 ? 'sell' : 'buy', notional: 10_000_000, currency: 'CNY', settle: null, firm: null };
}

function percentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
}

interface Target {
  engine: Engine;
  home: string;
  url?: string;
}

describe('two processes opening one new SQLite file at the same instant', () => {
  let a: ProcessWorker;
  let b: ProcessWorker;
  const homes: string[] = [];
  beforeAll(async () => {
    [a, b] = await Promise.all([ProcessWorker.fork('A'), ProcessWorker.fork('B')]);
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    for (const home of homes) rmSync(home, { recursive: true, force: true });
  });

  // Both switch the new file to WAL; SQLite answered the loser "database is locked" at once (46 of
  // 120 opens failed before the switch was retried).
  it('both open, migrate and set up the checkpointer, 20 times', async () => {
    for (let round = 0; round < 20; round++) {
      const home = mkdtempSync(join(tmpdir(), 'finagent-open-race-'));
      homes.push(home);
      const goAt = goAtIn(LEAD_MS);
      const replies = await Promise.all([a.request({ op: 'open_file', home, goAt }), b.request({ op: 'open_file', home, goAt })]);
      expect(replies, `round ${round}`).toMatchObject([{ ok: true }, { ok: true }]);
    }
  });
});

function raceSuite(engine: Engine, target: () => Promise<Target>, cleanup: () => Promise<void>) {
  let a: ProcessWorker;
  let b: ProcessWorker;
  let t: Target;
  let storage: Storage;

  beforeAll(async () => {
    t = await target();
    [a, b] = await Promise.all([ProcessWorker.fork('A'), ProcessWorker.fork('B')]);
    // Both open the same database at once (concurrent migrations are part of the claim).
    const open = { op: 'open' as const, engine, home: t.home, now: NOW, poolSize: 2, ...(t.url ? { url: t.url } : {}) };
    await Promise.all([a.must(open), b.must(open)]);
    storage = await openStorage({ home: t.home, url: t.url });
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    await storage?.close();
    await cleanup();
  });

  it(`${ROUNDS} rounds of two processes accepting one quote at the same instant: one ticket per round, the loser told it is booked`, async () => {
    const wins = { A: 0, B: 0 };
    const loserSaw = new Map<string, number>();
    const skewUs: number[] = [];
    let overlapped = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const thread = `race-${engine}-${round}`;
      const quoted = await a.tool({ tool: 'request_quote', input: quoteInput(round), thread, callId: `quote-${round}` });
      expect(quoted.call, `round ${round} quote`).toMatchObject({ status: 'QUOTED' });
      const rfqId = quoted.call.rfqId!;
      const goAt = goAtIn(LEAD_MS);
      const [ra, rb] = await Promise.all([
        a.tool({ tool: 'accept_quote', input: { rfqId }, thread, callId: `accept-A-${round}`, goAt }),
        b.tool({ tool: 'accept_quote', input: { rfqId }, thread, callId: `accept-B-${round}`, goAt }),
      ]);
      skewUs.push(Math.abs(Number(BigInt(ra.startedNs) - BigInt(rb.startedNs))) / 1000);
      const booked = [ra, rb].filter((r) => r.call.outcome === 'booked');
      expect(booked, `round ${round}: exactly one booking (A: ${JSON.stringify(ra.call)}, B: ${JSON.stringify(rb.call)})`).toHaveLength(1);
      const winner = booked[0]!.call;
      const loser: ToolCallSummary = (booked[0] === ra ? rb : ra).call;
      wins[booked[0] === ra ? 'A' : 'B']++;
      // Diagnostic: the loser started before the winner's call returned (it waited on the winner's lock or row).
      const [w, l] = booked[0] === ra ? [ra, rb] : [rb, ra];
      if (Number(BigInt(l.startedNs) - BigInt(w.startedNs)) / 1e6 < w.ms) overlapped++;
      // The loser's outcome is explicit: already booked (it started after the winner's commit) or
      // the compare-and-set refusal naming the real state (it raced the winner's transaction).
      if (loser.outcome === 'already_booked') {
        expect(loser).toMatchObject({ rfqId, status: 'DONE', tradeId: winner.tradeId });
      } else {
        expect(loser, `round ${round} loser`).toMatchObject({ check: 'rfq_state', data: { rfqId, status: 'DONE' } });
        expect(loser.error).toMatch(new RegExp(`${rfqId} changed concurrently: it is now DONE`));
      }
      const saw = loser.outcome ?? `refused:${loser.check}`;
      loserSaw.set(saw, (loserSaw.get(saw) ?? 0) + 1);
      const ticket = await storage.stores.tickets.byRfq(rfqId);
      expect(ticket?.tradeId).toBe(winner.tradeId);
    }

    const all = await storage.stores.tickets.since(0, 10 * ROUNDS);
    expect(all.tickets).toHaveLength(ROUNDS);
    expect(new Set(all.tickets.map((x) => x.rfqId)).size).toBe(ROUNDS);
    const verified = await new AuditLog(storage.stores.audit).verify();
    expect(verified.ok, JSON.stringify(verified)).toBe(true);
    console.info(
      `process race (${engine}): ${ROUNDS} rounds, ${all.tickets.length} tickets, 0 duplicates; wins A=${wins.A} B=${wins.B}; ` +
        `loser saw ${[...loserSaw].map(([k, v]) => `${k}×${v}`).join(', ')}; start skew p50 ${percentile(skewUs, 50).toFixed(0)}µs, ` +
        `p95 ${percentile(skewUs, 95).toFixed(0)}µs; the calls overlapped in ${overlapped} rounds; audit chain verified (${verified.ok ? verified.records : 0} records)`,
    );
  });

  it('the same tool-call id from two processes at once (a duplicated request): one ticket, both callers get the booking', async () => {
    for (let round = 0; round < 10; round++) {
      const thread = `dup-${engine}-${round}`;
      const quoted = await a.tool({ tool: 'request_quote', input: quoteInput(round), thread, callId: `quote-${round}` });
      const rfqId = quoted.call.rfqId!;
      const goAt = goAtIn(LEAD_MS);
      const [ra, rb] = await Promise.all([
        a.tool({ tool: 'accept_quote', input: { rfqId }, thread, callId: 'accept', goAt }),
        b.tool({ tool: 'accept_quote', input: { rfqId }, thread, callId: 'accept', goAt }),
      ]);
      // Idempotency: the duplicate gets the first call's result, not a refusal of its own.
      expect(ra.call, `round ${round}`).toMatchObject({ outcome: 'booked', rfqId });
      expect(rb.call, `round ${round}`).toEqual(ra.call);
      expect((await storage.stores.tickets.byRfq(rfqId))?.tradeId).toBe(ra.call.tradeId);
    }
  });

  it('two processes appending to the audit trail at once: every append succeeds, one linear chain', async () => {
    const before = await storage.stores.audit.count();
    const goAt = goAtIn(LEAD_MS);
    const [ra, rb] = await Promise.all([
      a.must({ op: 'audit', count: 300, thread: `audit-${engine}-A`, goAt }),
      b.must({ op: 'audit', count: 300, thread: `audit-${engine}-B`, goAt }),
    ]);
    expect(ra).toMatchObject({ appended: 300, failed: 0 });
    expect(rb).toMatchObject({ appended: 300, failed: 0 });
    expect(await storage.stores.audit.count()).toBe(before + 600);
    const verified = await new AuditLog(storage.stores.audit).verify();
    expect(verified.ok, JSON.stringify(verified)).toBe(true);
  });
}

describe('two processes, one SQLite file', () => {
  const home = mkdtempSync(join(tmpdir(), 'finagent-race-'));
  raceSuite(
    'sqlite',
    async () => ({ engine: 'sqlite', home }),
    async () => rmSync(home, { recursive: true, force: true }),
  );
});

describe.skipIf(unavailable !== null)('two processes, one PostgreSQL database', () => {
  const home = mkdtempSync(join(tmpdir(), 'finagent-race-pg-'));
  let db: TestDatabase | undefined;
  raceSuite(
    'postgres',
    async () => {
      db = await createTestDatabase();
      // Commits without waiting for the WAL flush: the same locks, visibility and conflicts (what
      // the race is about), minus an fsync per commit — seconds, not tens of seconds, per 100 rounds.
      const admin = new pg.Client({ connectionString: testAdminUrl() });
      await admin.connect();
      try {
        await admin.query(`ALTER DATABASE "${db.name}" SET synchronous_commit = off`);
      } finally {
        await admin.end();
      }
      return { engine: 'postgres', home, url: db.url };
    },
    async () => {
      await db?.drop();
      rmSync(home, { recursive: true, force: true });
    },
  );
});
