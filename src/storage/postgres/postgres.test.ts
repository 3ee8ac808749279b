/**
 * The storage contract on a real PostgreSQL server, plus what only PostgreSQL has: the append-only
 * trigger, migrations under a lock, the retry counts of a unique-key race, JSON column types.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { describeStorageContract } from '../contract.js';
import { MIGRATIONS, SCHEMA_VERSION } from './schema.js';
import { openPostgresStorage, redactUrl, type PostgresStorage } from './storage.js';
import { createTestDatabase, probeTestServer, skippedNotice, type TestDatabase } from './testing.js';

const unavailable = await probeTestServer();
if (unavailable) console.warn(skippedNotice('PostgreSQL storage tests', unavailable));

const T0 = new Date('2025-12-26T02:00:00.000Z');

describe.skipIf(unavailable !== null)('PostgreSQL storage', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.drop();
  });

  describeStorageContract('postgres', () => openPostgresStorage({ url: db.url, poolSize: 4 }));

  describe('engine specifics', () => {
    let storage: PostgresStorage;
    let raw: pg.Client;
    beforeAll(async () => {
      storage = await openPostgresStorage({ url: db.url, poolSize: 4, schema: 'finagent_specifics' });
      raw = new pg.Client({ connectionString: db.url });
      await raw.connect();
    });
    afterAll(async () => {
      await raw?.end();
      await storage?.close();
    });

    it('records its migrations in finagent_migrations and keeps tables in the given schema', async () => {
      const { rows } = await raw.query<{ version: number; name: string }>('SELECT version, name FROM finagent_specifics.finagent_migrations ORDER BY version');
      expect(rows).toEqual(MIGRATIONS.map((m) => ({ version: m.version, name: m.name })));
      const tables = await raw.query<{ table_name: string }>(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = 'finagent_specifics' ORDER BY table_name`,
      );
      expect(tables.rows.map((r) => r.table_name)).toEqual(
        expect.arrayContaining(['approvals', 'audit', 'checkpoints', 'checkpoint_blobs', 'checkpoint_writes', 'kv', 'rfqs', 'tickets', 'threads']),
      );
      expect(await storage.migrate()).toEqual({ applied: [], current: SCHEMA_VERSION });
    });

    it('refuses UPDATE, DELETE and TRUNCATE on the audit table', async () => {
      await storage.stores.audit.append({ ts: T0.toISOString(), user: 'u', role: 'r', agent: 'a', thread: 'th', kind: 'auth', payload: { a: 1 } });
      await expect(raw.query(`UPDATE finagent_specifics.audit SET payload = '{"a":2}'`)).rejects.toThrow(/append-only/);
      await expect(raw.query('DELETE FROM finagent_specifics.audit')).rejects.toThrow(/append-only/);
      await expect(raw.query('TRUNCATE finagent_specifics.audit')).rejects.toThrow(/append-only/);
      expect(await storage.stores.audit.count()).toBe(1);
    });

    it('stores JSON as jsonb, amounts as double precision, instants as timestamptz', async () => {
      const { rows } = await raw.query<{ column_name: string; data_type: string }>(
        `SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = 'finagent_specifics' AND table_name = 'tickets'`,
      );
      const types = Object.fromEntries(rows.map((r) => [r.column_name, r.data_type]));
      expect(types).toMatchObject({ instrument: 'jsonb', detail: 'jsonb', notional: 'double precision', level: 'double precision', created_at: 'timestamp with time zone', seq: 'bigint' });
    });

    it('a unique-key race costs the loser exactly one re-run', async () => {
      const key = 'race-key';
      let runs = 0;
      let arrived = 0;
      let go!: () => void;
      const barrier = new Promise<void>((r) => (go = r));
      const call = (who: string) => {
        let attempt = 0;
        return storage.transaction(async (tx) => {
          runs++;
          const prior = await tx.idempotency.recall(key, 'book');
          if (prior !== undefined) return prior;
          if (++attempt === 1 && ++arrived === 2) go();
          await barrier;
          await tx.idempotency.remember(key, 'book', { by: who }, T0);
          return { by: who };
        });
      };
      const [a, b] = await Promise.all([call('A'), call('B')]);
      expect(a).toEqual(b);
      expect(runs).toBe(3);
    });

    it('names its location without the password', () => {
      expect(redactUrl('postgres://app:s3cret@db.internal:5432/finagent?sslmode=require&password=x')).toBe(
        'postgres://app@db.internal:5432/finagent?sslmode=require',
      );
      expect(storage.location).not.toContain(':@');
    });
  });

  describe('migrations', () => {
    it('two instances migrating a fresh database at once: both succeed, each migration applied once', async () => {
      const fresh = await createTestDatabase();
      const a = await openPostgresStorage({ url: fresh.url, poolSize: 2, migrate: false });
      const b = await openPostgresStorage({ url: fresh.url, poolSize: 2, migrate: false });
      try {
        const [ra, rb] = await Promise.all([a.migrate(), b.migrate()]);
        expect([...ra.applied, ...rb.applied]).toEqual(MIGRATIONS.map((m) => `${m.version} ${m.name}`));
        expect(ra.current).toBe(SCHEMA_VERSION);
        expect(rb.current).toBe(SCHEMA_VERSION);
        const c = new pg.Client({ connectionString: fresh.url });
        await c.connect();
        try {
          const { rows } = await c.query<{ n: string }>('SELECT COUNT(*) AS n FROM finagent_migrations');
          expect(Number(rows[0]?.n)).toBe(MIGRATIONS.length);
          const cp = await c.query<{ n: string }>('SELECT COUNT(*) AS n FROM checkpoint_migrations');
          expect(Number(cp.rows[0]?.n)).toBeGreaterThan(0);
        } finally {
          await c.end();
        }
        // Both work afterwards.
        await a.stores.kv.put('ns', 'k', 1, T0);
        expect(await b.stores.kv.get('ns', 'k')).toBe(1);
      } finally {
        await a.close();
        await b.close();
        await fresh.drop();
      }
    });
  });
});
