/**
 * Desk-head approvals over HTTP, and `GET /me` for the web page. An approval is decided by the same
 * tool as in chat and `finagent approve` (`approve_quote`: proven approver, same desk, not the trader,
 * bound to the exact economics, lapsing with the quote), with the same audit records as `rt.runTool`.
 * The tool is executed here rather than through `runTool` because the HTTP answer needs the refusal's
 * check code (four_eyes, desk, approval_state…), which `runTool` folds into its error text.
 *
 * Statuses: a role that may not decide approvals at all → 403 `forbidden`; a rule that refuses this
 * decision (four eyes, another desk, already decided, lapsed, quote changed) → 409 `refused` with the
 * check code leading the message; an unknown request id → 404.
 */
import type { Hono } from 'hono';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { AccessDenied } from '../../runtime/access.js';
import { admits, type AgentSpec } from '../../runtime/agent-spec.js';
import { OperationError, ToolRefusal, UserInputError } from '../../runtime/errors.js';
import { executeTool } from '../../runtime/execute-tool.js';
import type { Identity } from '../../runtime/identity.js';
import { toolAllowed, type AnyTool } from '../../runtime/tool.js';
import type { AppEnv, ServerDeps } from '../env.js';
import { NotFound, readJson } from '../errors.js';

const DECIDE_TOOL = 'approve_quote';
const LIST_TOOL = 'list_approvals';

const DecisionBody = z.object({
  decision: z.enum(['approve', 'reject']),
  reason: z.string().max(500).optional(),
});

/** The assistant that carries the approval tools (the dealing assistant, or a replacement that has them). */
function approvalsAssistant(deps: ServerDeps): { spec: AgentSpec; tool(name: string): AnyTool } {
  const spec = deps.rt.agentSpecs().find((a) => a.tools.some((t) => t.name === DECIDE_TOOL));
  if (!spec) throw new NotFound('approvals are not served: no assistant with the approve_quote tool is loaded (the dealing assistant)');
  return {
    spec,
    tool(name) {
      const t = spec.tools.find((x) => x.name === name);
      if (!t) throw new NotFound(`the ${spec.name} assistant has no ${name} tool`);
      return t;
    },
  };
}

/** True when the user's role may decide approvals (the assistant admits it and the tool allows it). */
function mayApprove(deps: ServerDeps, identity: Identity): boolean {
  const spec = deps.rt.agentSpecs().find((a) => a.tools.some((t) => t.name === DECIDE_TOOL));
  const tool = spec?.tools.find((t) => t.name === DECIDE_TOOL);
  return !!spec && !!tool && admits(spec, identity.user.role) && toolAllowed(tool, identity.user.role);
}

/**
 * Runs one approval tool as the caller, audited exactly as `rt.runTool` audits (refusal, or
 * tool_call then tool_result / tool_error), on the caller's `approvals-<user>` thread.
 */
async function callApprovalTool(deps: ServerDeps, identity: Identity, name: string, input: Record<string, unknown>): Promise<unknown> {
  const { rt } = deps;
  const { spec, tool: toolNamed } = approvalsAssistant(deps);
  const tool = toolNamed(name);
  const { user } = identity;
  const thread = `approvals-${user.id}`;
  const audit = rt.auditor(identity, spec.name, thread);
  if (!admits(spec, user.role)) {
    await audit('refusal', { reason: 'role may not use this assistant', role: user.role });
    throw new AccessDenied(`user ${user.id} (${user.role}) may not use the ${spec.name} assistant, so may not see or decide approvals`, { agent: spec.name });
  }
  if (!toolAllowed(tool, user.role)) {
    const reason = `the ${user.role} role may not use the tool "${name}"`;
    await audit('refusal', { tool: name, args: input, reason });
    throw new AccessDenied(`${user.id} (${user.role}) may not decide approvals: ${reason} (desk heads approve)`, { tool: name });
  }
  const callId = `http-${randomUUID()}`;
  await audit('tool_call', { id: callId, tool: name, args: input });
  const outcome = await executeTool(tool, input, rt.toolContext(spec, identity, thread, callId));
  if (outcome.ok) {
    await audit('tool_result', { id: callId, tool: name, content: JSON.stringify(outcome.result) });
    return outcome.result;
  }
  await audit('tool_error', { id: callId, tool: name, content: outcome.error });
  const check = outcome.refusal?.check ?? null;
  if (check === 'approval_not_found') throw new NotFound(outcome.error);
  if (outcome.kind === 'bad_args' || check === 'input') throw new UserInputError(outcome.error);
  if (outcome.kind === 'refusal') throw new ToolRefusal(`${check ?? 'refused'}: ${outcome.error}`, check ?? undefined);
  throw new OperationError(outcome.error);
}

export function register(app: Hono<AppEnv>, deps: ServerDeps): void {
  app.get('/me', (c) => {
    const identity = c.get('identity');
    const { id, name, role, desk } = identity.user;
    return c.json({
      user: { id, name, role, desk: desk ?? null },
      agents: deps.rt.agentsFor(identity.user).map((a) => ({ name: a.name, title: a.title, description: a.description })),
      canApprove: mayApprove(deps, identity),
    });
  });

  app.get('/approvals', async (c) => c.json(await callApprovalTool(deps, c.get('identity'), LIST_TOOL, {})));

  app.post('/approvals/:id', async (c) => {
    const body = await readJson(c, DecisionBody);
    const approvalId = c.req.param('id');
    const input = { approvalId, decision: body.decision, ...(body.reason ? { reason: body.reason } : {}) };
    return c.json(await callApprovalTool(deps, c.get('identity'), DECIDE_TOOL, input));
  });
}
