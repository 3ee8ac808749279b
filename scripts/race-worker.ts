/**
 * One finagent client process for the multi-process race test (src/storage/process-race.test.ts)
 * and the load and fault script (scripts/load-test.ts). Forked with an IPC channel; it opens the
 * runtime on the database it is told (SQLite file under a home, or a PostgreSQL URL) and runs the
 * requests its parent sends, one at a time: tool calls with a given tool-call id, chat turns, audit
 * appends. It is a real OS process with its own connection(s), so races between two of them are
 * settled by the database, not by anything in-process.
 *
 * The barrier: a request may carry `goAt`, an instant on the machine's monotonic clock
 * (`process.hrtime`, CLOCK_MONOTONIC, shared by every process of the host). The worker sleeps until
 * just before it and spins the last milliseconds, so two workers given the same `goAt` start
 * within microseconds of each other. Business time is separate and pinned (`now` at open).
 */
import { AIMessage } from '@langchain/core/messages';
import { performance } from 'node:perf_hooks';
import type { Runtime, TurnEvent } from '../src/runtime/runtime.js';
import type { Identity } from '../src/runtime/identity.js';
import type { AgentSpec } from '../src/runtime/agent-spec.js';
import { exitCodeFor } from '../cli/exit.js';
import type { ToolCallSummary, WorkerProgress, WorkerReply, WorkerRequest } from './workers.js';

let rt: Runtime | undefined;
let spec: AgentSpec | undefined;
const identities = new Map<string, Identity>();

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Waits until the monotonic instant `goAt` (ns): a timer for the bulk, a spin for the last 3 ms. */
async function waitUntil(goAt: string | undefined): Promise<void> {
  if (!goAt) return;
  const target = BigInt(goAt);
  const aheadMs = Number(target - process.hrtime.bigint()) / 1e6;
  if (aheadMs > 3) await sleep(aheadMs - 3);
  while (process.hrtime.bigint() < target) {
    // spin: a timer alone wakes up to a few ms late, differently in each process
  }
}

function runtime(): { rt: Runtime; spec: AgentSpec } {
  if (!rt || !spec) throw new Error('worker not opened');
  return { rt, spec };
}

async function identity(user: string): Promise<Identity> {
  let id = identities.get(user);
  if (!id) {
    id = await runtime().rt.identity(user);
    identities.set(user, id);
  }
  return id;
}

/** The parts of a tool result the parent checks (outcome, RFQ, ticket), whatever the tool. */
function summarize(name: string, result: unknown, error: string | undefined, check?: string | null, data?: Record<string, unknown>): ToolCallSummary {
  const out: ToolCallSummary = { name };
  if (error !== undefined) {
    out.error = error;
    if (check !== undefined) out.check = check;
    if (data !== undefined) out.data = data;
    return out;
  }
  const r = (result ?? {}) as { outcome?: string; rfq?: { id?: string; status?: string }; ticket?: { tradeId?: string; rfqId?: string } | null };
  if (typeof r.outcome === 'string') out.outcome = r.outcome;
  if (r.rfq?.id) out.rfqId = r.rfq.id;
  if (r.rfq?.status) out.status = r.rfq.status;
  if (r.ticket?.tradeId) out.tradeId = r.ticket.tradeId;
  return out;
}

