import type { RunnableConfig } from '@langchain/core/runnables';
import {
  copyCheckpoint,
  WRITES_IDX_MAP,
  type Checkpoint,
  type CheckpointListOptions,
  type CheckpointMetadata,
  type CheckpointTuple,
  type PendingWrite,
} from '@langchain/langgraph-checkpoint';
import { SqliteSaver } from '@langchain/langgraph-checkpoint-sqlite';
import type Database from 'better-sqlite3';
import type { AuditEntry } from '../../runtime/audit-chain.js';
import type { AuditOutbox } from '../audit-outbox.js';
import { MessageSerializer } from '../message-serde.js';
import type { ReentrantLock } from '../lock.js';

type WriteRow = [string, string, string, string, number, string, string, Uint8Array | string];
type CheckpointRow = [string, string, string, string | undefined, string, Uint8Array | string, Uint8Array | string];

/**
 * LangGraph's SqliteSaver on finagent's own connection, with every call under the connection lock:
 * a checkpoint written while another turn's unit of work is open must not land inside (and roll
 * back with) that transaction.
 *
 * Reads and deletes are SqliteSaver's. Writes (`put`, `putWrites`: most of a turn's checkpoint
 * cost) are SqliteSaver's own statements on its own tables, prepared once here instead of on every
 * call, and serialised before taking the lock so only the inserts run under it. Anything written
 * here reads back through SqliteSaver unchanged (the checkpointer test checks both ways).
 *
 * Given the storage's audit outbox, a checkpoint write first appends the thread's held audit records
 * in the same IMMEDIATE transaction: with one checkpoint per turn (durability `exit`), the turn's
 * conversation and the tail of its audit trail commit together.
 */
export class LockedSqliteSaver extends SqliteSaver {
  private readonly s;

  constructor(
    db: Database.Database,
    private readonly lock: ReentrantLock,
    private readonly audit?: { outbox: AuditOutbox; append: (entry: AuditEntry) => void },
  ) {
    super(db, new MessageSerializer());
    this.setup();
    const insertWrite = (verb: 'REPLACE' | 'IGNORE') =>
      db.prepare<WriteRow>(`INSERT OR ${verb} INTO writes (thread_id, checkpoint_ns, checkpoint_id, task_id, idx, channel, type, value) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
    const replaceWrite = insertWrite('REPLACE');
    const ignoreWrite = insertWrite('IGNORE');
    const putCheckpoint = db.prepare<CheckpointRow>(
      'INSERT OR REPLACE INTO checkpoints (thread_id, checkpoint_ns, checkpoint_id, parent_checkpoint_id, type, checkpoint, metadata) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.s = {
      putCheckpoint,
      putCheckpointWithAudit: db.transaction((row: CheckpointRow, held: AuditEntry[]) => {
        for (const e of held) this.audit?.append(e);
        putCheckpoint.run(...row);
      }),
      putWrites: db.transaction((rows: WriteRow[], allSpecial: boolean) => {
        const stmt = allSpecial ? replaceWrite : ignoreWrite;
        for (const row of rows) stmt.run(...row);
      }),
    };
  }

  override getTuple(config: RunnableConfig): Promise<CheckpointTuple | undefined> {
    return this.lock.run(() => super.getTuple(config));
  }

  override async *list(config: RunnableConfig, options?: CheckpointListOptions): AsyncGenerator<CheckpointTuple> {
    // Collected under the lock, yielded after: a consumer that awaits between items must not hold it.
    const items = await this.lock.run(async () => {
      const out: CheckpointTuple[] = [];
      for await (const t of super.list(config, options)) out.push(t);
      return out;
    });
    yield* items;
  }

  // SqliteSaver stores whole checkpoints and ignores the channel versions LangGraph passes fourth.
  override async put(config: RunnableConfig, checkpoint: Checkpoint, metadata: CheckpointMetadata): Promise<RunnableConfig> {
    const c = config.configurable;
    if (!c) throw new Error('Empty configuration supplied.');
    const threadId = c.thread_id as string | undefined;
    const ns = (c.checkpoint_ns as string | undefined) ?? '';
    const parentId = c.checkpoint_id as string | undefined;
    if (!threadId) throw new Error('Missing "thread_id" field in passed "config.configurable".');
    const [[type, serializedCheckpoint], [metaType, serializedMetadata]] = await Promise.all([this.serde.dumpsTyped(copyCheckpoint(checkpoint)), this.serde.dumpsTyped(metadata)]);
    if (type !== metaType) throw new Error('Failed to serialized checkpoint and metadata to the same type.');
    const row: CheckpointRow = [threadId, ns, checkpoint.id, parentId, type, serializedCheckpoint, serializedMetadata];
    await this.lock.runSync(() => {
      const held = this.audit?.outbox.take(threadId) ?? [];
      if (held.length === 0) return void this.s.putCheckpoint.run(...row);
      try {
        // IMMEDIATE: an append reads the chain head and must hold the write lock from that read.
        this.s.putCheckpointWithAudit.immediate(row, held);
      } catch (e) {
        this.audit?.outbox.restore(threadId, held);
        throw e;
      }
    });
    return { configurable: { thread_id: threadId, checkpoint_ns: ns, checkpoint_id: checkpoint.id } };
  }

  override async putWrites(config: RunnableConfig, writes: PendingWrite[], taskId: string): Promise<void> {
    const c = config.configurable;
    if (!c) throw new Error('Empty configuration supplied.');
    if (!c.thread_id) throw new Error('Missing thread_id field in config.configurable.');
    if (!c.checkpoint_id) throw new Error('Missing checkpoint_id field in config.configurable.');
    const allSpecial = writes.every(([channel]) => channel in WRITES_IDX_MAP);
    const rows = await Promise.all(
      writes.map(async ([channel, value], idx): Promise<WriteRow> => {
        const [type, serialized] = await this.serde.dumpsTyped(value);
        return [c.thread_id as string, (c.checkpoint_ns as string | undefined) ?? '', c.checkpoint_id as string, taskId, WRITES_IDX_MAP[channel] ?? idx, channel, type, serialized];
      }),
    );
    await this.lock.runSync(() => this.s.putWrites(rows, allSpecial));
  }

  override deleteThread(threadId: string): Promise<void> {
    return this.lock.run(() => super.deleteThread(threadId));
  }
}
