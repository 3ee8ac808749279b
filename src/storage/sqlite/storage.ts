import Database from 'better-sqlite3';
import { performance } from 'node:perf_hooks';
import type { BaseCheckpointSaver } from '@langchain/langgraph-checkpoint';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { AuditOutbox } from '../audit-outbox.js';
import { ReentrantLock } from '../lock.js';
import type { Storage, Stores, TransactionOptions } from '../types.js';
import { SqliteApprovals } from './approvals.js';
import { SqliteAudit } from './audit.js';
import { LockedSqliteSaver } from './checkpointer.js';
import type { Guard } from './guard.js';
import { SqliteIdempotency } from './idempotency.js';
import { SqliteKeyValue } from './kv.js';
import { SqliteRfqs } from './rfqs.js';
import { migrateSqlite, SCHEMA_VERSION } from './schema.js';
import { SqliteThreads } from './threads.js';
import { SqliteTickets } from './tickets.js';
import { SqliteTokens } from './tokens.js';

export interface SqliteStorageOptions {
  /** FINAGENT_HOME: the database is `<home>/finagent.db`. */
  home?: string;
  /** Or an explicit file (`:memory:` for tests). */
  file?: string;
  /** Milliseconds a writer waits for another process's write lock (default 5000). */
  busyTimeoutMs?: number;
}

const BUSY = /SQLITE_BUSY|database is locked/;

/**
 * The embedded engine: one better-sqlite3 connection per process in WAL mode. Within a process a
 * re-entrant lock serialises units of work on the connection; across processes `BEGIN IMMEDIATE`
 * and the busy timeout serialise writers, so an RFQ transition or a booking is atomic either way.
 */
export class SqliteStorage implements Storage {
  readonly engine = 'sqlite' as const;
  readonly stores: Stores;
  readonly auditOutbox = new AuditOutbox();
  private readonly audit: SqliteAudit;
  private readonly lock = new ReentrantLock();
  private saver: LockedSqliteSaver | undefined;
  /** Transaction control, prepared once (`exec` would parse the text again on every unit of work). */
  private readonly control;

  constructor(readonly db: Database.Database, readonly location: string) {
    // The repositories prepare their statements against the current schema: migrate first.
    migrateSqlite(db);
    this.control = { begin: db.prepare('BEGIN IMMEDIATE'), commit: db.prepare('COMMIT'), rollback: db.prepare('ROLLBACK') };
    const guard: Guard = (fn) => this.lock.runSync(fn);
    this.stores = {
      rfqs: new SqliteRfqs(db, guard),
      tickets: new SqliteTickets(db, guard),
      idempotency: new SqliteIdempotency(db, guard),
      audit: (this.audit = new SqliteAudit(db, guard)),
      threads: new SqliteThreads(db, guard),
      tokens: new SqliteTokens(db, guard),
      approvals: new SqliteApprovals(db, guard),
      kv: new SqliteKeyValue(db, guard),
    };
  }

  async transaction<T>(fn: (tx: Stores) => Promise<T>, opts: TransactionOptions = {}): Promise<T> {
    // Nested: join the unit of work already open in this async context (only a unit of work holds
    // the lock across awaits, so holding it with a transaction open means being inside one).
    if (this.lock.held() && this.db.inTransaction) return fn(this.stores);
    const attempts = Math.max(1, opts.attempts ?? 5);
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.lock.run(async () => {
          this.control.begin.run();
          try {
            const result = await fn(this.stores);
            this.control.commit.run();
            return result;
          } catch (e) {
            if (this.db.inTransaction) this.control.rollback.run();
            throw e;
          }
        });
      } catch (e) {
        // Another process held the write lock past the busy timeout: try the whole unit again.
        if (attempt >= attempts || !(e instanceof Error) || !BUSY.test(e.message)) throw e;
        await new Promise((r) => setTimeout(r, 20 * attempt + Math.random() * 20));
      }
    }
  }

  checkpointer(): BaseCheckpointSaver {
    this.saver ??= new LockedSqliteSaver(this.db, this.lock, { outbox: this.auditOutbox, append: (e) => this.audit.appendInOpenTransaction(e) });
    return this.saver;
  }

  async migrate(): Promise<{ applied: string[]; current: number }> {
    const applied = await this.lock.run(() => migrateSqlite(this.db));
    return { applied, current: SCHEMA_VERSION };
  }

  async close(): Promise<void> {
    await this.lock.run(() => this.db.close());
  }
}

/** Opens (creating when missing) and migrates the SQLite database. */
export async function openSqliteStorage(opts: SqliteStorageOptions): Promise<SqliteStorage> {
  const file = opts.file ?? join(opts.home ?? '.finagent', 'finagent.db');
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  const busyTimeoutMs = opts.busyTimeoutMs ?? 5000;
  db.pragma(`busy_timeout = ${busyTimeoutMs}`);
  await enableWal(db, busyTimeoutMs);
  db.pragma('foreign_keys = ON');
  return new SqliteStorage(db, file);
}

/**
 * Switches the file to WAL, retrying while another process holds it. When two processes open a new
 * file at once (`finagent serve` and a CLI command on a fresh home), both switch it; the switch needs
 * an exclusive lock and SQLite answers the loser SQLITE_BUSY at once, without its busy handler (seen
 * in 46 of 120 simultaneous opens). Once the other process has switched, the pragma finds WAL and
 * succeeds.
 */
async function enableWal(db: Database.Database, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  for (let attempt = 1; ; attempt++) {
    try {
      db.pragma('journal_mode = WAL');
      return;
    } catch (e) {
      const busy = e instanceof Database.SqliteError && (e.code === 'SQLITE_BUSY' || e.code.startsWith('SQLITE_BUSY_'));
      if (!busy || performance.now() > deadline) throw e;
      await new Promise((resolve) => setTimeout(resolve, Math.min(50, attempt * 2)));
    }
  }
}
