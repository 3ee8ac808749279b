/**
 * The PostgreSQL engine: the same repositories as SQLite on a `pg.Pool`, for deployments that
 * outgrow one process. A unit of work is `BEGIN … COMMIT` on one pooled connection; races between
 * processes are settled by the database (conditional updates, unique keys, advisory locks), and a
 * transaction that loses one (serialisation failure, deadlock, unique violation) is re-run whole.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { BaseCheckpointSaver } from '@langchain/langgraph-checkpoint';
import { PostgresSaver } from '@langchain/langgraph-checkpoint-postgres';
import pg from 'pg';
import type { PgAccess, Storage, Stores, TransactionOptions } from '../types.js';
import { PgApprovals } from './approvals.js';
import { PgAudit } from './audit.js';
import { pgDriver, type Connection, type Driver } from './driver.js';
import { PgIdempotency } from './idempotency.js';
import { PgKeyValue } from './kv.js';
import { PgRfqs } from './rfqs.js';
import { ReportingSaver } from './saver.js';
import { MIGRATIONS, migrationSql, SCHEMA_VERSION } from './schema.js';
import { checkSchemaName, LOCKS, Sql, type TxContext } from './sql.js';
import { PgThreads } from './threads.js';
import { PgTickets } from './tickets.js';
import { PgTokens } from './tokens.js';
import { MessageSerializer } from '../message-serde.js';

export interface PostgresStorageOptions {
  /** `postgres://user:password@host:port/database`. */
  url: string;
  /** Connections in the pool (default 10). */
  poolSize?: number;
  /** Schema for finagent's tables and the LangGraph checkpoints (default `public`). */
  schema?: string;
  /** Apply pending migrations on open (default true, like the SQLite engine); false when a deploy step runs them. */
  migrate?: boolean;
}

/** SQLSTATEs after which the whole unit of work is re-run: the retry sees the winner's rows. */
const RETRYABLE = new Set([
  '40001', // serialization_failure
  '40P01', // deadlock_detected
  '23505', // unique_violation: a concurrent insert of the same key / sequence number won
]);

export function isRetryable(e: unknown): boolean {
  return typeof e === 'object' && e !== null && 'code' in e && RETRYABLE.has(String((e as { code: unknown }).code));
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Jittered exponential backoff (≈5, 10, 20… ms, capped at 100): racers should not collide again in step. */
function backoffMs(attempt: number): number {
  return Math.min(100, 5 * 2 ** (attempt - 1)) * (0.5 + Math.random());
}

/** The URL for messages: no password (neither in the authority nor as a `password=` parameter). */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    u.password = '';
    u.searchParams.delete('password');
    return u.toString();
  } catch {
    return url.replace(/:[^:@/]*@/, '@');
  }
}

export class PostgresStorage implements Storage {
  readonly engine = 'postgres' as const;
  readonly stores: Stores;
  private readonly context = new AsyncLocalStorage<TxContext>();
  private readonly sql: Sql;
  private saver: BaseCheckpointSaver | undefined;
  readonly pg: PgAccess;

  constructor(
    private readonly driver: Driver,
    readonly location: string,
    readonly schema: string = 'public',
  ) {
    checkSchemaName(schema);
    this.pg = { driver, schema };
    this.sql = new Sql(driver, this.context, schema, (fn) => this.transaction(() => fn()));
    // One set of repositories: inside a transaction's async context they run on its connection
    // (nested calls join it, as on SQLite), elsewhere each call is its own unit of work.
    this.stores = {
      rfqs: new PgRfqs(this.sql),
      tickets: new PgTickets(this.sql),
      idempotency: new PgIdempotency(this.sql),
      audit: new PgAudit(this.sql),
      threads: new PgThreads(this.sql),
      tokens: new PgTokens(this.sql),
      approvals: new PgApprovals(this.sql),
      kv: new PgKeyValue(this.sql),
    };
  }

