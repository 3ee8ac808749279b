import { AIMessage, ToolMessage } from '@langchain/core/messages';
import { createMiddleware } from 'langchain';
import { z } from 'zod';
import type { AuditEntry, AuditKind } from './audit-chain.js';
import { ProviderError } from './errors.js';
import type { Identity } from './identity.js';
import { toolAllowed, type AnyTool } from './tool.js';

/**
 * Per-turn facts, passed as LangGraph runtime context (`invoke(…, { context: { turn } })`), so one
 * compiled agent serves every concurrent turn: the middleware and the tools read them per call.
 */
export interface TurnScope {
  identity: Identity;
  thread: string;
  maxSteps: number;
  /** Model calls made so far in this turn. */
  steps: number;
  audit(kind: AuditKind, payload: AuditEntry['payload']): Promise<void>;
  /**
   * Records an entry that precedes no effect of its own (a model output, a tool's result). It may be
   * held and committed together with the next `audit` record or at the end of the turn: always
   * before the next tool runs and before the reply is returned. Absent: `audit` is used.
   */
  note?(kind: AuditKind, payload: AuditEntry['payload']): void;
}

/** `note` when the scope has it, else `audit`. */
function noteOrAudit(scope: TurnScope, kind: AuditKind, payload: AuditEntry['payload']): Promise<void> {
  if (!scope.note) return scope.audit(kind, payload);
  scope.note(kind, payload);
  return Promise.resolve();
}

function isTurnScope(v: unknown): v is TurnScope {
  return typeof v === 'object' && v !== null && 'identity' in v && 'audit' in v;
}

export const TurnContextSchema = z.object({
  turn: z.custom<TurnScope>(isTurnScope, 'a finagent turn scope'),
});
export type TurnContext = z.infer<typeof TurnContextSchema>;

/** The turn scope from a LangGraph runtime/config object, or a clear error when called outside a turn. */
export function turnScopeOf(runtime: { context?: unknown } | undefined): TurnScope {
  // The check TurnContextSchema makes, written out: this runs on every model and tool call.
  const context = runtime?.context;
  const turn = typeof context === 'object' && context !== null && !Array.isArray(context) ? (context as { turn?: unknown }).turn : undefined;
  if (!isTurnScope(turn)) throw new Error('finagent tool or model called outside a turn (no turn context)');
  return turn;
}

function textOf(message: AIMessage): string {
  return typeof message.content === 'string' ? message.content : JSON.stringify(message.content);
}

/**
 * Entitlements, audit and the step limit as one LangChain middleware:
 * - the model only ever sees the tools the user's role may use (wrapModelCall filters them);
 * - a call to any other tool is refused, audited and answered with a clear message (wrapToolCall);
 * - every model output, tool call and tool result is written to the audit trail;
 * - after `maxSteps` model calls the turn ends with a plain message instead of looping.
 */
export function governanceMiddleware(tools: readonly AnyTool[]) {
  const byName = new Map(tools.map((t) => [t.name, t]));
  return createMiddleware({
    name: 'FinagentGovernance',
    contextSchema: TurnContextSchema,
    wrapModelCall: async (request, handler) => {
      const scope = turnScopeOf(request.runtime);
      const role = scope.identity.user.role;
      scope.steps++;
      if (scope.steps > scope.maxSteps) {
        await scope.audit('error', { reason: 'step_limit', maxSteps: scope.maxSteps });
        return new AIMessage({ content: `Stopped: the step limit (${scope.maxSteps} model calls per turn) was reached before an answer.` });
      }
      const allowed = request.tools.filter((t) => {
        const name = (t as { name?: unknown }).name;
        const spec = typeof name === 'string' ? byName.get(name) : undefined;
        return !spec || toolAllowed(spec, role);
      });
      const response = await handler({ ...request, tools: allowed });
      const message = AIMessage.isInstance(response) ? response : undefined;
      if (message) {
        const invalid = message.invalid_tool_calls ?? [];
        await noteOrAudit(scope, 'model_output', {
          text: textOf(message),
          toolCalls: (message.tool_calls ?? []).map((c) => ({ id: c.id, name: c.name, args: c.args })),
          ...(invalid.length ? { invalidToolCalls: invalid.map((c) => ({ name: c.name, args: c.args, error: c.error })) } : {}),
        });
        if (invalid.length && !(message.tool_calls ?? []).length) {
          throw new ProviderError(`malformed tool call from the model: ${invalid.map((c) => `${c.name ?? '?'}(${c.args ?? ''})`).join(', ').slice(0, 200)}`);
        }
      }
      return response;
    },
    wrapToolCall: async (request, handler) => {
      const scope = turnScopeOf(request.runtime);
      const role = scope.identity.user.role;
      const { name, args, id } = request.toolCall;
      const spec = byName.get(name);
      if (!spec || !toolAllowed(spec, role)) {
        const reason = spec ? `the ${role} role may not use the tool "${name}"` : `there is no tool "${name}" for this assistant`;
        await scope.audit('refusal', { tool: name, args, reason });
        return new ToolMessage({ content: `Error: refused — ${reason}.`, tool_call_id: id ?? '', name, status: 'error' });
      }
      await scope.audit('tool_call', { id, tool: name, args });
      const result = await handler(request);
      if (ToolMessage.isInstance(result)) {
        const content = typeof result.content === 'string' ? result.content : JSON.stringify(result.content);
        await noteOrAudit(scope, result.status === 'error' ? 'tool_error' : 'tool_result', { id, tool: name, content });
      }
      return result;
    },
  });
}
