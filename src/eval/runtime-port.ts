import type { AgentSpec, ToolCallRecord } from '../runtime/agent-spec.js';
import type { ToolRequest, TurnRequest } from '../runtime/runtime.js';

export type { ToolRequest, TurnRequest };

/**
 * What the eval runner needs from a runtime. The real adapter (runtime-adapter.ts) wraps
 * `createRuntime` from src/runtime/runtime.ts; tests use `createSpecRuntime` (spec-runtime.ts).
 */

export interface TurnResult {
  reply: string;
  toolCalls: ToolCallRecord[];
  state: unknown;
  /** Reported by providers that count tokens; absent offline. */
  usage?: { inputTokens?: number; outputTokens?: number };
}

export interface EvalRuntime {
  runTurn(req: TurnRequest): Promise<TurnResult>;
  /** Executes one tool directly (entitlements and audit apply); resolves to its output, rejects on refusal/error. */
  runTool(req: ToolRequest): Promise<unknown>;
  close(): void | Promise<void>;
}

export interface RuntimeFactoryOptions {
  /** Fresh FINAGENT_HOME for this eval run. */
  home: string;
  /** Assistants to register; undefined = the runtime's default registry. */
  agents?: AgentSpec[];
  /** The injected clock (per case, see runner). */
  now: () => Date;
  provider?: string;
  settings?: Record<string, unknown>;
}

export type RuntimeFactory = (opts: RuntimeFactoryOptions) => Promise<EvalRuntime>;
