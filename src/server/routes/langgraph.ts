/**
 * The subset of the LangGraph server API that `@langchain/langgraph-sdk`'s `Client` (and UIs built on
 * it) needs to talk to finagent's assistants: assistants (read-only), threads (owned by the caller),
 * runs (wait, stream, join with `Last-Event-ID`). Shapes follow the SDK's types and the open LangGraph
 * dev server. Identity comes only from the credential: a `user`/`user_id` in the body, a header or
 * the query is never read; metadata keys that look like identity are dropped before storage.
 */
import type { BaseMessage } from '@langchain/core/messages';
import type { Context, Hono } from 'hono';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { AccessDenied, canReadThread, readableOwners } from '../../runtime/access.js';
import { admits, type AgentSpec } from '../../runtime/agent-spec.js';
import { UserInputError } from '../../runtime/errors.js';
import type { Identity } from '../../runtime/identity.js';
import type { ThreadInfo } from '../../storage/types.js';
import type { AppEnv, ServerDeps } from '../env.js';
import { Conflict, NotFound, readJson } from '../errors.js';
import type { Run, RunEvent } from '../run-registry.js';
import { toJsonText } from '../serialize.js';
import { sseResponse } from '../sse.js';
import { KNOWN_STREAM_MODES, runOutcome, startTurnRun, SUPPORTED_STREAM_MODES } from '../turn-run.js';

/** Thread ids travel in URLs, logs and audit records: a conservative alphabet. */
const THREAD_ID = /^[A-Za-z0-9][A-Za-z0-9._:@-]{0,127}$/;

/** Metadata keys that would read as identity or binding: the server sets these, a client cannot. */
const RESERVED_METADATA = ['user', 'user_id', 'userId', 'owner', 'assistant_id', 'graph_id'];

/** Threads created by `POST /threads` without an assistant: bound to one by their first run. */
const PENDING_NAMESPACE = 'server.pending-thread';

interface PendingThread {
  owner: string;
  metadata: Record<string, unknown>;
  createdAt: string;
}

const Metadata = z.record(z.string(), z.unknown());

const AssistantSearchBody = z.object({
  graph_id: z.string().nullish(),
  name: z.string().nullish(),
  metadata: Metadata.nullish(),
  limit: z.number().int().min(1).max(1000).nullish(),
  offset: z.number().int().min(0).nullish(),
});

const ThreadCreateBody = z.object({
  thread_id: z.string().nullish(),
  metadata: Metadata.nullish(),
  if_exists: z.enum(['raise', 'do_nothing']).nullish(),
});

const ThreadSearchBody = z.object({
  metadata: Metadata.nullish(),
  ids: z.array(z.string()).nullish(),
  status: z.string().nullish(),
  limit: z.number().int().min(1).max(1000).nullish(),
  offset: z.number().int().min(0).nullish(),
});

const InputMessage = z.object({
  role: z.string().optional(),
  type: z.string().optional(),
  content: z.union([z.string(), z.array(z.unknown())]),
});

const RunCreateBody = z.object({
  assistant_id: z.string().min(1),
  input: z.object({ messages: z.array(InputMessage) }).nullish(),
  command: z.unknown().optional(),
  stream_mode: z.union([z.string(), z.array(z.string())]).nullish(),
  metadata: Metadata.nullish(),
  multitask_strategy: z.string().nullish(),
});
type RunCreate = z.infer<typeof RunCreateBody>;

function checkThreadId(id: string): string {
  if (!THREAD_ID.test(id)) throw new UserInputError(`thread id "${id.slice(0, 40)}" is not valid: letters, digits and . _ : @ - (at most 128)`);
  return id;
}

/** The caller's metadata without identity-looking keys; `assistant_id`/`graph_id` returned apart. */
function splitMetadata(metadata: Record<string, unknown> | null | undefined): { clean: Record<string, unknown>; assistant: string | undefined } {
  const clean: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(metadata ?? {})) if (!RESERVED_METADATA.includes(k) && v !== undefined && v !== null) clean[k] = v;
  const named = metadata?.assistant_id ?? metadata?.graph_id;
  return { clean, assistant: typeof named === 'string' && named ? named : undefined };
}

