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
import { asUnavailable } from './errors.js';

/**
 * LangGraph's PostgresSaver with finagent's error for a lost server: the saver runs on the raw
 * `pg.Pool`, so without this a turn that loses the database while writing its checkpoint would end
 * in `pg`'s bare "Connection terminated unexpectedly" instead of naming the database.
 */
export class ReportingSaver extends BaseCheckpointSaver {
  constructor(private readonly inner: BaseCheckpointSaver, private readonly location: string) {
    super();
  }

  private async mapped<T>(p: Promise<T>): Promise<T> {
    try {
      return await p;
    } catch (e) {
      throw asUnavailable(e, this.location);
    }
  }

  override getTuple(config: RunnableConfig): Promise<CheckpointTuple | undefined> {
    return this.mapped(this.inner.getTuple(config));
  }

  override async *list(config: RunnableConfig, options?: CheckpointListOptions): AsyncGenerator<CheckpointTuple> {
    try {
      yield* this.inner.list(config, options);
    } catch (e) {
      throw asUnavailable(e, this.location);
    }
  }

  override put(config: RunnableConfig, checkpoint: Checkpoint, metadata: CheckpointMetadata, newVersions: ChannelVersions): Promise<RunnableConfig> {
    return this.mapped(this.inner.put(config, checkpoint, metadata, newVersions));
  }

  override putWrites(config: RunnableConfig, writes: PendingWrite[], taskId: string, taskPath?: string): Promise<void> {
    return this.mapped(this.inner.putWrites(config, writes, taskId, taskPath));
  }

  override deleteThread(threadId: string): Promise<void> {
    return this.mapped(this.inner.deleteThread(threadId));
  }

  override getNextVersion(current: number | undefined): number {
    return this.inner.getNextVersion(current);
  }
}
