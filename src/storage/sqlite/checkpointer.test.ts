import { emptyCheckpoint, type Checkpoint, type CheckpointTuple } from '@langchain/langgraph-checkpoint';
import { SqliteSaver } from '@langchain/langgraph-checkpoint-sqlite';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ReentrantLock } from '../lock.js';
import { LockedSqliteSaver } from './checkpointer.js';
import { openSqliteStorage } from './storage.js';

function checkpoint(id: string, messages: string[]): Checkpoint {
  return { ...emptyCheckpoint(), id, ts: '2025-12-26T02:00:00.000Z', channel_values: { messages }, channel_versions: { messages: 1 } };
}

/** What a reader sees of a thread: the latest checkpoint, its parent and its pending writes. */
function view(t: CheckpointTuple | undefined) {
  return t && { id: t.checkpoint.id, values: t.checkpoint.channel_values, parent: t.parentConfig?.configurable?.checkpoint_id, metadata: t.metadata, writes: t.pendingWrites };
}

async function writeThread(saver: SqliteSaver, thread: string) {
  const first = await saver.put({ configurable: { thread_id: thread, checkpoint_ns: '' } }, checkpoint('1f0-a', ['hi']), { source: 'input', step: -1, parents: {} });
  const second = await saver.put(first, checkpoint('1f0-b', ['hi', 'hello']), { source: 'loop', step: 0, parents: {} });
  await saver.putWrites(second, [['messages', ['tool result']], ['__error__', 'boom']], 'task-1');
  return second;
}

describe('LockedSqliteSaver', () => {
  it('writes what the stock SqliteSaver reads, and reads what it writes (same tables, same rows)', async () => {
    const db = new Database(':memory:');
    const ours = new LockedSqliteSaver(db, new ReentrantLock());
    const stock = new SqliteSaver(db);
    await writeThread(ours, 'ours');
    await writeThread(stock, 'stock');
    for (const reader of [ours, stock]) {
      const a = view(await reader.getTuple({ configurable: { thread_id: 'ours', checkpoint_ns: '' } }));
      const b = view(await reader.getTuple({ configurable: { thread_id: 'stock', checkpoint_ns: '' } }));
      expect(a).toEqual(b);
      expect(a?.id).toBe('1f0-b');
      expect(a?.parent).toBe('1f0-a');
      // A special channel (__error__) has a fixed negative index, so it sorts first.
      expect(a?.writes).toEqual([
        ['task-1', '__error__', 'boom'],
        ['task-1', 'messages', ['tool result']],
      ]);
    }
    const rows = (thread: string) => db.prepare('SELECT w.checkpoint_id, c.parent_checkpoint_id, c.type AS checkpoint_type, w.type, w.task_id, w.idx, w.channel, w.value FROM writes w JOIN checkpoints c USING (thread_id, checkpoint_ns, checkpoint_id) WHERE w.thread_id = ? ORDER BY w.idx').all(thread);
    expect(rows('ours')).toEqual(rows('stock'));
  });

  it('waits for a unit of work open in another async context before writing', async () => {
    const db = new Database(':memory:');
    const lock = new ReentrantLock();
    const saver = new LockedSqliteSaver(db, lock);
    let release!: () => void;
    const open = lock.run(async () => {
      db.exec('BEGIN');
      await new Promise<void>((r) => (release = r));
      db.exec('ROLLBACK');
    });
    const put = saver.put({ configurable: { thread_id: 't', checkpoint_ns: '' } }, checkpoint('1f0-a', ['x']), { source: 'input', step: -1, parents: {} });
    await new Promise((r) => setImmediate(r));
    release();
    await Promise.all([open, put]);
    // Written after the rollback, so it survived it.
    expect(view(await saver.getTuple({ configurable: { thread_id: 't', checkpoint_ns: '' } }))?.id).toBe('1f0-a');
  });
});

describe('LockedSqliteSaver with the storage audit outbox', () => {
  const entry = (kind: 'model_output' | 'tool_result', text: string) => ({ ts: '2025-12-26T02:00:00.000Z', user: 't.zhang', role: 'trader', agent: 'dealing', thread: 'T', kind, payload: { text } });

  it("commits the thread's held audit records with its checkpoint, and only that thread's", async () => {
    const storage = await openSqliteStorage({ file: ':memory:' });
    storage.auditOutbox.hold('T', entry('model_output', 'quote 1.8550'));
    storage.auditOutbox.hold('T', entry('tool_result', '{"ok":true}'));
    storage.auditOutbox.hold('other', entry('model_output', 'not this one'));
    await storage.checkpointer().put({ configurable: { thread_id: 'T', checkpoint_ns: '' } }, checkpoint('1f0-a', ['x']), { source: 'loop', step: 0, parents: {} }, {});
    const records = await storage.stores.audit.byThread('T');
    expect(records.map((r) => [r.kind, (r.payload as { text: string }).text])).toEqual([
      ['model_output', 'quote 1.8550'],
      ['tool_result', '{"ok":true}'],
    ]);
    expect(storage.auditOutbox.take('T')).toEqual([]);
    expect(storage.auditOutbox.take('other')).toHaveLength(1);
    await storage.close();
  });

  it('keeps the records held when the checkpoint write fails (nothing of either is stored)', async () => {
    const storage = await openSqliteStorage({ file: ':memory:' });
    storage.auditOutbox.hold('T', entry('model_output', 'held'));
    const saver = storage.checkpointer();
    storage.db.exec('DROP TABLE checkpoints');
    await expect(saver.put({ configurable: { thread_id: 'T', checkpoint_ns: '' } }, checkpoint('1f0-a', ['x']), { source: 'loop', step: 0, parents: {} }, {})).rejects.toThrow(/checkpoints/);
    expect(await storage.stores.audit.count()).toBe(0);
    expect(storage.auditOutbox.take('T').map((e) => e.payload)).toEqual([{ text: 'held' }]);
    await storage.close();
  });
});
