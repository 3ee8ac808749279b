import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { AIMessage, HumanMessage, SystemMessage, ToolMessage, type BaseMessage } from '@langchain/core/messages';
import { tool as lcTool } from '@langchain/core/tools';
import { createAgent, type AgentMiddleware } from 'langchain';
import { randomUUID } from 'node:crypto';
import { openStorage } from '../storage/open.js';
import { AuditOutbox } from '../storage/audit-outbox.js';
import type { Storage, ThreadInfo } from '../storage/types.js';
import { AccessDenied, canReadThread, readableOwners } from './access.js';
import { admits, type AgentSpec, type ToolCallRecord } from './agent-spec.js';
import type { AuditEntry, AuditKind } from './audit-chain.js';
import { AuditLog } from './audit.js';
import { pinnedClock, systemClock, type Clock } from './clock.js';
import { ConfigSchema, loadConfig, type Config, type ConfigInput } from './config.js';
import { FinagentError, UserInputError } from './errors.js';
import { executeTool } from './execute-tool.js';
import { localIdentity, type Identity } from './identity.js';
import { governanceMiddleware, TurnContextSchema, turnScopeOf, type TurnScope } from './middleware.js';
import { defaultHome } from './paths.js';
import { detectLang, type Lang } from './planner.js';
import { createChatModel, toProviderError } from './providers.js';
import { toolAllowed, type AnyTool, type ToolContext } from './tool.js';
import type { TurnResult } from './turn-result.js';
import { jsonFileDirectory, requireUser, staticDirectory, type User, type UserDirectory } from './users.js';

type CompiledAgent = ReturnType<typeof createAgent>;

/** A chat model for every assistant, or one per assistant and reply language. */
export type ModelProvider = BaseChatModel | ((spec: AgentSpec, lang: Lang) => BaseChatModel | Promise<BaseChatModel>);

export interface RuntimeOptions {
  /** FINAGENT_HOME; default from config, then `./.finagent`. */
  home?: string;
  /** Effective configuration, or a partial one merged over the defaults. Default: loadConfig(). */
  config?: Config | ConfigInput;
  /** Assistants to serve; default: the built-in three (dealing, analyst, policy). */
  agents?: AgentSpec[];
  /** Injectable clock (tests, deterministic replay). Default: `config.now` pinned, else the system clock. */
  now?: Clock;
  /** Assistant settings merged over `config[<section>]`, e.g. `{ dealing: { quoteTtlSeconds: 10 } }`. */
  settings?: Record<string, Record<string, unknown>>;
  /** Who the users are: a directory, a list, or (default) the JSON users file. */
  users?: UserDirectory | User[];
  /** Where state lives. Default: PostgreSQL when `database.url` is set, else SQLite under `home`. */
  storage?: Storage;
  /** A LangChain chat model (or a factory) instead of the configured provider. */
  model?: ModelProvider;
  /** Extra LangChain middleware, after finagent's governance (entitlements, audit, step limit). */
  middleware?: AgentMiddleware[];
}

export interface TurnRequest {
  agent: string;
  message: string;
  thread: string;
  /** A user id acting locally (CLI `--user`), or a proven identity (token, JWT). */
  user: string | Identity;
  /** Metadata stored with a new thread (ignored when the thread exists). */
  metadata?: Record<string, unknown>;
}

export interface ToolRequest {
  agent: string;
  tool: string;
  input: Record<string, unknown>;
  user: string | Identity;
  thread: string;
}

/** One chunk of a streamed turn, as LangGraph emits it (`values`, `updates`, `messages`). */
export interface TurnEvent {
  mode: 'values' | 'updates' | 'messages';
  data: unknown;
}

export interface TurnOptions {
  /** Receives LangGraph stream chunks while the turn runs (SSE, web chat). */
  onEvent?: (event: TurnEvent) => void | Promise<void>;
  /**
   * The LangGraph stream modes `onEvent` receives (default all three). `messages` is the costly one
   * (a callback on every model event): leave it out when nobody reads message chunks.
   */
  streamModes?: ReadonlyArray<TurnEvent['mode']>;
  signal?: AbortSignal;
}

