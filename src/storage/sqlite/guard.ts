import type Database from 'better-sqlite3';

/** How every SQLite repository runs a statement: under the connection's lock (see ../lock.ts). */
export type Guard = <T>(fn: () => T) => Promise<T>;

/**
 * Runs `fn` atomically: its own transaction, or a savepoint inside the unit of work already open.
 * Its own transaction is `BEGIN IMMEDIATE`: a read-then-write unit (the audit head, then the next
 * record; `MAX(seq) + 1`, then the row) must hold the write lock from its first read. A deferred
 * `BEGIN` reads first and upgrades at the write, and with another process writing that upgrade
 * fails at once (SQLITE_BUSY without the busy timeout, or SQLITE_BUSY_SNAPSHOT when the other
 * committed since the read): audit appends failed with "database is locked" under two processes.
 */
export function atomically(db: Database.Database): <T>(fn: () => T) => T {
  return <T>(fn: () => T): T => db.transaction(fn).immediate();
}
