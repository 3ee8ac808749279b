import type Database from 'better-sqlite3';
import { OperationError } from '../../runtime/errors.js';
import type { IdempotencyRepository } from '../types.js';
import type { Guard } from './guard.js';

export function wrongTool(key: string, used: string, tool: string): OperationError {
  return new OperationError(`idempotency key ${key} was used by ${used}, not ${tool}`);
}

export class SqliteIdempotency implements IdempotencyRepository {
  private readonly s;

  constructor(db: Database.Database, private readonly guard: Guard) {
    this.s = {
      get: db.prepare<[string], { tool: string; result: string }>('SELECT tool, result FROM dealing_idempotency WHERE key = ?'),
      put: db.prepare<[string, string, string, string]>('INSERT INTO dealing_idempotency (key, tool, result, created_at) VALUES (?, ?, ?, ?)'),
    };
  }

  recall(key: string, tool: string): Promise<unknown> {
    return this.guard(() => {
      const row = this.s.get.get(key);
      if (!row) return undefined;
      if (row.tool !== tool) throw wrongTool(key, row.tool, tool);
      try {
        return JSON.parse(row.result) as unknown;
      } catch (e) {
        throw new OperationError(`corrupt idempotency record ${key}: ${(e as Error).message}`);
      }
    });
  }

  remember(key: string, tool: string, result: unknown, at: Date): Promise<void> {
    return this.guard(() => {
      this.s.put.run(key, tool, JSON.stringify(result), at.toISOString());
    });
  }
}