function textOf(message: BaseMessage): string {
  const { content } = message;
  return typeof content === 'string' ? content : content.map((p) => (typeof p === 'string' ? p : 'text' in p ? String(p.text) : '')).join('');
}

/** Tokens reported by the provider over the turn's model outputs; undefined when none were (offline). */
export function tokenUsage(messages: BaseMessage[]): { inputTokens: number; outputTokens: number } | undefined {
  let inputTokens = 0;
  let outputTokens = 0;
  let reported = false;
  for (const m of messages) {
    if (!AIMessage.isInstance(m) || !m.usage_metadata) continue;
    reported = true;
    inputTokens += m.usage_metadata.input_tokens;
    outputTokens += m.usage_metadata.output_tokens;
  }
  return reported ? { inputTokens, outputTokens } : undefined;
}

/** Pairs each tool call of the turn with its result (or error), in call order. */
export function collectToolCalls(messages: BaseMessage[]): ToolCallRecord[] {
  const results = new Map<string, ToolMessage>();
  for (const m of messages) if (ToolMessage.isInstance(m)) results.set(m.tool_call_id, m);
  const out: ToolCallRecord[] = [];
  for (const m of messages) {
    if (!AIMessage.isInstance(m)) continue;
    for (const call of m.tool_calls ?? []) {
      const res = call.id ? results.get(call.id) : undefined;
      const record: ToolCallRecord = { name: call.name, args: call.args as Record<string, unknown> };
      if (res) {
        const text = textOf(res);
        if (res.status === 'error') record.error = text.replace(/^Error:\s*/, '');
        else {
          try {
            record.result = JSON.parse(text) as unknown;
          } catch {
            record.result = text;
          }
        }
      }
      out.push(record);
    }
  }
  return out;
}

/**
 * The agent runtime: one LangChain `createAgent` loop for every provider, with entitlements, audit,
 * threads in a LangGraph checkpointer, and the per-turn user and thread passed as runtime context.
 * Offline by default.
 */
export class Runtime {
  readonly audit: AuditLog;
  readonly users: UserDirectory;
  private readonly agents: Map<string, AgentSpec>;
  private directCalls = 0;
  private readonly compiled = new Map<string, Promise<CompiledAgent>>();

  constructor(
    readonly config: Config,
    readonly home: string,
    readonly storage: Storage,
    agents: AgentSpec[],
    readonly now: Clock,
    private readonly settingsOverride: Record<string, Record<string, unknown>>,
    users: UserDirectory,
    private readonly model: ModelProvider | undefined,
    private readonly extraMiddleware: AgentMiddleware[],
  ) {
    this.audit = new AuditLog(storage.stores.audit);
    this.users = users;
    this.agents = new Map();
    for (const a of agents) {
      if (this.agents.has(a.name)) throw new UserInputError(`two assistants are named "${a.name}"`);
      this.agents.set(a.name, a);
    }
  }

  /** The repositories (autocommit). */
  get stores() {
    return this.storage.stores;
  }

  agentNames(): string[] {
    return [...this.agents.keys()];
  }

  agentSpecs(): AgentSpec[] {
    return [...this.agents.values()];
  }

  agent(name: string): AgentSpec {
    const spec = this.agents.get(name);
    if (!spec) throw new UserInputError(`unknown assistant "${name}" (available: ${this.agentNames().join(', ')})`);
    return spec;
  }

  /** The user with this id from the directory (a clear error when unknown). */
  user(id: string): Promise<User> {
    return requireUser(this.users, id);
  }

  /** A request's identity: a proven one as given, or a user id acting locally. */
  async identity(who: string | Identity): Promise<Identity> {
    if (typeof who !== 'string') return who;
    return localIdentity(await this.user(who));
  }

  settingsFor(spec: AgentSpec): Record<string, unknown> {
    const key = spec.settingsKey ?? spec.name;
    const fromConfig = (this.config as Record<string, unknown>)[key];
    return { ...(typeof fromConfig === 'object' && fromConfig ? (fromConfig as Record<string, unknown>) : {}), ...(this.settingsOverride[key] ?? {}) };
  }

