import { isAbsolute } from 'node:path';
import type { AgentSpec, ToolCallRecord } from '../runtime/agent-spec.js';
import { dataPath } from '../runtime/paths.js';
import type { Judge } from './judge.js';
import { FAITHFULNESS_RUBRIC } from './judge.js';
import type { ViolationRules } from './metrics/policy-violations.js';
import type { EvalRuntime } from './runtime-port.js';
import { scoreAnalysis, scoreDialogue, scorePolicy, scoreToolCallsCase, scoreToolCase, type Scored, type ToolOutcome } from './score-case.js';
import type { EvalCase } from './suite-schema.js';
import { UserInputError } from '../runtime/errors.js';

/** Executes one case once against the runtime and scores it. I/O lives here; scoring is pure (score-case.ts). */

export interface CaseEnv {
  rt: EvalRuntime;
  thread: string;
  /** Moves this case's injected clock forward. */
  advance(seconds: number): void;
  agents?: readonly AgentSpec[];
  rules?: ViolationRules;
  judge?: Judge;
}

export interface CaseObservation extends Scored {
  tokens?: number;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

async function tool(rt: EvalRuntime, req: Parameters<EvalRuntime['runTool']>[0]): Promise<ToolOutcome> {
  try {
    return { ok: true, output: await rt.runTool(req) };
  } catch (e) {
    return { ok: false, error: message(e) };
  }
}

/** Argument validator from the agent's tool schemas (required present, no unknown keys, types). */
function validatorFor(agents: readonly AgentSpec[] | undefined, agent: string) {
  const spec = agents?.find((a) => a.name === agent);
  if (!spec) return undefined;
  return (name: string, args: Record<string, unknown>): string | null => {
    const t = spec.tools.find((x) => x.name === name);
    if (!t) return `unknown tool ${name}`;
    const unknown = Object.keys(args).filter((k) => !(k in t.input.shape));
    if (unknown.length) return `parameters outside the schema: ${unknown.join(', ')}`;
    const r = t.input.safeParse(args);
    return r.success ? null : `${r.error.issues[0]?.path.join('.')}: ${r.error.issues[0]?.message}`;
  };
}

function tokensOf(usage: { inputTokens?: number; outputTokens?: number } | undefined): number | undefined {
  return usage ? (usage.inputTokens ?? 0) + (usage.outputTokens ?? 0) : undefined;
}

export async function runCase(c: EvalCase, env: CaseEnv): Promise<CaseObservation> {
  // The case's user, else the assistant's own default user (from its spec, never a table here).
  const user = c.user ?? env.agents?.find((a) => a.name === c.agent)?.defaultUser;
  if (!user) throw new UserInputError(`case ${c.id}: no user, and assistant ${c.agent} declares no defaultUser`);
  const base = { agent: c.agent, user, thread: env.thread };
  switch (c.kind) {
    case 'tool':
      return scoreToolCase(c, await tool(env.rt, { ...base, tool: c.tool, input: c.input }));
    case 'analysis': {
      const path = isAbsolute(c.input.path) ? c.input.path : dataPath(c.input.path);
      return scoreAnalysis(c, await tool(env.rt, { ...base, tool: 'analyze_statements', input: { ...c.input, path } }));
    }
    case 'tool_calls': {
      const res = await env.rt.runTurn({ ...base, message: c.message });
      const tokens = tokensOf(res.usage);
      return { ...scoreToolCallsCase(c, res.toolCalls, env.rules, validatorFor(env.agents, c.agent)), ...(tokens !== undefined ? { tokens } : {}) };
    }
    case 'dialogue': {
      const trace: ToolCallRecord[] = [];
      let reply = '';
      let state: unknown = null;
      let tokens: number | undefined;
      for (const turn of c.turns) {
        if (turn.advanceSeconds) env.advance(turn.advanceSeconds);
        const res = await env.rt.runTurn({ ...base, user: turn.user ?? user, message: turn.message, ...(turn.thread ? { thread: `${env.thread}:${turn.thread}` } : {}) });
        trace.push(...res.toolCalls);
        reply = res.reply;
        state = res.state;
        const t = tokensOf(res.usage);
        if (t !== undefined) tokens = (tokens ?? 0) + t;
      }
      return { ...scoreDialogue(c, reply, state, trace, env.rules), ...(tokens !== undefined ? { tokens } : {}) };
    }
    case 'policy': {
      const res = await env.rt.runTurn({ ...base, message: c.question });
      const scored = scorePolicy(c, res.state, res.reply, res.toolCalls, env.rules);
      const tokens = tokensOf(res.usage);
      if (env.judge && !c.shouldRefuse) {
        const s = res.state as { answer?: unknown; evidence?: Array<{ text?: unknown }> } | null;
        const verdict = await env.judge.grade({
          rubric: FAITHFULNESS_RUBRIC,
          question: c.question,
          answer: typeof s?.answer === 'string' ? s.answer : res.reply,
          context: (s?.evidence ?? []).map((e) => String(e.text ?? '')),
        });
        scored.metrics.judgeScore = verdict.score;
      }
      return { ...scored, ...(tokens !== undefined ? { tokens } : {}) };
    }
  }
}
