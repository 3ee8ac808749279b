/**
 * Test helpers for the PostgreSQL engine: every test file creates its own database (random name)
 * on the server named by FINAGENT_TEST_DATABASE_URL (default: the local trust-auth server) and drops
 * it afterwards. When no server answers, callers skip with a printed reason.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const DEFAULT_TEST_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export function testAdminUrl(): string {
  return process.env.FINAGENT_TEST_DATABASE_URL || DEFAULT_TEST_ADMIN_URL;
}

/** null when the server answers; otherwise why not (printed with the SKIPPED notice). */
export async function probeTestServer(url = testAdminUrl()): Promise<string | null> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return null;
  } catch (e) {
    return `${(e as Error).message || String(e)}`;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export interface TestDatabase {
  /** URL of the fresh database (same server and credentials as the admin URL). */
  url: string;
  name: string;
  drop(): Promise<void>;
}

/** A fresh, empty database; `drop()` disconnects whoever is left and removes it. */
export async function createTestDatabase(adminUrl = testAdminUrl()): Promise<TestDatabase> {
  const name = `finagent_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    name,
    async drop() {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

/** The SKIPPED line a PostgreSQL test file prints when it cannot run. */
export function skippedNotice(what: string, reason: string): string {
  return `SKIPPED ${what}: no PostgreSQL server at ${redact(testAdminUrl())} (${reason}). Set FINAGENT_TEST_DATABASE_URL or run scripts/ci-postgres.sh.`;
}

function redact(url: string): string {
  return url.replace(/:[^:@/]*@/, '@');
}
