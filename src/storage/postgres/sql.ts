/**
 * How every PostgreSQL repository reaches the database: inside a `Storage.transaction` (same async
 * context) on the transaction's connection, otherwise on the pool. Multi-statement methods run
 * `atomic`, which joins the open transaction or opens one of their own (with the retries).
 */
import { createHash } from 'node:crypto';
import type { AsyncLocalStorage } from 'node:async_hooks';
import type { Connection, Driver, Queryable, Rows } from './driver.js';

export interface TxContext {
  conn: Connection;
  /** False once the transaction ended: a callback that outlives it falls back to the pool. */
  active: boolean;
}

/** Second key of the two-key advisory locks (the first is the schema's namespace). */
export const LOCKS = { migrations: 0, audit: 1, rfqSeq: 2, ticketSeq: 3, approvalSeq: 4 } as const;
export type LockName = keyof typeof LOCKS;

const IDENT = /^[a-z_][a-z0-9_]{0,62}$/;

export function checkSchemaName(schema: string): string {
  if (!IDENT.test(schema)) throw new Error(`schema name must match ${IDENT.source} (got "${schema}")`);
  return schema;
}

/**
 * A signed 32-bit number per schema: two finagent deployments in different schemas of one database
 * do not serialise each other; the same schema always maps to the same locks.
 */
export function lockNamespace(schema: string): number {
  return createHash('sha256').update(`finagent:${schema}`).digest().readInt32BE(0);
}

export class Sql implements Queryable {
  readonly namespace: number;

  constructor(
    private readonly driver: Driver,
    private readonly context: AsyncLocalStorage<TxContext>,
    readonly schema: string,
    private readonly runAtomic: <T>(fn: () => Promise<T>) => Promise<T>,
  ) {
    this.namespace = lockNamespace(schema);
  }

  inTransaction(): boolean {
    return this.context.getStore()?.active === true;
  }

  query<R = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<Rows<R>> {
    const ctx = this.context.getStore();
    return (ctx?.active ? ctx.conn : this.driver).query<R>(text, params);
  }

  /** Runs `fn` as one unit: inside the open transaction, or as its own (retried) transaction. */
  atomic<T>(fn: () => Promise<T>): Promise<T> {
    return this.inTransaction() ? fn() : this.runAtomic(fn);
  }

  /** Schema-qualified table name (the schema is validated as a plain identifier). */
  t(name: string): string {
    return `"${this.schema}"."${name}"`;
  }

  /** Transaction-scoped advisory lock: held until COMMIT/ROLLBACK. Call inside `atomic`. */
  async lock(name: LockName): Promise<void> {
    await this.query('SELECT pg_advisory_xact_lock($1::int, $2::int)', [this.namespace, LOCKS[name]]);
  }

  /**
   * Gapless `MAX(seq) + 1` under the table's advisory lock: ids are deterministic like SQLite's, and
   * sequence numbers commit in order, so a `seq > cursor` reader never skips a late commit.
   */
  async nextSeq(table: string, lock: LockName): Promise<number> {
    await this.lock(lock);
    const { rows } = await this.query<{ n: string | number }>(`SELECT COALESCE(MAX(seq), 0) + 1 AS n FROM ${this.t(table)}`);
    return Number(rows[0]?.n ?? 1);
  }
}

/** Values as the drivers return them → the domain's representation. */
export function iso(v: unknown): string {
  if (v instanceof Date) return v.toISOString();
  return new Date(String(v)).toISOString();
}

export function isoOrNull(v: unknown): string | null {
  return v === null || v === undefined ? null : iso(v);
}

export function numOrNull(v: unknown): number | null {
  return v === null || v === undefined ? null : Number(v);
}

/** A JSON parameter: bound as text and cast in SQL (`$n::text::jsonb`), so no driver re-encodes it. */
export function toJson(v: unknown): string {
  return JSON.stringify(v ?? null);
}
