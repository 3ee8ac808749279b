/**
 * Runs in flight and recently ended, with their stream events, so that a client can rejoin a run's
 * stream after a dropped connection and receive what it missed (`Last-Event-ID`). A run belongs to
 * the process that runs it: the registry is memory, bounded in events per run, in ended runs kept,
 * and in how long they are kept — a rejoin is for a hiccup, not an archive (the thread's state and
 * the audit trail are the durable record).
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Conflict } from './errors.js';
import { toJsonText } from './serialize.js';

export type RunStatus = 'pending' | 'running' | 'success' | 'error' | 'interrupted';

/** One SSE event of a run. `id` is monotonic per run, starting at 1. */
export interface RunEvent {
  id: number;
  event: string;
  /** The JSON text of the event's data (serialised once, on first delivery). */
  text(): string;
}

class StoredEvent implements RunEvent {
  private cached: string | undefined;
  constructor(
    readonly id: number,
    readonly event: string,
    private data: unknown,
  ) {}
  text(): string {
    if (this.cached === undefined) {
      this.cached = toJsonText(this.data);
      // Keep the text only: the message objects behind it can be collected.
      this.data = undefined;
    }
    return this.cached;
  }
}

export interface RunInit {
  threadId: string;
  assistantId: string;
  /** The user who started the run (from the credential). */
  owner: string;
  metadata: Record<string, unknown>;
  /** ISO instant from the runtime's clock. */
  createdAt: string;
}

/** The SDK's `Run` shape. */
export interface RunJson {
  run_id: string;
  thread_id: string;
  assistant_id: string;
  created_at: string;
  updated_at: string;
  status: RunStatus;
  metadata: Record<string, unknown>;
  multitask_strategy: 'reject';
}

export class Run {
  readonly id = randomUUID();
  status: RunStatus = 'pending';
  updatedAt: string;
  /** The final `values` (wait, join) once the run succeeded. */
  result: unknown = undefined;
  /** The error that ended the run, if it failed. */
  error: unknown = undefined;
  /** Monotonic milliseconds when the run ended (for the registry's retention). */
  endedAtMs: number | undefined;
  private events: StoredEvent[] = [];
  private nextId = 1;
  private wakers = new Set<() => void>();
  private settle!: () => void;
  /** Resolves when the run has ended (any status). */
  readonly ended: Promise<void> = new Promise((resolve) => (this.settle = resolve));

  constructor(
    readonly init: RunInit,
    private readonly maxEvents: number,
  ) {
    this.updatedAt = init.createdAt;
  }

  get done(): boolean {
    return this.endedAtMs !== undefined;
  }

  /** Id of the oldest event still kept (events before it were dropped by the bound). */
  get firstKeptId(): number {
    return this.events[0]?.id ?? this.nextId;
  }

  get lastId(): number {
    return this.nextId - 1;
  }

  push(event: string, data: unknown): void {
    if (this.done) return;
    this.events.push(new StoredEvent(this.nextId++, event, data));
    // Bounded memory: a long run keeps its latest events; a rejoin after the gap gets what is kept.
    if (this.events.length > this.maxEvents) this.events.splice(0, this.events.length - this.maxEvents);
    this.wake();
  }

  finish(status: Exclude<RunStatus, 'pending' | 'running'>, at: string, monotonicMs: number): void {
    if (this.done) return;
    this.status = status;
    this.updatedAt = at;
    this.endedAtMs = monotonicMs;
    this.wake();
    this.settle();
  }

  private wake(): void {
    const wakers = [...this.wakers];
    this.wakers.clear();
    for (const w of wakers) w();
  }