  auditor(identity: Identity, agent: string, thread: string) {
    const user = identity.user;
    return async (kind: AuditKind, payload: AuditEntry['payload']): Promise<void> => {
      await this.audit.append({ ts: this.now().toISOString(), user: user.id, role: user.role, agent, thread, kind, payload });
    };
  }

  /**
   * The audit writer of one turn. `audit` commits at once, together with any records `note` held;
   * `flush` commits what is still held at the end of the turn. Held records are model outputs and
   * tool results: nothing acts on them before the next `audit` (a tool call, refusal or error) or the
   * end of the turn, so every tool runs and every reply returns after its audit record is stored,
   * with fewer commits per turn. They wait in the storage's audit outbox when it has one (SQLite: the
   * turn's checkpoint commits them), else in one of the turn's own.
   */
  private turnAuditor(identity: Identity, agent: string, thread: string) {
    const user = identity.user;
    const outbox = this.storage.auditOutbox ?? new AuditOutbox();
    const entry = (kind: AuditKind, payload: AuditEntry['payload']): AuditEntry => ({ ts: this.now().toISOString(), user: user.id, role: user.role, agent, thread, kind, payload });
    /** Commits the held records, then `next` if given; on failure the held ones are kept (nothing was stored). */
    const write = async (next?: AuditEntry): Promise<void> => {
      const taken = outbox.take(thread);
      const entries = next ? [...taken, next] : taken;
      if (entries.length === 0) return;
      try {
        if (entries.length === 1) await this.audit.append(entries[0]!);
        else
          await this.storage.transaction(async (tx) => {
            for (const e of entries) await tx.audit.append(e);
          });
      } catch (e) {
        outbox.restore(thread, taken);
        throw e;
      }
    };
    return {
      audit: (kind: AuditKind, payload: AuditEntry['payload']): Promise<void> => write(entry(kind, payload)),
      note: (kind: AuditKind, payload: AuditEntry['payload']): void => outbox.hold(thread, entry(kind, payload)),
      flush: (): Promise<void> => write(),
    };
  }

  /** Agents the user's role may talk to. */
  agentsFor(user: User): AgentSpec[] {
    return this.agentSpecs().filter((a) => admits(a, user.role));
  }

  private async admit(spec: AgentSpec, identity: Identity, thread: string): Promise<void> {
    const { user } = identity;
    if (!admits(spec, user.role)) {
      await this.auditor(identity, spec.name, thread)('refusal', { reason: 'role may not use this assistant', role: user.role });
      throw new AccessDenied(`user ${user.id} (${user.role}) may not use the ${spec.name} assistant (allowed roles: ${spec.roles.join(', ')})`, { agent: spec.name });
    }
  }

  toolContext(spec: AgentSpec, identity: Identity, thread: string, callId: string): ToolContext {
    return {
      user: identity.user,
      identity,
      agent: spec.name,
      thread,
      home: this.home,
      stores: this.storage.stores,
      storage: this.storage,
      settings: this.settingsFor(spec),
      now: this.now,
      idempotencyKey: `${thread}:${callId}`,
    };
  }

  private langchainTools(spec: AgentSpec) {
    return spec.tools.map((t: AnyTool) =>
      lcTool(
        async (args: unknown, runtime: { context?: unknown; toolCallId?: string; toolCall?: { id?: string } }) => {
          const scope = turnScopeOf(runtime);
          const callId = runtime.toolCallId ?? runtime.toolCall?.id ?? 'direct';
          const outcome = await executeTool(t, args, this.toolContext(spec, scope.identity, scope.thread, callId));
          if (outcome.ok) return JSON.stringify(outcome.result);
          // The text is for the model; the artifact (check code + figures) is for planners and is not sent.
          return new ToolMessage({ content: `Error: ${outcome.error}`, tool_call_id: callId, name: t.name, status: 'error', ...(outcome.refusal ? { artifact: outcome.refusal } : {}) });
        },
        { name: t.name, description: t.description, schema: t.input },
      ),
    );
  }

