import type Database from 'better-sqlite3';

/** How every SQLite repository runs a statement: under the connection's lock (see ../lock.ts). */
export type Guard = <T>(fn: () => T) => Promise<T>;

/** Runs `fn` atomically: its own transaction, or a savepoint inside the unit of work already open. */
export function atomically(db: Database.Database): <T>(fn: () => T) => T {
  return <T>(fn: () => T): T => db.transaction(fn)();
}