  /**
   * The run's events after `afterId` (0 = from the start), then live ones as they come, until the run
   * ends or `signal` aborts. A reader that stops does not affect the run.
   */
  async *follow(afterId: number, signal?: AbortSignal): AsyncGenerator<RunEvent> {
    let cursor = afterId;
    while (!signal?.aborted) {
      // Ids are contiguous, so the first unseen event is found by arithmetic, not by a scan.
      const pending = this.events.slice(Math.max(0, cursor + 1 - this.firstKeptId));
      for (const e of pending) {
        if (signal?.aborted) return;
        cursor = e.id;
        yield e;
      }
      if (pending.length) continue;
      if (this.done) return;
      await new Promise<void>((resolve) => {
        const onAbort = () => resolve();
        const waker = () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        };
        this.wakers.add(waker);
        signal?.addEventListener('abort', onAbort, { once: true });
      });
    }
  }

  toJSON(): RunJson {
    return {
      run_id: this.id,
      thread_id: this.init.threadId,
      assistant_id: this.init.assistantId,
      created_at: this.init.createdAt,
      updated_at: this.updatedAt,
      status: this.status,
      metadata: this.init.metadata,
      multitask_strategy: 'reject',
    };
  }
}

export interface RunRegistryOptions {
  /** Events kept per run (the latest ones). Default 1,000. */
  maxEventsPerRun?: number;
  /** How long an ended run stays joinable. Default 5 minutes. */
  keepEndedMs?: number;
  /** Ended runs kept at most (oldest dropped first), whatever their age. Default 1,000. */
  maxEndedRuns?: number;
  /** Monotonic milliseconds (retention only; never the business clock). */
  monotonicMs?: () => number;
}

export class RunRegistry {
  private readonly byId = new Map<string, Run>();
  private readonly activeByThread = new Map<string, Run>();
  /** Ended runs in the order they ended: the sweep drops from the front. */
  private readonly endedOrder: Run[] = [];
  private readonly maxEventsPerRun: number;
  private readonly keepEndedMs: number;
  private readonly maxEndedRuns: number;
  private readonly monotonicMs: () => number;

  constructor(opts: RunRegistryOptions = {}) {
    this.maxEventsPerRun = opts.maxEventsPerRun ?? 1000;
    this.keepEndedMs = opts.keepEndedMs ?? 5 * 60_000;
    this.maxEndedRuns = opts.maxEndedRuns ?? 1000;
    this.monotonicMs = opts.monotonicMs ?? (() => performance.now());
  }

  /** Registers a new run on a thread; a thread runs one turn at a time (multitask strategy *reject*). */
  begin(init: RunInit): Run {
    this.sweep();
    const busy = this.activeByThread.get(init.threadId);
    if (busy) throw new Conflict(`thread "${init.threadId}" is already running ${busy.id}: wait for it to finish (multitask strategy: reject)`, 'thread_busy');
    const run = new Run(init, this.maxEventsPerRun);
    this.byId.set(run.id, run);
    this.activeByThread.set(init.threadId, run);
    return run;
  }

  /** Ends a run: it leaves its thread free and stays joinable for the retention period. */
  finish(run: Run, status: Exclude<RunStatus, 'pending' | 'running'>, at: string): void {
    run.finish(status, at, this.monotonicMs());
    if (this.activeByThread.get(run.init.threadId) === run) this.activeByThread.delete(run.init.threadId);
    this.endedOrder.push(run);
    this.sweep();
  }

  /** Forgets a run that never started (refused before its first event): nothing to rejoin. */
  discard(run: Run): void {
    if (this.activeByThread.get(run.init.threadId) === run) this.activeByThread.delete(run.init.threadId);
    this.byId.delete(run.id);
  }

  get(threadId: string, runId: string): Run | undefined {
    this.sweep();
    const run = this.byId.get(runId);
    return run && run.init.threadId === threadId ? run : undefined;
  }

  /** The run in flight on a thread, if any. */
  active(threadId: string): Run | undefined {
    return this.activeByThread.get(threadId);
  }

  /** Runs in flight. */
  get activeCount(): number {
    return this.activeByThread.size;
  }

  private sweep(): void {
    const cutoff = this.monotonicMs() - this.keepEndedMs;
    while (this.endedOrder.length) {
      const oldest = this.endedOrder[0]!;
      const tooMany = this.endedOrder.length > this.maxEndedRuns;
      if (!tooMany && (oldest.endedAtMs ?? 0) > cutoff) break;
      this.endedOrder.shift();
      this.byId.delete(oldest.id);
    }
  }
}
