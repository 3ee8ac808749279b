/**
 * The small SQL surface the PostgreSQL repositories run on: a `pg.Pool` in production, PGlite
 * (PostgreSQL in WASM, one in-process connection) in tests. Both speak the same SQL; only how a
 * connection is obtained differs.
 */
import type pg from 'pg';
import { asUnavailable } from './errors.js';

export interface Rows<R> {
  rows: R[];
  /** Rows inserted/updated/deleted (or returned, for a SELECT). */
  rowCount: number;
}

export interface Queryable {
  query<R = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<Rows<R>>;
}

/** One session, held for a transaction or the migration lock. */
export interface Connection extends Queryable {
  /** Several statements in one string (migration DDL). */
  exec(text: string): Promise<void>;
  /** Gives the session back; `destroy` drops it instead (its state is unknown after a failed ROLLBACK). */
  release(destroy?: boolean): void;
}

export interface Driver extends Queryable {
  connect(): Promise<Connection>;
  end(): Promise<void>;
  /** The pool LangGraph's PostgresSaver runs on (it takes a `pg.Pool`). */
  saverPool(): pg.Pool;
}

/**
 * A `pg.Pool`: each autocommit query takes any free connection; a transaction holds one. With a
 * `location`, a lost or refused connection is reported as `DatabaseUnavailable` naming it.
 */
export function pgDriver(pool: pg.Pool, location?: string): Driver {
  const mapped = async <T>(p: Promise<T>): Promise<T> => {
    try {
      return await p;
    } catch (e) {
      throw location === undefined ? e : asUnavailable(e, location);
    }
  };
  return {
    async query<R>(text: string, params?: readonly unknown[]): Promise<Rows<R>> {
      const res = await mapped(pool.query(text, params ? [...params] : undefined));
      return { rows: res.rows as R[], rowCount: res.rowCount ?? res.rows.length };
    },
    async connect(): Promise<Connection> {
      const client = await mapped(pool.connect());
      return {
        async query<R>(text: string, params?: readonly unknown[]): Promise<Rows<R>> {
          const res = await mapped(client.query(text, params ? [...params] : undefined));
          return { rows: res.rows as R[], rowCount: res.rowCount ?? res.rows.length };
        },
        async exec(text: string): Promise<void> {
          // Without parameters pg uses the simple protocol, which accepts several statements.
          await mapped(client.query(text));
        },
        release(destroy?: boolean): void {
          client.release(destroy === true);
        },
      };
    },
    end: () => pool.end(),
    saverPool: () => pool,
  };
}

/** What the PGlite driver uses of `@electric-sql/pglite`'s `PGlite` (kept structural: PGlite is a dev dependency). */
export interface PGliteLike {
  query<T>(query: string, params?: unknown[]): Promise<{ rows: T[]; affectedRows?: number }>;
  exec(query: string): Promise<unknown>;
  close(): Promise<void>;
}

/** FIFO mutex: PGlite has one session, so a transaction must own it until COMMIT. */
class Mutex {
  private tail: Promise<void> = Promise.resolve();

  async acquire(): Promise<() => void> {
    let release!: () => void;
    const next = new Promise<void>((r) => (release = r));
    const prev = this.tail;
    this.tail = prev.then(() => next);
    await prev;
    return release;
  }
}

/**
 * PGlite behind the driver surface, for tests: autocommit queries and transactions take turns on
 * its single session. Concurrency claims need the real server (one PGlite session cannot race).
 */
export function pgliteDriver(db: PGliteLike): Driver {
  const mutex = new Mutex();
  const run = async <R>(text: string, params?: readonly unknown[]): Promise<Rows<R>> => {
    const res = await db.query<R>(text, params ? [...params] : []);
    // PGlite counts affected rows for writes only (0 for a SELECT): take whichever tells more.
    return { rows: res.rows, rowCount: Math.max(res.affectedRows ?? 0, res.rows.length) };
  };
  const driver: Driver = {
    async query<R>(text: string, params?: readonly unknown[]): Promise<Rows<R>> {
      const release = await mutex.acquire();
      try {
        return await run<R>(text, params);
      } finally {
        release();
      }
    },
    async connect(): Promise<Connection> {
      const release = await mutex.acquire();
      let released = false;
      return {
        query: run,
        async exec(text: string): Promise<void> {
          await db.exec(text);
        },
        release(): void {
          if (released) return;
          released = true;
          release();
        },
      };
    },
    end: () => db.close(),
    // PostgresSaver only calls `query`, `connect` (→ query/release) and `end` on its pool: this
    // driver has exactly that shape, so it stands in for a `pg.Pool` (structural, not a real Pool).
    saverPool: () => driver as unknown as pg.Pool,
  };
  return driver;
}
