import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * An async mutex that a holder may re-enter. One SQLite connection is shared by every concurrent
 * turn of a process: a unit of work (BEGIN … COMMIT with awaits inside) must not interleave with
 * another turn's statements on the same connection, or those would silently join (and roll back
 * with) the wrong transaction. Code already holding the lock (same async context) runs straight on.
 */
export class ReentrantLock {
  /** True from the moment a holder takes the lock until the last one releases it (handed over in arrival order). */
  private locked = false;
  private readonly waiting: Array<() => void> = [];
  private readonly holder = new AsyncLocalStorage<ReentrantLock>();

  /** True when the current async context holds this lock. */
  held(): boolean {
    return this.holder.getStore() === this;
  }

  /**
   * Runs a synchronous `fn` (better-sqlite3 statements) under the lock: at once when the lock is free
   * or held here, else after the holders before it. A synchronous call cannot interleave with
   * anything, so the free path enters no async context: no AsyncLocalStorage scope, no extra promise
   * hooks on every statement of every turn.
   */
  runSync<T>(fn: () => T): Promise<T> {
    if (this.locked && !this.held()) return this.run(fn);
    try {
      const result = fn();
      if (isThenable(result)) throw new Error('ReentrantLock.runSync: fn returned a promise; use run() for asynchronous work');
      return Promise.resolve(result);
    } catch (e) {
      return Promise.reject(e);
    }
  }

  async run<T>(fn: () => Promise<T> | T): Promise<T> {
    if (this.held()) return fn();
    // A free lock is taken at once (no promise chain per statement); otherwise wait in line.
    if (this.locked) await new Promise<void>((r) => this.waiting.push(r));
    else this.locked = true;
    try {
      return await this.holder.run(this, fn);
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.locked = false;
    }
  }
}

function isThenable(value: unknown): boolean {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}
