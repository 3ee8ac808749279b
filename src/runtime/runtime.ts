import type Database from 'better-sqlite3';
import { AsyncLocalStorage } from 'node:async_hooks';
import { AIMessage, HumanMessage, SystemMessage, ToolMessage, type BaseMessage } from '@langchain/core/messages';
import { tool as lcTool } from '@langchain/core/tools';
import { createAgent } from 'langchain';
import type { AgentSpec, ToolCallRecord } from './agent-spec.js';
import { AuditLog, type AuditEntry, type AuditKind } from './audit.js';
import { pinnedClock, systemClock } from './clock.js';
import { loadConfig, type Config, type ConfigInput, ConfigSchema } from './config.js';
import { openDatabase } from './database.js';
import { FinagentError, UserInputError } from './errors.js';
import { executeTool } from './execute-tool.js';
import { governanceMiddleware, type TurnScope } from './middleware.js';
import { defaultHome } from './paths.js';
import { detectLang } from './planner.js';
import { createChatModel, toProviderError } from './providers.js';
import { ThreadStore } from './threads.js';
import { toolAllowed, type AnyTool, type ToolContext } from './tool.js';
import type { TurnResult } from './turn-result.js';
import { findUser, loadUsers, type User } from './users.js';

type CompiledAgent = ReturnType<typeof createAgent>;

export interface RuntimeOptions {
  /** FINAGENT_HOME; default from config, then `./.finagent`. */
  home?: string;
  /** Effective configuration, or a partial one merged over the defaults. Default: loadConfig(). */
  config?: Config | ConfigInput;
  /** Assistants to serve; default: the registry (src/agents/registry.ts). */
  agents?: AgentSpec[];
  /** Injectable clock (tests, deterministic replay). */
  now?: () => Date;
  /** Assistant settings merged over `config[<section>]`, e.g. `{ dealing: { quoteTtlSeconds: 10 } }`. */
  settings?: Record<string, Record<string, unknown>>;
  users?: User[];
}

export interface TurnRequest {
  agent: string;
  message: string;
  thread: string;
  user: string;
}

export interface ToolRequest {
  agent: string;
  tool: string;
  input: Record<string, unknown>;
  user: string;
  thread: string;
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
 * The agent runtime: one LangChain `createAgent` loop for every provider, with entitlements,
 * audit, persistent threads and a step limit. Offline by default.
 */
export class Runtime {
  readonly audit: AuditLog;
  readonly threads: ThreadStore;
  private readonly agents: Map<string, AgentSpec>;
  private directCalls = 0;
  /** The turn in progress, per async context: one compiled agent serves concurrent turns. */
  private readonly scope = new AsyncLocalStorage<TurnScope & { user: User; thread: string }>();
  private readonly compiled = new Map<string, Promise<CompiledAgent>>();

  constructor(
    readonly config: Config,
    readonly home: string,
    readonly db: Database.Database,
    agents: AgentSpec[],
    readonly now: () => Date,
    private readonly settingsOverride: Record<string, Record<string, unknown>>,
    private readonly users: User[],
  ) {
    this.audit = new AuditLog(db);
    this.threads = new ThreadStore(db);
    this.agents = new Map(agents.map((a) => [a.name, a]));
  }

  agentNames(): string[] {
    return [...this.agents.keys()];
  }

  agent(name: string): AgentSpec {
    const spec = this.agents.get(name);
    if (!spec) throw new UserInputError(`unknown assistant "${name}" (available: ${this.agentNames().join(', ')})`);
    return spec;
  }

  user(id: string): User {
    return findUser(id, this.users);
  }

  settingsFor(spec: AgentSpec): Record<string, unknown> {
    const key = spec.settingsKey ?? spec.name;
    const fromConfig = (this.config as Record<string, unknown>)[key];
    return { ...(typeof fromConfig === 'object' && fromConfig ? (fromConfig as Record<string, unknown>) : {}), ...(this.settingsOverride[key] ?? {}) };
  }

  private auditor(user: User, agent: string, thread: string) {
    return (kind: AuditKind, payload: AuditEntry['payload']) =>
      this.audit.append({ ts: this.now().toISOString(), user: user.id, role: user.role, agent, thread, kind, payload });
  }

  private admit(spec: AgentSpec, user: User, thread: string): void {
    if (!spec.roles.includes(user.role)) {
      this.auditor(user, spec.name, thread)('refusal', { reason: 'role may not use this assistant', role: user.role });
      throw new UserInputError(`user ${user.id} (${user.role}) may not use the ${spec.name} assistant (allowed roles: ${spec.roles.join(', ')})`);
    }
  }

  toolContext(spec: AgentSpec, user: User, thread: string, callId: string): ToolContext {
    return { user, agent: spec.name, thread, home: this.home, db: this.db, settings: this.settingsFor(spec), now: this.now, idempotencyKey: `${thread}:${callId}` };
  }

  private currentScope(): TurnScope & { user: User; thread: string } {
    const scope = this.scope.getStore();
    if (!scope) throw new Error('tool or model called outside a turn');
    return scope;
  }

  private langchainTools(spec: AgentSpec) {
    return spec.tools.map((t: AnyTool) =>
      lcTool(
        async (args: unknown, runtime: { toolCallId?: string; toolCall?: { id?: string } }) => {
          const { user, thread } = this.currentScope();
          const callId = runtime.toolCallId ?? runtime.toolCall?.id ?? 'direct';
          const outcome = await executeTool(t, args, this.toolContext(spec, user, thread, callId));
          if (outcome.ok) return JSON.stringify(outcome.result);
          // The text is for the model; the artifact (check code + figures) is for planners and is not sent.
          return new ToolMessage({ content: `Error: ${outcome.error}`, tool_call_id: callId, name: t.name, status: 'error', ...(outcome.refusal ? { artifact: outcome.refusal } : {}) });
        },
        { name: t.name, description: t.description, schema: t.input },
      ),
    );
  }

