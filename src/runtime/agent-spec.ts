import type Database from 'better-sqlite3';
import type { z } from 'zod';
import type { Planner } from './planner.js';
import type { AnyTool } from './tool.js';
import type { Role, User } from './users.js';

/** One tool call as reported in `chat --json` and to the eval harness. */
export interface ToolCallRecord {
  name: string;
  args: Record<string, unknown>;
  result?: unknown;
  error?: string;
}

export interface StateContext {
  db: Database.Database;
  home: string;
  thread: string;
  user: User;
  /** Tool calls made during the turn just finished. */
  toolCalls: ToolCallRecord[];
  settings: Record<string, unknown>;
  now(): Date;
  /** The turn's final reply (after the output guard, if any). */
  reply: string;
  /** The provider that produced the turn: offline replies are built from tool output by construction. */
  provider: 'offline' | 'openai' | 'ollama';
}

/** What an output guard says about a model-written reply. */
export interface GuardVerdict {
  ok: boolean;
  /** The reply to show: unchanged when ok, otherwise with the offending parts flagged or removed. */
  reply: string;
  findings: unknown[];
}

/**
 * An assistant declared as data: the registry lists these; the runtime turns one into a
 * LangChain `createAgent` with the user's permitted tools and the chosen provider.
 */
export interface AgentSpec {
  name: string;
  title: string;
  description: string;
  /** Roles that may talk to this assistant at all. */
  roles: readonly Role[];
  systemPrompt: { zh: string; en: string };
  tools: readonly AnyTool[];
  /** The offline engine's planner for this assistant. */
  planner: Planner;
  /** Assistant-specific `state` for `chat -m --json` (read from the database, not from the model). */
  state?: (ctx: StateContext) => unknown;
  stateSchema?: z.ZodType;
  /**
   * Output guardrail for model-written replies (LLM providers): e.g. citations must be among the
   * retrieved articles, numbers must come from tool output. Runs before `state`; audited.
   */
  outputGuard?: (ctx: Omit<StateContext, 'reply'> & { reply: string }) => GuardVerdict | Promise<GuardVerdict>;
  /** Name of the config section the tools receive as `ctx.settings` (defaults to `name`). */
  settingsKey?: string;
}
