import type { RunnableConfig } from '@langchain/core/runnables';
import {
  BaseCheckpointSaver,
  type ChannelVersions,
  type Checkpoint,
  type CheckpointListOptions,
  type CheckpointMetadata,
  type CheckpointTuple,
  type PendingWrite,
} from '@langchain/langgraph-checkpoint';
import { SqliteSaver } from '@langchain/langgraph-checkpoint-sqlite';
import type Database from 'better-sqlite3';
import type { ReentrantLock } from '../lock.js';

/**
 * LangGraph's SqliteSaver on finagent's own connection, with every call under the connection lock:
 * a checkpoint written while another turn's unit of work is open must not land inside (and roll
 * back with) that transaction.
 */
export class LockedSqliteSaver extends BaseCheckpointSaver {
  private readonly inner: SqliteSaver;

  constructor(db: Database.Database, private readonly lock: ReentrantLock) {
    super();
    this.inner = new SqliteSaver(db);
  }

  override getTuple(config: RunnableConfig): Promise<CheckpointTuple | undefined> {
    return this.lock.run(() => this.inner.getTuple(config));
  }

  override async *list(config: RunnableConfig, options?: CheckpointListOptions): AsyncGenerator<CheckpointTuple> {
    // Collected under the lock, yielded after: a consumer that awaits between items must not hold it.
    const items = await this.lock.run(async () => {
      const out: CheckpointTuple[] = [];
      for await (const t of this.inner.list(config, options)) out.push(t);
      return out;
    });
    yield* items;
  }

  override put(config: RunnableConfig, checkpoint: Checkpoint, metadata: CheckpointMetadata, newVersions: ChannelVersions): Promise<RunnableConfig> {
    void newVersions; // SqliteSaver stores whole checkpoints and ignores channel versions
    return this.lock.run(() => this.inner.put(config, checkpoint, metadata));
  }

  override putWrites(config: RunnableConfig, writes: PendingWrite[], taskId: string): Promise<void> {
    return this.lock.run(() => this.inner.putWrites(config, writes, taskId));
  }

  override deleteThread(threadId: string): Promise<void> {
    return this.lock.run(() => this.inner.deleteThread(threadId));
  }
}