  private async chatModel(spec: AgentSpec, lang: Lang): Promise<BaseChatModel> {
    if (!this.model) return createChatModel(this.config, spec);
    return typeof this.model === 'function' ? this.model(spec, lang) : this.model;
  }

  /** The LangChain agent for an assistant, built once per runtime (model, tools, middleware, checkpointer). */
  private compiledAgent(spec: AgentSpec, lang: Lang): Promise<CompiledAgent> {
    const key = `${spec.name}:${lang}`;
    let agent = this.compiled.get(key);
    if (!agent) {
      agent = this.chatModel(spec, lang).then((model) =>
        createAgent({
          model,
          tools: this.langchainTools(spec),
          systemPrompt: new SystemMessage(spec.systemPrompt[lang]),
          middleware: [governanceMiddleware(spec.tools), ...this.extraMiddleware],
          contextSchema: TurnContextSchema,
          checkpointer: this.storage.checkpointer(),
        }),
      );
      agent.catch(() => this.compiled.delete(key));
      this.compiled.set(key, agent);
    }
    return agent;
  }

  /**
   * Opens the thread for this assistant and user: created on first use; continuing it needs the
   * same assistant (a checkpoint must never continue a different graph) and the same owner. When the
   * thread may be continued, `first` (the turn's first audit record) is appended in the same unit of
   * work: one commit instead of two per turn, and either both are stored or neither.
   */
  private async openThread(spec: AgentSpec, identity: Identity, thread: string, metadata: Record<string, unknown> | undefined, first?: { kind: AuditKind; payload: AuditEntry['payload'] }): Promise<ThreadInfo> {
    const user = identity.user;
    const info = await this.storage.transaction(async (tx) => {
      const at = this.now();
      const { thread: found, created } = await tx.threads.create({ id: thread, agent: spec.name, owner: user.id, createdAt: at.toISOString(), metadata: metadata ?? {} });
      if (found.agent === spec.name && found.owner === user.id) {
        // A thread's updated_at is the start of its latest turn, set in the turn's first commit.
        if (!created) await tx.threads.touch(thread, at);
        if (first) await tx.audit.append({ ts: this.now().toISOString(), user: user.id, role: user.role, agent: spec.name, thread, kind: first.kind, payload: first.payload });
      }
      return found;
    });
    if (info.agent !== spec.name) throw new UserInputError(`thread "${thread}" belongs to the ${info.agent} assistant, not ${spec.name}; use another thread`);
    if (info.owner !== user.id) {
      await this.auditor(identity, spec.name, thread)('access', { action: 'continue_thread', allowed: false, owner: info.owner });
      throw new AccessDenied(`thread "${thread}" belongs to another user: only its owner may continue it`, { thread });
    }
    return info;
  }

