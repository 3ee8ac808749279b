import { OperationError } from '../../runtime/errors.js';
import type { IdempotencyRepository } from '../types.js';
import { toJson, type Sql } from './sql.js';

/**
 * Keys are the primary key and `remember` is a plain INSERT on purpose: a concurrent duplicate must
 * fail (unique violation), so `Storage.transaction` re-runs the loser, whose `recall` then returns
 * the winner's result. `ON CONFLICT DO NOTHING` would let both callers keep their own result.
 */
export class PgIdempotency implements IdempotencyRepository {
  constructor(private readonly sql: Sql) {}

  async recall(key: string, tool: string): Promise<unknown> {
    const { rows } = await this.sql.query<{ tool: string; result: unknown }>(
      `SELECT tool, result FROM ${this.sql.t('dealing_idempotency')} WHERE key = $1`,
      [key],
    );
    const row = rows[0];
    if (!row) return undefined;
    if (row.tool !== tool) throw new OperationError(`idempotency key ${key} was used by ${row.tool}, not ${tool}`);
    return row.result;
  }

  async remember(key: string, tool: string, result: unknown, at: Date): Promise<void> {
    await this.sql.query(
      `INSERT INTO ${this.sql.t('dealing_idempotency')} (key, tool, result, created_at) VALUES ($1, $2, $3::text::jsonb, $4)`,
      [key, tool, toJson(result), at.toISOString()],
    );
  }
}
