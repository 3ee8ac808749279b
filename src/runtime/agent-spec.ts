import type { z } from 'zod';
import type { Storage, Stores } from '../storage/types.js';
import type { Identity } from './identity.js';
import type { Planner } from './planner.js';
import type { AnyTool } from './tool.js';
import type { Role, User } from './users.js';

/** One tool call as reported in `chat --json`, over HTTP and to the eval harness. */
export interface ToolCallRecord {
  name: string;
  args: Record<string, unknown>;
  result?: unknown;
  error?: string;
}

export interface StateContext {
  stores: Stores;
  storage: Storage;
  home: string;
  thread: string;
  user: User;
  identity: Identity;
  /** Tool calls made during the turn just finished. */
  toolCalls: ToolCallRecord[];
  settings: Record<string, unknown>;
  now(): Date;
  /** The turn's final reply (after the output guard, if any). */
  reply: string;
  /** The provider that produced the turn: offline replies are built from tool output by construction. */
  provider: string;
}

/** What an output guard says about a model-written reply. */
export interface GuardVerdict {
  ok: boolean;
  /** The reply to show: unchanged when ok, otherwise with the offending parts flagged or removed. */
  reply: string;
  findings: unknown[];
}

/**
 * An assistant declared as data: the runtime turns one into a LangChain `createAgent` with the
 * user's permitted tools and the chosen model (offline planner, OpenAI-compatible, Ollama, or one
 * the application injects).
 */
export interface AgentSpec {
  /** Lower-case id used on the command line, over HTTP and in suites (`dealing`, `kyc`). */
  name: string;
  title: string;
  description: string;
  /** Roles that may talk to this assistant at all (`'*'` = every role). */
  roles: readonly Role[];
  /** Who talks to it from the CLI when no user is given (a demo default, never an identity). */
  defaultUser?: string;
  systemPrompt: { zh: string; en: string };
  tools: readonly AnyTool[];
  /** The offline engine's planner for this assistant. */
  planner: Planner;
  /** Assistant-specific `state` for `chat -m --json` (read from the stores, not from the model). */
  state?: (ctx: StateContext) => unknown;
  stateSchema?: z.ZodType;
  /**
   * Output guardrail for model-written replies (LLM providers): e.g. citations must be among the
   * retrieved articles, numbers must come from tool output. Runs before `state`; audited.
   */
  outputGuard?: (ctx: StateContext) => GuardVerdict | Promise<GuardVerdict>;
  /** Name of the config section the tools receive as `ctx.settings` (defaults to `name`). */
  settingsKey?: string;
}

const NAME = /^[a-z][a-z0-9-]{0,39}$/;

/**
 * Declares an assistant. Checks what would otherwise fail late and obscurely: the name's shape,
 * at least one role, unique tool names, and tool roles that the assistant admits.
 */
export function defineAgent<const S extends AgentSpec>(spec: S): S {
  if (!NAME.test(spec.name)) throw new TypeError(`assistant name "${spec.name}" must be lower-case letters, digits and - (max 40)`);
  if (spec.roles.length === 0) throw new TypeError(`assistant "${spec.name}" admits no role`);
  const seen = new Set<string>();
  for (const t of spec.tools) {
    if (seen.has(t.name)) throw new TypeError(`assistant "${spec.name}" lists tool "${t.name}" twice`);
    seen.add(t.name);
    const outside = (t.roles ?? []).filter((r) => !admits(spec, r));
    if (outside.length) throw new TypeError(`tool "${t.name}" of "${spec.name}" names roles the assistant does not admit: ${outside.join(', ')}`);
  }
  return spec;
}

/** True when the assistant admits this role (`'*'` admits every role). */
export function admits(spec: Pick<AgentSpec, 'roles'>, role: Role): boolean {
  return spec.roles.includes('*') || spec.roles.includes(role);
}
