import { admits, type AgentSpec, type ToolCallRecord } from '../runtime/agent-spec.js';
import { FinagentError, OperationError, UserInputError } from '../runtime/errors.js';
import { detectLang, type TranscriptEntry } from '../runtime/planner.js';
import { toolAllowed, type AnyTool, type ToolContext } from '../runtime/tool.js';
import { harnessIdentity, type Identity } from '../runtime/identity.js';
import { findUser, loadUsers } from '../runtime/users.js';
import { openSqliteStorage } from '../storage/sqlite/storage.js';
import type { Storage } from '../storage/types.js';
import type { EvalRuntime, RuntimeFactory, ToolRequest, TurnRequest, TurnResult } from './runtime-port.js';

/**
 * A minimal in-process runtime over AgentSpecs: the offline planner loop, zod validation of
 * arguments and results, role checks, a ToolContext built like the real runtime's. No LangChain,
 * no audit. Used by the runner's tests and as the fallback for tool cases when the real runtime
 * offers no `runTool`.
 */

const MAX_STEPS = 12;

export function buildToolContext(opts: {
  storage: Storage;
  home: string;
  agent: AgentSpec;
  identity: Identity;
  thread: string;
  settings: Record<string, unknown>;
  now: () => Date;
  callId: string;
}): ToolContext {
  const section = opts.settings[opts.agent.settingsKey ?? opts.agent.name];
  return {
    user: opts.identity.user,
    identity: opts.identity,
    agent: opts.agent.name,
    thread: opts.thread,
    home: opts.home,
    stores: opts.storage.stores,
    storage: opts.storage,
    settings: typeof section === 'object' && section !== null ? (section as Record<string, unknown>) : {},
    now: opts.now,
    idempotencyKey: `${opts.thread}:${opts.callId}`,
  };
}

/** Validates, checks the role and executes one tool; throws the tool's error (ToolRefusal…) unchanged. */
export async function executeTool(tool: AnyTool, input: unknown, ctx: ToolContext): Promise<unknown> {
  if (!toolAllowed(tool, ctx.user.role)) {
    throw new UserInputError(`user ${ctx.user.id} (${ctx.user.role}) may not use tool ${tool.name}`);
  }
  const args = tool.input.safeParse(input);
  if (!args.success) {
    const issue = args.error.issues[0];
    throw new UserInputError(`tool ${tool.name}: argument "${issue?.path.join('.')}": ${issue?.message}`);
  }
  const out = await tool.execute(args.data, ctx);
  const checked = tool.output.safeParse(out);
  if (!checked.success) throw new OperationError(`tool ${tool.name} returned output that fails its schema: ${checked.error.issues[0]?.message}`);
  return checked.data;
}

export const createSpecRuntime: RuntimeFactory = async (opts) => {
  const agents = opts.agents ?? [];
  const users = loadUsers();
  const storage = await openSqliteStorage({ home: opts.home });
  const transcripts = new Map<string, TranscriptEntry[]>();
  let seq = 0;
  const agentOf = (name: string): AgentSpec => {
    const a = agents.find((x) => x.name === name);
    if (!a) throw new UserInputError(`unknown agent "${name}" (known: ${agents.map((x) => x.name).join(', ')})`);
    return a;
  };
  const identityOf = (who: string | Identity): Identity => (typeof who === 'string' ? harnessIdentity(findUser(who, users)) : who);
  const ctxFor = (agent: AgentSpec, identity: Identity, thread: string, callId: string) =>
    buildToolContext({ storage, home: opts.home, agent, identity, thread, settings: opts.settings ?? {}, now: opts.now, callId });

  const runTurn = async (req: TurnRequest): Promise<TurnResult> => {
    const agent = agentOf(req.agent);
    const identity = identityOf(req.user);
    const user = identity.user;
    if (!admits(agent, user.role)) throw new UserInputError(`user ${user.id} (${user.role}) may not use the ${agent.name} assistant`);
    const key = `${req.agent}/${req.thread}`;
    const transcript = transcripts.get(key) ?? [];
    transcripts.set(key, transcript);
    const turnStart = transcript.length;
    transcript.push({ role: 'user', text: req.message });
    const allowed = agent.tools.filter((t) => toolAllowed(t, user.role));
    const toolCalls: ToolCallRecord[] = [];
    for (let step = 0; step < MAX_STEPS; step++) {
      const decision = agent.planner({
        transcript: [...transcript],
        turn: transcript.slice(turnStart),
        userText: req.message,
        tools: allowed.map((t) => t.name),
        lang: detectLang(req.message),
      });
      if (decision.type === 'reply') {
        transcript.push({ role: 'assistant', text: decision.text, toolCalls: [] });
        const state =
          (await agent.state?.({ stores: storage.stores, storage, home: opts.home, thread: req.thread, user, identity, toolCalls, settings: opts.settings ?? {}, now: opts.now, reply: decision.text, provider: 'offline' })) ?? null;
        return { reply: decision.text, toolCalls, state };
      }
      const calls = decision.calls.map((c) => ({ ...c, id: `call_${++seq}` }));
      transcript.push({ role: 'assistant', text: '', toolCalls: calls });
      for (const call of calls) {
        const tool = agent.tools.find((t) => t.name === call.name);
        try {
          if (!tool) throw new UserInputError(`unknown tool ${call.name}`);
          const result = await executeTool(tool, call.args, ctxFor(agent, identity, req.thread, call.id));
          toolCalls.push({ name: call.name, args: call.args, result });
          transcript.push({ role: 'tool', name: call.name, toolCallId: call.id, ok: true, result });
        } catch (e) {
          if (!FinagentError.isInstance(e)) throw e;
          toolCalls.push({ name: call.name, args: call.args, error: e.message });
          transcript.push({ role: 'tool', name: call.name, toolCallId: call.id, ok: false, error: e.message });
        }
      }
    }
    throw new OperationError(`agent ${req.agent} exceeded ${MAX_STEPS} steps`);
  };

  const runTool = async (req: ToolRequest): Promise<unknown> => {
    const agent = agentOf(req.agent);
    const tool = agent.tools.find((t) => t.name === req.tool);
    if (!tool) throw new UserInputError(`agent ${agent.name} has no tool "${req.tool}"`);
    return executeTool(tool, req.input, ctxFor(agent, identityOf(req.user), req.thread, `tool_${++seq}`));
  };

  const rt: EvalRuntime = { runTurn, runTool, close: () => storage.close() };
  return rt;
};
