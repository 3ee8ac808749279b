/** A hand-built ToolContext for tests and benchmarks: in-memory SQLite, pinned clock, fixed users. */
import Database from 'better-sqlite3';
import type { ToolContext } from '../../runtime/tool.js';
import type { User } from '../../runtime/users.js';

export const TRADER: User = { id: 't.zhang', name: 'Zhang Tao', role: 'trader', desk: 'rates', attributes: { traderLimitId: 'TRD-ZHANG' } };
export const FX_TRADER: User = { id: 'm.zhou', name: 'Zhou Min', role: 'trader', desk: 'fx', attributes: { traderLimitId: 'TRD-ZHOU' } };
export const DESK_HEAD: User = { id: 'l.wang', name: 'Wang Lei', role: 'desk_head', desk: 'rates' };

export interface TestDesk {
  db: Database.Database;
  clock: { now: Date };
  ctx(user?: User, key?: string, thread?: string): ToolContext;
  advance(seconds: number): void;
}

export function testDesk(start = '2025-12-26T02:00:00Z', settings: Record<string, unknown> = {}): TestDesk {
  const db = new Database(':memory:');
  const clock = { now: new Date(start) };
  let n = 0;
  return {
    db,
    clock,
    ctx(user = TRADER, key, thread = 'T1') {
      n++;
      return { user, agent: 'dealing', thread, home: '/tmp', db, settings, now: () => clock.now, idempotencyKey: key ?? `${thread}:call-${n}` };
    },
    advance(seconds) {
      clock.now = new Date(clock.now.getTime() + seconds * 1000);
    },
  };
}
