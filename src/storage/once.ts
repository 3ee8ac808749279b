import type { Storage, Stores } from './types.js';

/**
 * Runs a side-effecting tool's `effect` once per idempotency key, atomically with the key: a retried
 * call (same key) gets the first call's result back; a throw rolls back the effect and the key
 * together. A concurrent duplicate (same key, both running at once) gets the winner's result too:
 * - it loses the unique-key race on the key row (PostgreSQL), the transaction is re-run, and the
 *   replay finds the winner's result;
 * - or its effect fails first because of the winner's commit (the compare-and-set on the RFQ refuses:
 *   "it is now DONE"): that failure is the duplicate's own doing, so the key is read again after it,
 *   and when the winner has stored a result for it, that result is the answer.
 */
export async function once<T>(storage: Storage, key: string, tool: string, at: Date, effect: (tx: Stores) => Promise<T>): Promise<T> {
  try {
    return await storage.transaction(async (tx) => {
      if (key) {
        const prior = await tx.idempotency.recall(key, tool);
        if (prior !== undefined) return prior as T;
      }
      const result = await effect(tx);
      if (key) await tx.idempotency.remember(key, tool, result, at);
      return result;
    });
  } catch (e) {
    if (!key) throw e;
    // Outside the failed unit of work (read committed): a key stored meanwhile is a duplicate's win.
    // A read that fails too (inside an aborted outer transaction) changes nothing: the first error stands.
    const prior = await storage.stores.idempotency.recall(key, tool).catch(() => undefined);
    if (prior !== undefined) return prior as T;
    throw e;
  }
}