  /** One user message → the assistant's reply, tool calls and state. */
  async runTurn(req: TurnRequest, opts: TurnOptions = {}): Promise<TurnResult> {
    const spec = this.agent(req.agent);
    const identity = await this.identity(req.user);
    const message = req.message.trim();
    if (!message) throw new UserInputError('the message is empty');
    if (!req.thread.trim()) throw new UserInputError('the thread id is empty');
    const maxChars = this.config.maxMessageChars;
    if (message.length > maxChars) throw new UserInputError(`the message is ${message.length} characters; the limit is ${maxChars} (maxMessageChars)`);
    await this.admit(spec, identity, req.thread);
    await this.openThread(spec, identity, req.thread, req.metadata, { kind: 'user_message', payload: { text: message } });
    const turnAudit = this.turnAuditor(identity, spec.name, req.thread);
    const audit = turnAudit.audit;

    const lang = this.config.lang === 'auto' ? detectLang(message) : this.config.lang;
    const human = new HumanMessage({ content: message, id: `human-${randomUUID()}` });
    const turn: TurnScope = { identity, thread: req.thread, maxSteps: this.config.maxSteps, steps: 0, audit, note: turnAudit.note };
    const config = {
      configurable: { thread_id: req.thread },
      context: { turn },
      recursionLimit: this.config.maxSteps * 3 + 10,
      // The conversation is committed once, when the turn ends (LangGraph's default writes it at
      // every step), so a long thread is not rewritten three or four times per turn; with SQLite the
      // turn's remaining audit records commit in that same write. A process that dies mid-turn
      // leaves the thread as its last finished turn left it (the turn's acts are in the audit trail,
      // its effects in their own transactions); a turn that fails or is cancelled keeps the steps
      // it finished, as before.
      durability: 'exit' as const,
      ...(opts.signal ? { signal: opts.signal } : {}),
    };
    let messages: BaseMessage[];
    try {
      const agent = await this.compiledAgent(spec, lang);
      if (opts.onEvent) {
        let last: { messages?: BaseMessage[] } | undefined;
        const streamMode = opts.streamModes?.length ? [...opts.streamModes] : (['values', 'updates', 'messages'] as TurnEvent['mode'][]);
        const stream = await agent.stream({ messages: [human] }, { ...config, streamMode });
        for await (const chunk of stream as AsyncIterable<[TurnEvent['mode'], unknown]>) {
          const [mode, data] = chunk;
          if (mode === 'values') last = data as { messages?: BaseMessage[] };
          await opts.onEvent({ mode, data });
        }
        messages = last?.messages ?? [];
      } else {
        const result = await agent.invoke({ messages: [human] }, config);
        messages = result.messages as BaseMessage[];
      }
    } catch (e) {
      const error = FinagentError.isInstance(e) ? e : this.config.provider === 'offline' || this.model ? e : toProviderError(e, this.config);
      await audit('error', { message: error instanceof Error ? error.message : String(error) });
      throw error;
    }
    // Held records the turn's checkpoint did not take (no outbox, or the turn ended without one).
    await turnAudit.flush();
    const start = messages.findIndex((m) => m.id === human.id);
    const newMessages = start >= 0 ? messages.slice(start + 1) : messages;
    const toolCalls = collectToolCalls(newMessages);
    const last = [...newMessages].reverse().find((m) => AIMessage.isInstance(m));
    const base = {
      stores: this.storage.stores,
      storage: this.storage,
      home: this.home,
      thread: req.thread,
      user: identity.user,
      identity,
      toolCalls,
      settings: this.settingsFor(spec),
      now: this.now,
      provider: this.model ? 'injected' : this.config.provider,
    };
    let reply = last ? textOf(last) : '';
    if (spec.outputGuard && base.provider !== 'offline') {
      const verdict = await spec.outputGuard({ ...base, reply });
      if (!verdict.ok) await audit('guardrail', { findings: verdict.findings, original: reply, shown: verdict.reply });
      reply = verdict.reply;
    }
    const state = (await spec.state?.({ ...base, reply })) ?? null;
    const usage = tokenUsage(newMessages);
    return { agent: spec.name, thread: req.thread, user: identity.user.id, reply, toolCalls, state, ...(usage ? { usage } : {}) };
  }

  /** Runs one tool directly (CLI sub-commands, MCP, eval tool cases) with the same entitlements and audit. */
  async runTool(req: ToolRequest): Promise<ToolCallRecord> {
    const spec = this.agent(req.agent);
    const identity = await this.identity(req.user);
    await this.admit(spec, identity, req.thread);
    const audit = this.auditor(identity, spec.name, req.thread);
    const tool = spec.tools.find((t) => t.name === req.tool);
    if (!tool || !toolAllowed(tool, identity.user.role)) {
      const reason = tool ? `the ${identity.user.role} role may not use the tool "${req.tool}"` : `there is no tool "${req.tool}" for the ${spec.name} assistant`;
      await audit('refusal', { tool: req.tool, args: req.input, reason });
      return { name: req.tool, args: req.input, error: `refused — ${reason}` };
    }
    const callId = `direct-${++this.directCalls}-${randomUUID().slice(0, 8)}`;
    await audit('tool_call', { id: callId, tool: req.tool, args: req.input });
    const outcome = await executeTool(tool, req.input, this.toolContext(spec, identity, req.thread, callId));
    if (outcome.ok) {
      await audit('tool_result', { id: callId, tool: req.tool, content: JSON.stringify(outcome.result) });
      return { name: req.tool, args: req.input, result: outcome.result };
    }
    await audit('tool_error', { id: callId, tool: req.tool, content: outcome.error });
    return { name: req.tool, args: req.input, error: outcome.error };
  }

