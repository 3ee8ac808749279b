/**
 * A PostgreSQL server that is down, or drops a connection (restart, failover, pg_terminate_backend),
 * gives the client one clear error naming the database — never a crash, never "internal error" —
 * and the storage works again once the server answers. (The restart under load is in
 * `npm run load-test -- --engine postgres`.)
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatabaseUnavailable } from './errors.js';
import { openPostgresStorage, redactUrl, type PostgresStorage } from './storage.js';
import { createTestDatabase, probeTestServer, skippedNotice, testAdminUrl, type TestDatabase } from './testing.js';

const AT = new Date('2025-12-26T02:00:00.000Z');
/** Nothing listens on port 1 of the loopback: every connect is refused at once. */
const NOWHERE = 'postgres://finagent:secret@127.0.0.1:1/finagent_down';

const unavailable = await probeTestServer();
if (unavailable) console.warn(skippedNotice('PostgreSQL dropped-connection test', unavailable));

describe('PostgreSQL unreachable', () => {
  it('opening storage on a server that refuses connections: DatabaseUnavailable naming the database, no password', async () => {
    const err = await openPostgresStorage({ url: NOWHERE }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(DatabaseUnavailable);
    expect((err as Error).message).toBe('PostgreSQL at postgres://finagent@127.0.0.1:1/finagent_down is unavailable (connect ECONNREFUSED 127.0.0.1:1); retry when it is back');
  });

  it('the checkpointer (LangGraph on the raw pool) reports it the same way', async () => {
    const s = await openPostgresStorage({ url: NOWHERE, migrate: false });
    try {
      await expect(s.checkpointer().getTuple({ configurable: { thread_id: 'T' } })).rejects.toThrow(
        /^PostgreSQL at postgres:\/\/finagent@127\.0\.0\.1:1\/finagent_down is unavailable \(connect ECONNREFUSED/,
      );
    } finally {
      await s.close();
    }
  });

  it('the CLI: one line naming the database, exit 1', () => {
    const home = mkdtempSync(join(tmpdir(), 'finagent-down-'));
    try {
      const r = spawnSync(process.execPath, [join(import.meta.dirname, '..', '..', '..', 'bin', 'finagent.js'), 'chat', 'dealing', '-m', '220205 出 1kw'], {
        encoding: 'utf8',
        cwd: home,
        env: { ...process.env, FINAGENT_HOME: home, FINAGENT_DATABASE_URL: NOWHERE, FINAGENT_PROVIDER: '', FINAGENT_USER: '', FINAGENT_DEBUG: '' },
        timeout: 60_000,
      });
      expect(r.stderr).toBe('finagent: PostgreSQL at postgres://finagent@127.0.0.1:1/finagent_down is unavailable (connect ECONNREFUSED 127.0.0.1:1); retry when it is back\n');
      expect(r.status).toBe(1);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });
});

describe.skipIf(unavailable !== null)('PostgreSQL dropping a connection mid-transaction', () => {
  let db: TestDatabase;
  let storage: PostgresStorage;
  let admin: pg.Client;

  beforeAll(async () => {
    db = await createTestDatabase();
    storage = await openPostgresStorage({ url: db.url, poolSize: 2 });
    admin = new pg.Client({ connectionString: testAdminUrl() });
    await admin.connect();
  });
  afterAll(async () => {
    await admin?.end();
    await storage?.close();
    await db?.drop();
  });

  it('the server terminates the connection of an open transaction: the process survives, the unit of work fails with one clear line, nothing of it is kept, the next one works', async () => {
    let opened!: () => void;
    const isOpen = new Promise<void>((r) => (opened = r));
    let proceed!: () => void;
    const mayProceed = new Promise<void>((r) => (proceed = r));
    const unit = storage.transaction(async (tx) => {
      await tx.kv.put('probe', 'k', { v: 1 }, AT);
      opened();
      await mayProceed; // the connection sits idle in transaction, checked out of the pool
      return tx.kv.get('probe', 'k');
    });
    await isOpen;
    // As a fast restart does to every session: 57P01, then the socket closes. The checked-out client
    // emits 'error' with no statement in flight — unhandled, that event used to kill the process.
    const killed = await admin.query<{ n: string }>(
      "SELECT count(pg_terminate_backend(pid)) AS n FROM pg_stat_activity WHERE datname = $1 AND state = 'idle in transaction'",
      [db.name],
    );
    expect(Number(killed.rows[0]?.n)).toBe(1);
    await new Promise((r) => setTimeout(r, 200)); // let the client see the socket close
    proceed();
    const err = await unit.then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(DatabaseUnavailable);
    const message = (err as Error).message;
    expect(message.startsWith(`PostgreSQL at ${redactUrl(db.url)} is unavailable (`), message).toBe(true);
    expect(message).toMatch(/\); retry when it is back$/);
    expect(message).not.toContain('\n');
    // Rolled back by the server with the session; the pool replaced the dead connection.
    expect(await storage.stores.kv.get('probe', 'k')).toBeNull();
    await storage.transaction((tx) => tx.kv.put('probe', 'k', { v: 2 }, AT));
    expect(await storage.stores.kv.get('probe', 'k')).toEqual({ v: 2 });
  });
});
