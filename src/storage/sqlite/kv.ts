import type Database from 'better-sqlite3';
import type { KeyValueRepository } from '../types.js';
import type { Guard } from './guard.js';
import { parseStoredJson } from './rfqs.js';

export class SqliteKeyValue implements KeyValueRepository {
  private readonly s;

  constructor(db: Database.Database, private readonly guard: Guard) {
    this.s = {
      get: db.prepare<[string, string], { value: string }>('SELECT value FROM kv WHERE namespace = ? AND key = ?'),
      put: db.prepare(
        'INSERT INTO kv (namespace, key, value, updated_at) VALUES (?,?,?,?) ON CONFLICT(namespace, key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
      ),
      del: db.prepare('DELETE FROM kv WHERE namespace = ? AND key = ?'),
    };
  }

  get<T = unknown>(namespace: string, key: string): Promise<T | null> {
    return this.guard(() => {
      const row = this.s.get.get(namespace, key);
      return row ? (parseStoredJson(row.value, `${namespace}/${key}`) as T) : null;
    });
  }

  put(namespace: string, key: string, value: unknown, at: Date): Promise<void> {
    return this.guard(() => {
      this.s.put.run(namespace, key, JSON.stringify(value), at.toISOString());
    });
  }

  delete(namespace: string, key: string): Promise<void> {
    return this.guard(() => {
      this.s.del.run(namespace, key);
    });
  }
}