function assistantJson(spec: AgentSpec, at: string) {
  return {
    assistant_id: spec.name,
    graph_id: spec.name,
    name: spec.name,
    description: spec.description,
    config: {},
    context: {},
    metadata: { title: spec.title, description: spec.description },
    created_at: at,
    updated_at: at,
    version: 1,
  };
}

/** The assistant by id, for this caller: unknown → 404, a role it does not admit → 403 (audited). */
async function usableAssistant(deps: ServerDeps, identity: Identity, id: string, thread: string): Promise<AgentSpec> {
  const spec = deps.rt.agentSpecs().find((a) => a.name === id);
  if (!spec) throw new NotFound(`no assistant "${id}" (available: ${deps.rt.agentsFor(identity.user).map((a) => a.name).join(', ') || 'none for your role'})`);
  if (!admits(spec, identity.user.role)) {
    await deps.rt.auditor(identity, spec.name, thread)('refusal', { reason: 'role may not use this assistant', role: identity.user.role });
    throw new AccessDenied(`user ${identity.user.id} (${identity.user.role}) may not use the ${spec.name} assistant (allowed roles: ${spec.roles.join(', ')})`, { agent: spec.name });
  }
  return spec;
}

async function pendingThread(deps: ServerDeps, id: string): Promise<PendingThread | null> {
  return deps.rt.stores.kv.get<PendingThread>(PENDING_NAMESPACE, id);
}

/** A refusal to touch someone else's thread, audited like the runtime's own refusals. */
async function denyThread(deps: ServerDeps, identity: Identity, id: string, owner: string, action: string): Promise<never> {
  await deps.rt.auditor(identity, 'http', id)('access', { action, allowed: false, owner });
  throw new AccessDenied(`${identity.user.id} (${identity.user.role}) may not ${action.replace('_', ' ')} "${id}": it belongs to another user`, { thread: id });
}

type ThreadRef = { kind: 'bound'; info: ThreadInfo } | { kind: 'pending'; pending: PendingThread };

/** The thread as the caller may read it: 404 when unknown, 403 (audited) when not theirs to read. */
async function readableThread(deps: ServerDeps, identity: Identity, id: string): Promise<ThreadRef> {
  checkThreadId(id);
  const info = await deps.rt.thread(id);
  if (info) return { kind: 'bound', info: await deps.rt.authorizeThreadRead(identity, id) };
  const pending = await pendingThread(deps, id);
  if (!pending) throw new NotFound(`no thread "${id}"`);
  if (!(await canReadThread(identity, pending.owner, deps.rt.users))) return denyThread(deps, identity, id, pending.owner, 'read_thread');
  return { kind: 'pending', pending };
}

/** LangGraph state values of a thread: its messages and the `chat --json` result (reply, state…). */
async function threadValues(deps: ServerDeps, id: string, viewer: Identity): Promise<Record<string, unknown>> {
  const [messages, result] = await Promise.all([deps.rt.threadMessages(id), deps.rt.threadResult(id, viewer)]);
  return { messages, ...(result ?? {}) };
}

function threadJson(deps: ServerDeps, id: string, ref: ThreadRef, values: Record<string, unknown> | null) {
  const busy = deps.runs.active(id);
  const base =
    ref.kind === 'bound'
      ? { created_at: ref.info.createdAt, updated_at: ref.info.updatedAt, metadata: { ...ref.info.metadata, assistant_id: ref.info.agent, graph_id: ref.info.agent, owner: ref.info.owner } }
      : { created_at: ref.pending.createdAt, updated_at: ref.pending.createdAt, metadata: { ...ref.pending.metadata, owner: ref.pending.owner } };
  return { thread_id: id, ...base, state_updated_at: base.updated_at, status: busy ? 'busy' : 'idle', values, interrupts: {} };
}

/** JSON with LangChain messages as the SDK's dicts. */
function jsonBody(c: Context<AppEnv>, value: unknown, status: 200 | 201 = 200) {
  return c.body(toJsonText(value), status, { 'content-type': 'application/json; charset=utf-8' });
}

