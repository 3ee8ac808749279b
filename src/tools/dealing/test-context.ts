/** A hand-built ToolContext for tests and benchmarks: in-memory SQLite storage, pinned clock, fixed users. */
import { harnessIdentity, localIdentity, type Identity } from '../../runtime/identity.js';
import type { ToolContext } from '../../runtime/tool.js';
import type { User } from '../../runtime/users.js';
import { openSqliteStorage } from '../../storage/sqlite/storage.js';
import type { Storage } from '../../storage/types.js';

export const TRADER: User = { id: 't.zhang', name: 'Zhang Tao', role: 'trader', desk: 'rates', attributes: { traderLimitId: 'TRD-ZHANG' } };
export const FX_TRADER: User = { id: 'm.zhou', name: 'Zhou Min', role: 'trader', desk: 'fx', attributes: { traderLimitId: 'TRD-ZHOU' } };
export const DESK_HEAD: User = { id: 'l.wang', name: 'Wang Lei', role: 'desk_head', desk: 'rates' };

export interface TestDesk {
  storage: Storage;
  clock: { now: Date };
  /** A tool context for `user` (proven by the harness unless `local` is asked for). */
  ctx(user?: User, key?: string, thread?: string, how?: Identity['method']): ToolContext;
  advance(seconds: number): void;
  close(): Promise<void>;
}

export async function testDesk(start = '2025-12-26T02:00:00Z', settings: Record<string, unknown> = {}): Promise<TestDesk> {
  const storage = await openSqliteStorage({ file: ':memory:' });
  const clock = { now: new Date(start) };
  let n = 0;
  return {
    storage,
    clock,
    ctx(user = TRADER, key, thread = 'T1', how = 'harness') {
      n++;
      const identity = how === 'local' ? localIdentity(user) : { ...harnessIdentity(user), method: how };
      return {
        user,
        identity,
        agent: 'dealing',
        thread,
        home: '/tmp',
        stores: storage.stores,
        storage,
        settings,
        now: () => clock.now,
        idempotencyKey: key ?? `${thread}:call-${n}`,
      };
    },
    advance(seconds) {
      clock.now = new Date(clock.now.getTime() + seconds * 1000);
    },
    close: () => storage.close(),
  };
}
