import type { z } from 'zod';
import type { Storage, Stores } from '../storage/types.js';
import type { Identity } from './identity.js';
import type { Role, User } from './users.js';

/**
 * What a tool gets besides its input: the end user's proven (or local) identity — tools act with the
 * user's permissions — the thread, typed stores, the assistant's settings and an injectable clock.
 */
export interface ToolContext {
  user: User;
  identity: Identity;
  agent: string;
  thread: string;
  /** FINAGENT_HOME (absolute). Knowledge stores and exported files live under it. */
  home: string;
  /** Autocommit repositories (RFQs, tickets, audit, approvals, key-value…). */
  stores: Stores;
  /** The storage engine, for units of work: `ctx.storage.transaction(async (tx) => …)` or `once(…)`. */
  storage: Storage;
  /** Assistant-specific configuration section (e.g. `config.dealing`), already merged from file/env/flags. */
  settings: Record<string, unknown>;
  /** Injectable clock: tests and deterministic replay pin it. */
  now(): Date;
  /** Stable key for this tool call (thread + tool-call id): side-effecting tools use it for idempotency. */
  idempotencyKey: string;
}

/**
 * A tool declared as data. The zod schemas are the single source of truth: they are shown to the
 * model, validate the model's arguments, validate the result, and feed `--json` output, HTTP, MCP and
 * evals. A tool throws `ToolRefusal` for a business refusal and `UserInputError` for bad arguments.
 */
export interface FinagentTool<I extends z.ZodObject = z.ZodObject, O extends z.ZodType = z.ZodType> {
  name: string;
  description: string;
  input: I;
  output: O;
  /** Roles allowed to use the tool; when absent, every role the agent admits. */
  roles?: readonly Role[];
  /** True for tools that change state (book, quote…): the runtime passes an idempotency key. */
  sideEffects?: boolean;
  execute(input: z.infer<I>, ctx: ToolContext): Promise<z.infer<O>> | z.infer<O>;
}

export function defineTool<I extends z.ZodObject, O extends z.ZodType>(tool: FinagentTool<I, O>): FinagentTool<I, O> {
  return tool;
}

/** A tool with its generic parameters erased, for registries and lists. */
export type AnyTool = FinagentTool<z.ZodObject, z.ZodType>;

export function toolAllowed(tool: AnyTool, role: Role): boolean {
  return !tool.roles || tool.roles.includes(role);
}