  /** The LangChain agent for an assistant, built once per runtime (model, tools, middleware). */
  private compiledAgent(spec: AgentSpec, lang: 'zh' | 'en'): Promise<CompiledAgent> {
    const key = `${spec.name}:${lang}`;
    let agent = this.compiled.get(key);
    if (!agent) {
      agent = createChatModel(this.config, spec).then((model) =>
        createAgent({
          model,
          tools: this.langchainTools(spec),
          systemPrompt: new SystemMessage(spec.systemPrompt[lang]),
          middleware: [governanceMiddleware({ tools: spec.tools, scope: () => this.currentScope() })],
        }),
      );
      agent.catch(() => this.compiled.delete(key));
      this.compiled.set(key, agent);
    }
    return agent;
  }

  /** One user message → the assistant's reply, tool calls and state. */
  async runTurn(req: TurnRequest): Promise<TurnResult> {
    const spec = this.agent(req.agent);
    const user = this.user(req.user);
    const message = req.message.trim();
    if (!message) throw new UserInputError('the message is empty');
    if (!req.thread.trim()) throw new UserInputError('the thread id is empty');
    this.admit(spec, user, req.thread);
    const audit = this.auditor(user, spec.name, req.thread);
    this.threads.open(req.thread, spec.name, user.id, this.now());
    const history = this.threads.messages(req.thread);
    audit('user_message', { text: message });

    const lang = this.config.lang === 'auto' ? detectLang(message) : this.config.lang;
    let newMessages: BaseMessage[];
    try {
      const agent = await this.compiledAgent(spec, lang);
      const input = [...history, new HumanMessage(message)];
      const scope = { role: user.role, maxSteps: this.config.maxSteps, steps: 0, audit, user, thread: req.thread };
      const result = await this.scope.run(scope, () => agent.invoke({ messages: input }, { recursionLimit: this.config.maxSteps * 3 + 10 }));
      newMessages = (result.messages as BaseMessage[]).slice(history.length);
    } catch (e) {
      const error = FinagentError.isInstance(e) ? e : this.config.provider === 'offline' ? e : toProviderError(e, this.config);
      audit('error', { message: error instanceof Error ? error.message : String(error) });
      throw error;
    }
    this.threads.append(req.thread, newMessages);
    const toolCalls = collectToolCalls(newMessages);
    const last = [...newMessages].reverse().find((m) => AIMessage.isInstance(m));
    const base = { db: this.db, home: this.home, thread: req.thread, user, toolCalls, settings: this.settingsFor(spec), now: this.now, provider: this.config.provider };
    let reply = last ? textOf(last) : '';
    if (spec.outputGuard && this.config.provider !== 'offline') {
      const verdict = await spec.outputGuard({ ...base, reply });
      if (!verdict.ok) audit('guardrail', { findings: verdict.findings, original: reply, shown: verdict.reply });
      reply = verdict.reply;
    }
    const state = spec.state?.({ ...base, reply }) ?? null;
    const usage = tokenUsage(newMessages);
    return { agent: spec.name, thread: req.thread, user: user.id, reply, toolCalls, state, ...(usage ? { usage } : {}) };
  }

  /** Runs one tool directly (CLI sub-commands, eval tool cases) with the same entitlements and audit. */
  async runTool(req: ToolRequest): Promise<ToolCallRecord> {
    const spec = this.agent(req.agent);
    const user = this.user(req.user);
    this.admit(spec, user, req.thread);
    const audit = this.auditor(user, spec.name, req.thread);
    const tool = spec.tools.find((t) => t.name === req.tool);
    if (!tool || !toolAllowed(tool, user.role)) {
      const reason = tool ? `the ${user.role} role may not use the tool "${req.tool}"` : `there is no tool "${req.tool}" for the ${spec.name} assistant`;
      audit('refusal', { tool: req.tool, args: req.input, reason });
      return { name: req.tool, args: req.input, error: `refused — ${reason}` };
    }
    const callId = `direct-${++this.directCalls}`;
    audit('tool_call', { id: callId, tool: req.tool, args: req.input });
    const outcome = await executeTool(tool, req.input, this.toolContext(spec, user, req.thread, callId));
    if (outcome.ok) {
      audit('tool_result', { id: callId, tool: req.tool, content: JSON.stringify(outcome.result) });
      return { name: req.tool, args: req.input, result: outcome.result };
    }
    audit('tool_error', { id: callId, tool: req.tool, content: outcome.error });
    return { name: req.tool, args: req.input, error: outcome.error };
  }

  resetThread(thread: string): void {
    this.threads.reset(thread);
  }

  close(): void {
    this.db.close();
  }
}

export async function createRuntime(opts: RuntimeOptions = {}): Promise<Runtime> {
  const config = opts.config ? ConfigSchema.parse(opts.config) : loadConfig();
  const home = opts.home ?? config.home ?? defaultHome();
  const agents = opts.agents ?? (await (await import('../agents/registry.js')).loadAgents());
  const db = openDatabase(home);
  const now = opts.now ?? (config.now ? pinnedClock(config.now) : systemClock);
  return new Runtime(config, home, db, agents, now, opts.settings ?? {}, opts.users ?? loadUsers());
}