/** The turn's text: the last human message of the input (`role: user|human` or `type: human`). */
function lastHumanText(body: RunCreate): string {
  if (body.command !== undefined && body.command !== null) {
    throw new UserInputError('`command` (resume, goto, update) is not supported: finagent has no interrupts; approvals are decided at POST /approvals/{id}');
  }
  const messages = body.input?.messages ?? [];
  const human = [...messages].reverse().find((m) => m.type === 'human' || m.role === 'user' || m.role === 'human');
  if (!human) throw new UserInputError('input.messages needs a human message: { "role": "user", "content": "…" }');
  const text =
    typeof human.content === 'string'
      ? human.content
      : human.content
          .map((p) => (typeof p === 'string' ? p : typeof p === 'object' && p !== null && (p as { type?: unknown }).type === 'text' ? String((p as { text?: unknown }).text ?? '') : ''))
          .join('');
  if (!text.trim()) throw new UserInputError('the human message is empty');
  return text;
}

function streamModes(raw: RunCreate['stream_mode'], fallback: string[]): Set<string> {
  const list = raw == null ? fallback : Array.isArray(raw) ? raw : [raw];
  const unknown = list.filter((m) => !(KNOWN_STREAM_MODES as readonly string[]).includes(m));
  if (unknown.length) throw new UserInputError(`unknown stream_mode ${unknown.map((m) => `"${m}"`).join(', ')} (modes are lower-case; served: ${SUPPORTED_STREAM_MODES.join(', ')})`);
  return new Set(list.length ? list : fallback);
}

/**
 * Checks a run request and starts the turn. A thread created without an assistant is bound by its
 * first run, by its owner only; a thread that does not exist yet is created for the caller.
 */
async function beginRun(c: Context<AppEnv>, deps: ServerDeps, threadId: string, body: RunCreate, fallbackModes: string[]): Promise<Run> {
  const identity = c.get('identity');
  checkThreadId(threadId);
  const modes = streamModes(body.stream_mode, fallbackModes);
  const message = lastHumanText(body);
  const spec = await usableAssistant(deps, identity, body.assistant_id, threadId);
  const { clean } = splitMetadata(body.metadata);
  let threadMetadata = clean;
  let pending: PendingThread | null = null;
  if (!(await deps.rt.thread(threadId))) {
    pending = await pendingThread(deps, threadId);
    if (pending && pending.owner !== identity.user.id) await denyThread(deps, identity, threadId, pending.owner, 'continue_thread');
    if (pending) threadMetadata = { ...pending.metadata, ...clean };
  }
  const run = await startTurnRun(deps, {
    identity,
    threadId,
    assistantId: spec.name,
    message,
    threadMetadata,
    runMetadata: clean,
    streamModes: modes,
    requestId: c.get('requestId'),
  });
  // The thread exists now, bound to this assistant: the reservation has served its purpose.
  if (pending) await deps.rt.stores.kv.delete(PENDING_NAMESPACE, threadId);
  return run;
}

/** Streams a run's events after `afterId` as SSE; a client that disconnects only stops its own copy. */
function sseOfRun(c: Context<AppEnv>, deps: ServerDeps, run: Run, afterId: number, only?: ReadonlySet<string>) {
  const wanted = (e: RunEvent) => {
    const mode = modeOfEvent(e.event);
    return !only || mode === null || only.has(mode);
  };
  return sseResponse(c, async (send, signal) => {
    for await (const e of run.follow(afterId, signal)) {
      if (!wanted(e)) continue;
      await send({ id: String(e.id), event: e.event, data: e.text() });
    }
  }, (e) => deps.log({ level: 'error', msg: 'stream failed', requestId: c.get('requestId'), runId: run.id, error: (e as Error)?.message ?? String(e) }));
}

/** The stream mode an event belongs to (null: run events every reader gets — metadata, error, end). */
function modeOfEvent(event: string): string | null {
  if (event === 'messages') return 'messages-tuple';
  if (event.startsWith('messages/')) return 'messages';
  return event === 'values' || event === 'updates' ? event : null;
}

/** `Last-Event-ID`: an event id of this run (a number); anything else replays from the start. */
function lastEventId(c: Context<AppEnv>): number {
  const raw = c.req.header('last-event-id');
  const n = raw === undefined ? 0 : Number(raw);
  return Number.isInteger(n) && n > 0 ? n : 0;
}