  async transaction<T>(fn: (tx: Stores) => Promise<T>, opts: TransactionOptions = {}): Promise<T> {
    if (this.sql.inTransaction()) return fn(this.stores);
    const attempts = Math.max(1, opts.attempts ?? 5);
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.once(fn);
      } catch (e) {
        if (attempt >= attempts || !isRetryable(e)) throw e;
        await sleep(backoffMs(attempt));
      }
    }
  }

  private async once<T>(fn: (tx: Stores) => Promise<T>): Promise<T> {
    const conn = await this.driver.connect();
    const ctx: TxContext = { conn, active: true };
    let destroy = false;
    try {
      // Explicit READ COMMITTED: the repositories rely on each statement seeing what committed
      // before it (the head after an advisory lock, the row a losing UPDATE re-reads).
      await conn.query('BEGIN ISOLATION LEVEL READ COMMITTED');
      const result = await this.context.run(ctx, () => fn(this.stores));
      await conn.query('COMMIT');
      return result;
    } catch (e) {
      try {
        await conn.query('ROLLBACK');
      } catch {
        destroy = true;
      }
      throw e;
    } finally {
      ctx.active = false;
      conn.release(destroy);
    }
  }

  checkpointer(): BaseCheckpointSaver {
    this.saver ??= new ReportingSaver(new PostgresSaver(this.driver.saverPool(), new MessageSerializer(), { schema: this.schema }), this.location);
    return this.saver;
  }

  /**
   * Applies pending migrations under a session advisory lock: a second process starting at the same
   * time waits, then finds them applied. Each migration commits with its version row. LangGraph's
   * checkpoint tables follow (their own versions, in `checkpoint_migrations`), under the same lock.
   */
  async migrate(): Promise<{ applied: string[]; current: number }> {
    const conn = await this.driver.connect();
    const applied: string[] = [];
    let destroy = false;
    try {
      await conn.query('SELECT pg_advisory_lock($1::int, $2::int)', [this.sql.namespace, LOCKS.migrations]);
      try {
        const exists = await conn.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [this.schema]);
        // Only when missing: CREATE SCHEMA IF NOT EXISTS still needs CREATE on the database.
        if (exists.rowCount === 0) await conn.query(`CREATE SCHEMA "${this.schema}"`);
        await conn.query(
          `CREATE TABLE IF NOT EXISTS ${this.sql.t('finagent_migrations')} (
             version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
        );
        const done = await conn.query<{ version: number }>(`SELECT version FROM ${this.sql.t('finagent_migrations')}`);
        const have = new Set(done.rows.map((r) => Number(r.version)));
        for (const m of MIGRATIONS) {
          if (have.has(m.version)) continue;
          await conn.query('BEGIN');
          try {
            await conn.exec(migrationSql(m, this.schema));
            await conn.query(`INSERT INTO ${this.sql.t('finagent_migrations')} (version, name) VALUES ($1, $2)`, [m.version, m.name]);
            await conn.query('COMMIT');
          } catch (e) {
            await conn.query('ROLLBACK');
            throw e;
          }
          applied.push(`${m.version} ${m.name}`);
        }
        await this.setupCheckpointer(conn);
      } finally {
        await conn.query('SELECT pg_advisory_unlock($1::int, $2::int)', [this.sql.namespace, LOCKS.migrations]);
      }
    } catch (e) {
      destroy = true; // a session that failed mid-migration may still hold the lock: do not reuse it
      throw e;
    } finally {
      conn.release(destroy);
    }
    return { applied, current: SCHEMA_VERSION };
  }

  /**
   * `PostgresSaver.setup()` on the connection that holds the migration lock: its own runner reads
   * and bumps `checkpoint_migrations` without a lock, so two processes would race; and it must not
   * wait for a second pooled connection (a pool of one, or PGlite's single session).
   */
  private async setupCheckpointer(conn: Connection): Promise<void> {
    const held = {
      connect: async () => ({ query: (text: string, params?: unknown[]) => conn.query(text, params), release: () => undefined }),
      query: (text: string, params?: unknown[]) => conn.query(text, params),
    };
    // Structural stand-in: setup() only calls connect() → query()/release() on its pool.
    await new PostgresSaver(held as unknown as pg.Pool, undefined, { schema: this.schema }).setup();
  }

  async close(): Promise<void> {
    await this.driver.end();
  }
}

/** Opens storage on any driver (the pg pool, or PGlite in tests); migrates unless told not to. */
export async function openPostgresStorageOn(driver: Driver, opts: { location: string; schema?: string; migrate?: boolean }): Promise<PostgresStorage> {
  const storage = new PostgresStorage(driver, opts.location, opts.schema ?? 'public');
  if (opts.migrate !== false) {
    try {
      await storage.migrate();
    } catch (e) {
      await storage.close().catch(() => undefined);
      throw e;
    }
  }
  return storage;
}

/** PostgreSQL storage on a new pool (`poolSize` connections, default 10). */
export async function openPostgresStorage(opts: PostgresStorageOptions): Promise<PostgresStorage> {
  const schema = checkSchemaName(opts.schema ?? 'public');
  const pool = new pg.Pool({ connectionString: opts.url, max: Math.max(1, opts.poolSize ?? 10), application_name: 'finagent' });
  // An idle connection dropped by the server emits 'error' on the pool; unhandled, it would crash the
  // process. The pool discards that client by itself, and the next query reports real trouble.
  pool.on('error', () => undefined);
  // A checked-out connection (a transaction between statements, the checkpointer mid-write) has no
  // pool listener: when the server drops it (restart: 57P01, then "Connection terminated
  // unexpectedly") the client emits 'error', and unhandled that killed the whole process. The
  // statement in flight, or the next one on that client, fails with the error anyway.
  pool.on('connect', (client) => {
    client.on('error', () => undefined);
  });
  const location = redactUrl(opts.url);
  return openPostgresStorageOn(pgDriver(pool, location), { location, schema, migrate: opts.migrate });
}
