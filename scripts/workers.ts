/**
 * The parent's side of scripts/race-worker.ts: forks a worker process (the compiled
 * dist/scripts/race-worker.js), sends it requests over IPC and awaits the replies, and can kill it
 * with SIGKILL. Used by the multi-process race test and by the load and fault script.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../src/runtime/paths.js';

export type Engine = 'sqlite' | 'postgres';

/** What the parent checks of one tool call: its outcome, RFQ and ticket, or its error and refusal check. */
export interface ToolCallSummary {
  name: string;
  outcome?: string;
  rfqId?: string;
  status?: string;
  tradeId?: string;
  error?: string;
  check?: string | null;
  data?: Record<string, unknown>;
}

export type WorkerRequest =
  | { id: number; op: 'open'; engine: Engine; home: string; url?: string; now: string; poolSize?: number }
  /** One tool call with a given tool-call id (idempotency key = thread + id), as the agent loop runs it. */
  | { id: number; op: 'tool'; tool: string; input: Record<string, unknown>; thread: string; callId: string; user?: string; goAt?: string; progress?: boolean }
  /** One chat turn through the runtime (offline model, checkpointer, audit). */
  | { id: number; op: 'turn'; message: string; thread: string; user?: string; goAt?: string; progress?: boolean }
  | { id: number; op: 'audit'; count: number; thread: string; user?: string; goAt?: string }
  /** Opens (creating and migrating) a SQLite home at the instant `goAt`, sets up the checkpointer, closes it. */
  | { id: number; op: 'open_file'; home: string; goAt: string }
  | { id: number; op: 'close' };

export type WorkerReply =
  | { id: number; ok: true; pid?: number }
  | { id: number; ok: true; call: ToolCallSummary; startedNs: string; ms: number }
  | { id: number; ok: true; reply: string; calls: ToolCallSummary[]; startedNs: string; ms: number }
  | { id: number; ok: true; appended: number; failed: number; errors: string[] }
  /** A failed request: the message the CLI would print and the exit status it would use. */
  | { id: number; ok: false; error: string; exitCode: number; code?: string; ms?: number };

/**
 * Sent before the reply when the request asked for progress: `booking` right before accept_quote
 * runs (a direct call: before the tool; a turn: when the model's accept_quote call is out).
 */
export interface WorkerProgress {
  id: number;
  progress: 'booking';
}

type Body<R> = R extends { id: number } ? Omit<R, 'id'> : never;
export type RequestBody = Body<WorkerRequest>;

export type ToolReply = Extract<WorkerReply, { call: ToolCallSummary }>;
export type TurnReply = Extract<WorkerReply, { reply: string }>;
export type AuditReply = Extract<WorkerReply, { appended: number }>;
export type FailedReply = Extract<WorkerReply, { ok: false }>;

export const WORKER_SCRIPT = join(packageRoot, 'dist', 'scripts', 'race-worker.js');

/** An instant `leadMs` ahead on the host's monotonic clock, for the workers' start barrier. */
export function goAtIn(leadMs: number): string {
  return (process.hrtime.bigint() + BigInt(Math.round(leadMs * 1e6))).toString();
}

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export class ProcessWorker {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (r: WorkerReply) => void; reject: (e: Error) => void; progress?: (p: WorkerProgress) => void }>();
  readonly exited: Promise<ExitInfo>;
  private exit: ExitInfo | undefined;
  private stderr = '';

  private constructor(readonly child: ChildProcess, readonly name: string) {
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        this.exit = { code, signal };
        const why = new Error(`worker ${name} (pid ${child.pid}) exited (${signal ?? `code ${code}`})${this.stderr ? `: ${this.stderr.trim().split("\n").filter((l) => l.trim()).slice(0, 8).join(" | ")}` : ''}`);
        for (const p of this.pending.values()) p.reject(why);
        this.pending.clear();
        resolve(this.exit);
      });
    });
    child.on('message', (msg: WorkerReply | WorkerProgress) => {
      const p = this.pending.get(msg.id);
      if (!p) return;
      if ('progress' in msg) {
        p.progress?.(msg);
        return;
      }
      this.pending.delete(msg.id);
      p.resolve(msg);
    });
    child.stderr?.on('data', (d: Buffer) => {
      this.stderr = (this.stderr + d.toString()).slice(-4000);
    });
  }

  /** Forks a worker and waits for it to be ready (but not yet opened on a database). */
  static async fork(name: string, env: NodeJS.ProcessEnv = process.env): Promise<ProcessWorker> {
    if (!existsSync(WORKER_SCRIPT)) throw new Error(`${WORKER_SCRIPT} is missing: run \`npm run build\` first`);
    const child = fork(WORKER_SCRIPT, [], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'], env, serialization: 'json' });
    const w = new ProcessWorker(child, name);
    await new Promise<void>((resolve, reject) => {
      const onMsg = (m: WorkerReply | WorkerProgress) => {
        if (m.id === 0) {
          child.off('message', onMsg);
          resolve();
        }
      };
      child.on('message', onMsg);
      void w.exited.then((x) => reject(new Error(`worker ${name} exited before it was ready (${x.signal ?? `code ${x.code}`}): ${w.stderr.trim()}`)));
    });
    return w;
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  get alive(): boolean {
    return this.exit === undefined;
  }

  /** Sends one request and resolves with the reply (rejects if the process dies first). */
  request(body: RequestBody, progress?: (p: WorkerProgress) => void): Promise<WorkerReply> {
    if (!this.alive) return Promise.reject(new Error(`worker ${this.name} is not running`));
    const id = this.nextId++;
    return new Promise<WorkerReply>((resolve, reject) => {
      this.pending.set(id, { resolve, reject, ...(progress ? { progress } : {}) });
      this.child.send({ ...body, id } as WorkerRequest, (err) => {
        if (err) {
          this.pending.delete(id);
          reject(err);
        }
      });
    });
  }

  /** A request whose failure is an exception (setup steps). */
  async must(body: RequestBody): Promise<WorkerReply> {
    const r = await this.request(body);
    if (!r.ok) throw new Error(`worker ${this.name}: ${body.op} failed: ${r.error}`);
    return r;
  }

  async tool(body: Omit<Extract<RequestBody, { op: 'tool' }>, 'op'>): Promise<ToolReply> {
    return (await this.must({ op: 'tool', ...body })) as ToolReply;
  }

  /** A chat turn: the reply, or the failure the CLI would report. */
  async turn(body: Omit<Extract<RequestBody, { op: 'turn' }>, 'op'>): Promise<TurnReply | FailedReply> {
    return (await this.request({ op: 'turn', ...body })) as TurnReply | FailedReply;
  }

  /** kill -9: no chance to roll back, flush or say goodbye. */
  kill(): void {
    if (this.alive) this.child.kill('SIGKILL');
  }

  async close(): Promise<void> {
    if (!this.alive) return;
    await this.request({ op: 'close' }).catch(() => undefined);
    this.child.disconnect();
    const timer = setTimeout(() => this.kill(), 5000);
    await this.exited;
    clearTimeout(timer);
  }
}