function runLocation(threadId: string, runId: string): string {
  return `/threads/${encodeURIComponent(threadId)}/runs/${encodeURIComponent(runId)}`;
}

export function register(app: Hono<AppEnv>, deps: ServerDeps): void {
  const { rt } = deps;

  app.post('/assistants/search', async (c) => {
    const body = await readJson(c, AssistantSearchBody);
    const identity = c.get('identity');
    let list = rt.agentsFor(identity.user);
    if (body.graph_id) list = list.filter((a) => a.name === body.graph_id);
    if (body.name) list = list.filter((a) => a.name === body.name);
    const offset = body.offset ?? 0;
    return c.json(list.slice(offset, offset + (body.limit ?? 10)).map((a) => assistantJson(a, deps.startedAt)));
  });

  app.get('/assistants/:id', async (c) => {
    const spec = await usableAssistant(deps, c.get('identity'), c.req.param('id'), '(assistants)');
    return c.json(assistantJson(spec, deps.startedAt));
  });

  app.post('/threads', async (c) => {
    const body = await readJson(c, ThreadCreateBody);
    const identity = c.get('identity');
    const id = checkThreadId(body.thread_id ?? randomUUID());
    const { clean, assistant } = splitMetadata(body.metadata);
    const existing = (await rt.thread(id)) ?? (await pendingThread(deps, id));
    if (existing) {
      if (body.if_exists !== 'do_nothing') throw new Conflict(`thread "${id}" already exists`);
      const ref = await readableThread(deps, identity, id);
      return jsonBody(c, threadJson(deps, id, ref, ref.kind === 'bound' ? await threadValues(deps, id, identity) : null));
    }
    const at = rt.now().toISOString();
    if (assistant) {
      const spec = await usableAssistant(deps, identity, assistant, id);
      const { thread } = await rt.stores.threads.create({ id, agent: spec.name, owner: identity.user.id, createdAt: at, metadata: clean });
      return jsonBody(c, threadJson(deps, id, { kind: 'bound', info: thread }, null));
    }
    const pending: PendingThread = { owner: identity.user.id, metadata: clean, createdAt: at };
    await rt.stores.kv.put(PENDING_NAMESPACE, id, pending, rt.now());
    return jsonBody(c, threadJson(deps, id, { kind: 'pending', pending }, null));
  });

  app.post('/threads/search', async (c) => {
    const body = await readJson(c, ThreadSearchBody);
    const identity = c.get('identity');
    const { clean, assistant } = splitMetadata(body.metadata);
    const ownerFilter = typeof body.metadata?.owner === 'string' ? body.metadata.owner : undefined;
    const limit = body.limit ?? 10;
    const offset = body.offset ?? 0;
    let threads: ThreadInfo[];
    if (body.ids?.length) {
      // Listing never refuses: threads the caller may not read are simply not in the answer.
      const found = await Promise.all(body.ids.map((id) => rt.thread(id)));
      const readable = await Promise.all(found.map(async (t) => (t && (await canReadThread(identity, t.owner, rt.users)) ? t : null)));
      threads = readable
        .filter((t): t is ThreadInfo => t !== null)
        .filter((t) => (!assistant || t.agent === assistant) && (!ownerFilter || t.owner === ownerFilter) && Object.entries(clean).every(([k, v]) => JSON.stringify(t.metadata[k]) === JSON.stringify(v)))
        .slice(offset, offset + limit);
    } else {
      const owners = await readableOwners(identity, rt.users);
      const allowed = ownerFilter ? (owners && !owners.includes(ownerFilter) ? [] : [ownerFilter]) : owners;
      threads = await rt.stores.threads.search({ ...(allowed ? { owners: allowed } : {}), ...(assistant ? { agent: assistant } : {}), metadata: clean, limit, offset });
    }
    const rows = await Promise.all(threads.map(async (t) => threadJson(deps, t.id, { kind: 'bound', info: t }, await threadValues(deps, t.id, identity))));
    const filtered = body.status ? rows.filter((r) => r.status === body.status) : rows;
    return jsonBody(c, filtered);
  });

  app.get('/threads/:id', async (c) => {
    const identity = c.get('identity');
    const id = c.req.param('id');
    const ref = await readableThread(deps, identity, id);
    return jsonBody(c, threadJson(deps, id, ref, ref.kind === 'bound' ? await threadValues(deps, id, identity) : null));
  });

  const stateOf = async (identity: Identity, id: string) => {
    const ref = await readableThread(deps, identity, id);
    const tuple = ref.kind === 'bound' ? await rt.storage.checkpointer().getTuple({ configurable: { thread_id: id } }) : undefined;
    const checkpointId = tuple?.config.configurable?.checkpoint_id as string | undefined;
    const parentId = tuple?.parentConfig?.configurable?.checkpoint_id as string | undefined;
    const checkpoint = (cid: string | undefined) => ({ thread_id: id, checkpoint_ns: '', checkpoint_id: cid ?? null, checkpoint_map: null });
    const messages = ((tuple?.checkpoint.channel_values as { messages?: BaseMessage[] } | undefined)?.messages ?? []);
    const result = ref.kind === 'bound' ? await rt.threadResult(id, identity) : null;
    return {
      values: ref.kind === 'bound' ? { messages, ...(result ?? {}) } : {},
      next: [],
      tasks: [],
      checkpoint: checkpoint(checkpointId),
      metadata: tuple?.metadata ?? {},
      created_at: tuple?.checkpoint.ts ?? (ref.kind === 'bound' ? ref.info.createdAt : ref.pending.createdAt),
      parent_checkpoint: parentId ? checkpoint(parentId) : null,
    };
  };

  app.get('/threads/:id/state', async (c) => jsonBody(c, await stateOf(c.get('identity'), c.req.param('id'))));

  // The SDK's history: finagent keeps the latest checkpoint's view only (no time travel).
  app.post('/threads/:id/history', async (c) => jsonBody(c, [await stateOf(c.get('identity'), c.req.param('id'))]));

  app.post('/threads/:id/runs/wait', async (c) => {
    const body = await readJson(c, RunCreateBody);
    const threadId = c.req.param('id');
    const run = await beginRun(c, deps, threadId, body, ['values']);
    c.header('Content-Location', runLocation(threadId, run.id));
    return jsonBody(c, await runOutcome(run));
  });

  app.post('/threads/:id/runs/stream', async (c) => {
    const body = await readJson(c, RunCreateBody);
    const threadId = c.req.param('id');
    const run = await beginRun(c, deps, threadId, body, ['values']);
    c.header('Content-Location', runLocation(threadId, run.id));
    // With Location the SDK reconnects by itself after a dropped connection (GET …/stream + Last-Event-ID).
    c.header('Location', `${runLocation(threadId, run.id)}/stream`);
    return sseOfRun(c, deps, run, 0);
  });

  // A background run: started, answered at once; its stream can be joined and its result awaited.
  app.post('/threads/:id/runs', async (c) => {
    const body = await readJson(c, RunCreateBody);
    const threadId = c.req.param('id');
    const run = await beginRun(c, deps, threadId, body, ['values']);
    c.header('Content-Location', runLocation(threadId, run.id));
    return c.json(run.toJSON());
  });

  const knownRun = async (c: Context<AppEnv>): Promise<Run> => {
    const threadId = c.req.param('id') ?? '';
    const runId = c.req.param('run_id') ?? '';
    await readableThread(deps, c.get('identity'), threadId);
    const run = deps.runs.get(threadId, runId);
    if (!run) throw new NotFound(`no run "${runId}" on thread "${threadId}" (runs stay joinable for a few minutes after they end)`);
    return run;
  };

  app.get('/threads/:id/runs/:run_id', async (c) => c.json((await knownRun(c)).toJSON()));

  app.get('/threads/:id/runs/:run_id/join', async (c) => jsonBody(c, await runOutcome(await knownRun(c))));

  app.get('/threads/:id/runs/:run_id/stream', async (c) => {
    const run = await knownRun(c);
    const raw = c.req.queries('stream_mode');
    const only = raw?.length ? streamModes(raw, []) : undefined;
    return sseOfRun(c, deps, run, lastEventId(c), only);
  });
}
