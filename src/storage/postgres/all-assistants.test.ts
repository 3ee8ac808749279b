/**
 * Issue #14's "done when": with FINAGENT_DATABASE_URL set, the CLI runs all three assistants with
 * every byte of state in PostgreSQL — the policy store included — and writes nothing under
 * FINAGENT_HOME. Two processes asking the policy assistant at once on an empty database ingest the
 * bundled corpus once (the store's advisory lock). Runs dist/ (`npm test` builds first).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, probeTestServer, skippedNotice, type TestDatabase } from './testing.js';

const NOW = '2025-12-26T10:00:00+08:00';
const unavailable = await probeTestServer();
if (unavailable) console.warn(skippedNotice('PostgreSQL all-assistants CLI test', unavailable));

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1));
}

describe.skipIf(unavailable !== null)('all three assistants on PostgreSQL through the CLI', () => {
  let db: TestDatabase;
  let home: string;
  let raw: pg.Client;
  const bin = join(import.meta.dirname, '..', '..', '..', 'bin', 'finagent.js');

  const cli = (args: string[]): Promise<Run> =>
    new Promise((resolve) => {
      const child = spawn(process.execPath, [bin, ...args], {
        cwd: home,
        env: { ...process.env, FINAGENT_HOME: home, FINAGENT_DATABASE_URL: db.url, FINAGENT_NOW: NOW, FINAGENT_PROVIDER: '', FINAGENT_USER: '' },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const timer = setTimeout(() => child.kill(), 60_000);
      child.on('close', (status) => {
        clearTimeout(timer);
        resolve({ status, stdout, stderr });
      });
    });

  beforeAll(async () => {
    db = await createTestDatabase();
    home = mkdtempSync(join(tmpdir(), 'finagent-pg-all-'));
    raw = new pg.Client({ connectionString: db.url });
    await raw.connect();
  });
  afterAll(async () => {
    await raw?.end();
    await db?.drop();
    if (home) rmSync(home, { recursive: true, force: true });
  });

  it('policy (two processes on first use), dealing and analyst turns leave every byte in PostgreSQL', async () => {
    // Both start on an empty database: the migrations and the first-use ingest race.
    const [p1, p2] = await Promise.all([
      cli(['chat', 'policy', '-m', '给关系人发放信用贷款可以吗？', '--thread', 'POL-1']),
      cli(['chat', 'policy', '-m', 'How long do we keep KYC records?', '--thread', 'POL-2']),
    ]);
    expect(p1.status, p1.stderr).toBe(0);
    expect(p2.status, p2.stderr).toBe(0);
    expect(p1.stdout).toContain('《华信银行授信管理办法》第十六条');
    const docs = await raw.query<{ n: number; distinct: number }>(`SELECT count(*)::int AS n, count(DISTINCT source)::int AS distinct FROM kn_documents WHERE store = 'policies'`);
    expect(docs.rows[0]?.n).toBeGreaterThan(0);
    expect(docs.rows[0]?.n).toBe(docs.rows[0]?.distinct);
    const chunks = await raw.query<{ n: number }>(`SELECT count(*)::int AS n FROM kn_chunks WHERE store = 'policies'`);
    const lexical = await raw.query<{ n: number }>(`SELECT count(*)::int AS n FROM kn_lexical WHERE store = 'policies' AND view = 'words'`);
    expect(lexical.rows[0]?.n).toBe(chunks.rows[0]?.n);

    const dealing = await cli(['chat', 'dealing', '-m', '5年国开 2.15 出 1E +0', '--thread', 'DEAL-1', '--json']);
    expect(dealing.status, dealing.stderr).toBe(0);
    expect((JSON.parse(dealing.stdout) as { toolCalls: { name: string }[] }).toolCalls.length).toBeGreaterThan(0);

    const analyst = await cli(['chat', 'analyst', '-m', '分析 kangmei.csv', '--thread', 'AN-1']);
    expect(analyst.status, analyst.stderr).toBe(0);
    expect(analyst.stdout).toContain('康美');

    const threads = await raw.query<{ id: string }>('SELECT id FROM threads ORDER BY id');
    expect(threads.rows.map((r) => r.id)).toEqual(['AN-1', 'DEAL-1', 'POL-1', 'POL-2']);
    expect(filesUnder(home)).toEqual([]);
  }, 120_000);
});
