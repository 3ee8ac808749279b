/**
 * Idempotency keys for side-effecting dealing tools: a retried call with the same key gets the first
 * call's result back instead of acting twice. The key is written in the same transaction as the
 * effect, so a crash leaves neither.
 */
import type Database from 'better-sqlite3';
import { OperationError } from '../../runtime/errors.js';
import { ensureDealingSchema } from '../rfq/schema.js';

const prepared = new WeakMap<
  Database.Database,
  { get: Database.Statement<[string], { tool: string; result: string }>; put: Database.Statement<[string, string, string, string]> }
>();

function stmts(db: Database.Database) {
  let s = prepared.get(db);
  if (!s) {
    ensureDealingSchema(db);
    s = {
      get: db.prepare<[string], { tool: string; result: string }>('SELECT tool, result FROM dealing_idempotency WHERE key = ?'),
      put: db.prepare<[string, string, string, string]>(
        'INSERT INTO dealing_idempotency (key, tool, result, created_at) VALUES (?, ?, ?, ?)',
      ),
    };
    prepared.set(db, s);
  }
  return s;
}

export function recallResult(db: Database.Database, key: string, tool: string): unknown {
  if (!key) return undefined;
  const row = stmts(db).get.get(key);
  if (!row) return undefined;
  if (row.tool !== tool) {
    throw new OperationError(`idempotency key ${key} was used by ${row.tool}, not ${tool}`);
  }
  try {
    return JSON.parse(row.result) as unknown;
  } catch (e) {
    throw new OperationError(`corrupt idempotency record ${key}: ${(e as Error).message}`);
  }
}

export function rememberResult(db: Database.Database, key: string, tool: string, result: unknown, at: Date): void {
  if (!key) return;
  stmts(db).put.run(key, tool, JSON.stringify(result), at.toISOString());
}

/**
 * Runs `effect` once per key inside one SQLite transaction: a replay returns the stored result,
 * a throw rolls back the effect and the key together.
 */
export function once<T>(db: Database.Database, key: string, tool: string, at: Date, effect: () => T): T {
  // Tables and cached statements are made before the transaction: a rolled-back first call must not
  // undo the tables under statements that later calls reuse.
  stmts(db);
  return db.transaction((): T => {
    const prior = recallResult(db, key, tool);
    if (prior !== undefined) return prior as T;
    const result = effect();
    rememberResult(db, key, tool, result, at);
    return result;
  }).immediate();
}
