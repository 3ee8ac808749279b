import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * An async mutex that a holder may re-enter. One SQLite connection is shared by every concurrent
 * turn of a process: a unit of work (BEGIN … COMMIT with awaits inside) must not interleave with
 * another turn's statements on the same connection, or those would silently join (and roll back
 * with) the wrong transaction. Code already holding the lock (same async context) runs straight on.
 */
export class ReentrantLock {
  private tail: Promise<void> = Promise.resolve();
  private readonly holder = new AsyncLocalStorage<ReentrantLock>();

  /** True when the current async context holds this lock. */
  held(): boolean {
    return this.holder.getStore() === this;
  }

  async run<T>(fn: () => Promise<T> | T): Promise<T> {
    if (this.held()) return fn();
    let release!: () => void;
    const next = new Promise<void>((r) => (release = r));
    const prev = this.tail;
    this.tail = prev.then(() => next);
    await prev;
    try {
      return await this.holder.run(this, fn);
    } finally {
      release();
    }
  }
}