async function handle(req: WorkerRequest): Promise<WorkerReply> {
  switch (req.op) {
    case 'open': {
      const [{ createRuntime }, { loadAgents }, { pinnedClock }] = await Promise.all([
        import('../src/runtime/runtime.js'),
        import('../src/agents/registry.js'),
        import('../src/runtime/clock.js'),
      ]);
      let storage;
      if (req.engine === 'postgres') {
        const { openPostgresStorage } = await import('../src/storage/postgres/storage.js');
        storage = await openPostgresStorage({ url: req.url ?? '', poolSize: req.poolSize ?? 4 });
      } else {
        const { openSqliteStorage } = await import('../src/storage/sqlite/storage.js');
        storage = await openSqliteStorage({ home: req.home });
      }
      const agents = await loadAgents(['dealing']);
      rt = await createRuntime({ home: req.home, storage, agents, now: pinnedClock(req.now), config: { provider: 'offline' } });
      spec = rt.agent('dealing');
      return { id: req.id, ok: true, pid: process.pid };
    }
    case 'tool': {
      const { rt: r, spec: s } = runtime();
      const who = await identity(req.user ?? 't.zhang');
      const tool = s.tools.find((t) => t.name === req.tool);
      if (!tool) throw new Error(`no tool ${req.tool}`);
      const { executeTool } = await import('../src/runtime/execute-tool.js');
      // The same context the agent loop builds: idempotency key = thread + tool-call id.
      const ctx = r.toolContext(s, who, req.thread, req.callId);
      await waitUntil(req.goAt);
      if (req.progress) process.send!({ id: req.id, progress: 'booking' } satisfies WorkerProgress);
      const startedNs = process.hrtime.bigint();
      const t0 = performance.now();
      const outcome = await executeTool(tool, req.input, ctx);
      const ms = performance.now() - t0;
      const audit = r.auditor(who, s.name, req.thread);
      if (outcome.ok) await audit('tool_result', { id: req.callId, tool: req.tool, content: JSON.stringify(outcome.result) });
      else await audit('tool_error', { id: req.callId, tool: req.tool, content: outcome.error });
      const call = outcome.ok ? summarize(req.tool, outcome.result, undefined) : summarize(req.tool, undefined, outcome.error, outcome.refusal?.check, outcome.refusal?.data);
      return { id: req.id, ok: true, call, startedNs: startedNs.toString(), ms };
    }
    case 'turn': {
      const { rt: r } = runtime();
      await waitUntil(req.goAt);
      const startedNs = process.hrtime.bigint();
      const t0 = performance.now();
      try {
        const turn = { agent: 'dealing', message: req.message, thread: req.thread, user: req.user ?? 't.zhang' };
        let told = false;
        // With progress: the model's accept_quote call is out (the tools node runs it next).
        const onEvent = (ev: TurnEvent) => {
          if (!told && ev.mode === 'updates' && callsAccept(ev.data)) {
            told = true;
            process.send!({ id: req.id, progress: 'booking' } satisfies WorkerProgress);
          }
        };
        const res = await r.runTurn(turn, req.progress ? { onEvent } : {});
        const calls = res.toolCalls.map((c) => summarize(c.name, c.result, c.error));
        return { id: req.id, ok: true, reply: res.reply, calls, startedNs: startedNs.toString(), ms: performance.now() - t0 };
      } catch (e) {
        // What the CLI would print (one line) and its exit status, for the fault phases.
        const message = e instanceof Error ? e.message : String(e);
        return { id: req.id, ok: false, error: message, exitCode: exitCodeFor(e), ms: performance.now() - t0, ...(errorCode(e) ? { code: errorCode(e) } : {}) };
      }
    }
    case 'audit': {
      const { rt: r, spec: s } = runtime();
      const who = await identity(req.user ?? 't.zhang');
      const audit = r.auditor(who, s.name, req.thread);
      await waitUntil(req.goAt);
      const errors: string[] = [];
      for (let n = 0; n < req.count; n++) {
        try {
          await audit('tool_call', { worker: process.pid, n });
        } catch (e) {
          errors.push(e instanceof Error ? e.message : String(e));
        }
      }
      return { id: req.id, ok: true, appended: req.count - errors.length, errors: errors.slice(0, 5), failed: errors.length };
    }
    case 'open_file': {
      const { openSqliteStorage } = await import('../src/storage/sqlite/storage.js');
      await waitUntil(req.goAt);
      const storage = await openSqliteStorage({ home: req.home });
      storage.checkpointer();
      await storage.stores.audit.head();
      await storage.close();
      return { id: req.id, ok: true, pid: process.pid };
    }
    case 'close': {
      await rt?.close();
      rt = undefined;
      return { id: req.id, ok: true };
    }
  }
}

/** True when a LangGraph `updates` chunk carries an AI message that calls accept_quote. */
function callsAccept(data: unknown): boolean {
  if (typeof data !== 'object' || data === null) return false;
  for (const update of Object.values(data as Record<string, unknown>)) {
    const messages = (update as { messages?: unknown } | null)?.messages;
    if (!Array.isArray(messages)) continue;
    for (const m of messages) {
      if (AIMessage.isInstance(m) && (m.tool_calls ?? []).some((c) => c.name === 'accept_quote')) return true;
    }
  }
  return false;
}

function errorCode(e: unknown): string | undefined {
  const code = typeof e === 'object' && e !== null && 'code' in e ? (e as { code: unknown }).code : undefined;
  return typeof code === 'string' ? code : undefined;
}

if (!process.send) {
  process.stderr.write('race-worker: run me with child_process.fork (IPC channel needed)\n');
  process.exit(2);
}

// The parent went away (test ended, script killed): nothing to finish.
process.on('disconnect', () => process.exit(0));

process.on('message', (msg: WorkerRequest) => {
  handle(msg).then(
    (reply) => process.send!(reply),
    (e: unknown) => process.send!({ id: msg.id, ok: false, error: e instanceof Error ? e.message : String(e), exitCode: exitCodeFor(e), ...(errorCode(e) ? { code: errorCode(e) } : {}) } satisfies WorkerReply),
  );
});
process.send({ id: 0, ok: true, pid: process.pid } satisfies WorkerReply);
