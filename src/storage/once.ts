import type { Storage, Stores } from './types.js';

/**
 * Runs a side-effecting tool's `effect` once per idempotency key, atomically with the key: a retried
 * call (same key) gets the first call's result back; a throw rolls back the effect and the key
 * together. On PostgreSQL a concurrent duplicate loses the unique-key race, the transaction is
 * re-run, and the replay finds the winner's result.
 */
export function once<T>(storage: Storage, key: string, tool: string, at: Date, effect: (tx: Stores) => Promise<T>): Promise<T> {
  return storage.transaction(async (tx) => {
    if (key) {
      const prior = await tx.idempotency.recall(key, tool);
      if (prior !== undefined) return prior as T;
    }
    const result = await effect(tx);
    if (key) await tx.idempotency.remember(key, tool, result, at);
    return result;
  });
}
