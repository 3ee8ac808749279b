import type { KeyValueRepository } from '../types.js';
import { toJson, type Sql } from './sql.js';

export class PgKeyValue implements KeyValueRepository {
  constructor(private readonly sql: Sql) {}

  async get<T = unknown>(namespace: string, key: string): Promise<T | null> {
    const { rows } = await this.sql.query<{ value: T }>(`SELECT value FROM ${this.sql.t('kv')} WHERE namespace = $1 AND key = $2`, [namespace, key]);
    return rows[0] ? rows[0].value : null;
  }

  async put(namespace: string, key: string, value: unknown, at: Date): Promise<void> {
    await this.sql.query(
      `INSERT INTO ${this.sql.t('kv')} (namespace, key, value, updated_at) VALUES ($1, $2, $3::text::jsonb, $4)
       ON CONFLICT (namespace, key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
      [namespace, key, toJson(value), at.toISOString()],
    );
  }

  async delete(namespace: string, key: string): Promise<void> {
    await this.sql.query(`DELETE FROM ${this.sql.t('kv')} WHERE namespace = $1 AND key = $2`, [namespace, key]);
  }
}