  /** The thread's metadata, or null. */
  thread(id: string): Promise<ThreadInfo | null> {
    return this.storage.stores.threads.get(id);
  }

  /**
   * Checks that `reader` may read the thread (owner, desk lead of the owner's desk, oversight roles;
   * another user's thread needs a proven identity). Every refusal is audited.
   */
  async authorizeThreadRead(reader: Identity, id: string): Promise<ThreadInfo> {
    const info = await this.thread(id);
    if (!info) throw new UserInputError(`no thread "${id}"`);
    if (!(await canReadThread(reader, info.owner, this.users))) {
      await this.auditor(reader, info.agent, id)('access', { action: 'read_thread', allowed: false, owner: info.owner });
      throw new AccessDenied(`${reader.user.id} (${reader.user.role}) may not read thread "${id}"`, { thread: id });
    }
    return info;
  }

  /** Threads the reader may list (their own; their desk's for desk leads; all for oversight roles). */
  async searchThreads(reader: Identity, q: { agent?: string; metadata?: Record<string, unknown>; limit?: number; offset?: number } = {}): Promise<ThreadInfo[]> {
    const owners = await readableOwners(reader, this.users);
    return this.storage.stores.threads.search({ ...q, ...(owners ? { owners } : {}) });
  }

  /** The conversation of a thread as stored by the checkpointer (no access check: callers authorize first). */
  async threadMessages(id: string): Promise<BaseMessage[]> {
    const tuple = await this.storage.checkpointer().getTuple({ configurable: { thread_id: id } });
    const values = tuple?.checkpoint.channel_values as { messages?: BaseMessage[] } | undefined;
    return values?.messages ?? [];
  }

  /**
   * The thread's current result in the `chat --json` shape, read without running a turn: the last
   * reply from the conversation and the assistant's `state` from the stores (callers authorize first).
   */
  async threadResult(id: string, viewer: Identity): Promise<TurnResult | null> {
    const info = await this.thread(id);
    if (!info) return null;
    const spec = this.agent(info.agent);
    const messages = await this.threadMessages(id);
    const last = [...messages].reverse().find((m) => AIMessage.isInstance(m) && !(m.tool_calls ?? []).length);
    const reply = last ? textOf(last) : '';
    const ctx = {
      stores: this.storage.stores,
      storage: this.storage,
      home: this.home,
      thread: id,
      user: (await this.users.find(info.owner)) ?? viewer.user,
      identity: viewer,
      toolCalls: [],
      settings: this.settingsFor(spec),
      now: this.now,
      provider: this.model ? 'injected' : this.config.provider,
      reply,
    };
    const state = (await spec.state?.(ctx)) ?? null;
    return { agent: spec.name, thread: id, user: info.owner, reply, toolCalls: [], state };
  }

  /** Forgets a thread's conversation (the audit trail keeps everything). */
  async resetThread(thread: string): Promise<void> {
    await this.storage.checkpointer().deleteThread(thread);
  }

  close(): Promise<void> {
    return this.storage.close();
  }
}

export async function createRuntime(opts: RuntimeOptions = {}): Promise<Runtime> {
  const config = opts.config ? ConfigSchema.parse(opts.config) : loadConfig();
  const home = opts.home ?? config.home ?? defaultHome();
  const agents = opts.agents ?? (await (await import('../agents/registry.js')).loadAgents());
  const now = opts.now ?? (config.now ? pinnedClock(config.now) : systemClock);
  const users = opts.users === undefined ? jsonFileDirectory(config.usersFile) : Array.isArray(opts.users) ? staticDirectory(opts.users) : opts.users;
  const storage = opts.storage ?? (await openStorage({ home, url: config.database.url }));
  return new Runtime(config, home, storage, agents, now, opts.settings ?? {}, users, opts.model, opts.middleware ?? []);
}
