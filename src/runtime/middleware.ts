import { AIMessage, ToolMessage } from '@langchain/core/messages';
import { createMiddleware } from 'langchain';
import type { AuditEntry, AuditKind } from './audit.js';
import { ProviderError } from './errors.js';
import { toolAllowed, type AnyTool } from './tool.js';
import type { Role } from './users.js';

/** Per-turn facts the middleware needs; read at call time, so one compiled agent serves every turn. */
export interface TurnScope {
  role: Role;
  maxSteps: number;
  /** Model calls made so far in this turn. */
  steps: number;
  audit(kind: AuditKind, payload: AuditEntry['payload']): void;
}

export interface GovernanceOptions {
  tools: readonly AnyTool[];
  scope(): TurnScope;
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
export function governanceMiddleware(opts: GovernanceOptions) {
  const byName = new Map(opts.tools.map((t) => [t.name, t]));
  return createMiddleware({
    name: 'FinagentGovernance',
    wrapModelCall: async (request, handler) => {
      const scope = opts.scope();
      scope.steps++;
      if (scope.steps > scope.maxSteps) {
        const text = `Stopped: the step limit (${scope.maxSteps} model calls per turn) was reached before an answer.`;
        scope.audit('error', { reason: 'step_limit', maxSteps: scope.maxSteps });
        return new AIMessage({ content: text });
      }
      const tools = request.tools.filter((t) => {
        const name = (t as { name?: unknown }).name;
        const spec = typeof name === 'string' ? byName.get(name) : undefined;
        return !spec || toolAllowed(spec, scope.role);
      });
      const response = await handler({ ...request, tools });
      const message = AIMessage.isInstance(response) ? response : undefined;
      if (message) {
        const invalid = message.invalid_tool_calls ?? [];
        scope.audit('model_output', {
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
      const scope = opts.scope();
      const { name, args, id } = request.toolCall;
      const spec = byName.get(name);
      if (!spec || !toolAllowed(spec, scope.role)) {
        const reason = spec ? `the ${scope.role} role may not use the tool "${name}"` : `there is no tool "${name}" for this assistant`;
        scope.audit('refusal', { tool: name, args, reason });
        return new ToolMessage({ content: `Error: refused — ${reason}.`, tool_call_id: id ?? '', name, status: 'error' });
      }
      scope.audit('tool_call', { id, tool: name, args });
      const result = await handler(request);
      if (ToolMessage.isInstance(result)) {
        const content = typeof result.content === 'string' ? result.content : JSON.stringify(result.content);
        scope.audit(result.status === 'error' ? 'tool_error' : 'tool_result', { id, tool: name, content });
      }
      return result;
    },
  });
}
