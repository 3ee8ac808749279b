/**
 * The OpenAI-compatible endpoint: `POST /v1/chat/completions` (model `finagent-<assistant>`, streamed
 * or not) and `GET /v1/models` (the caller's assistants). Each completion is one finagent turn —
 * entitlements, tools, audit and thread as in any chat — whose reply is the assistant message;
 * finagent's tool calls and state ride along in the `finagent` field that standard clients ignore.
 * Thread continuity rules: src/integrations/openai/chat.ts and docs/openai.md.
 */
import type { Context, Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import {
  agentOfModel,
  ChatCompletionRequestSchema,
  completionId,
  completionObject,
  explicitKey,
  extensionOf,
  historyKey,
  historyThread,
  keyedThread,
  modelId,
  replyPieces,
  splitConversation,
  usageOf,
  type ThreadSource,
} from '../../integrations/openai/chat.js';
import { admits, type AgentSpec } from '../../runtime/agent-spec.js';
import { FinagentError } from '../../runtime/errors.js';
import type { Identity } from '../../runtime/identity.js';
import type { Runtime } from '../../runtime/runtime.js';
import type { TurnResult } from '../../runtime/turn-result.js';
import type { AppEnv, ServerDeps } from '../env.js';
import { jsonError, statusFor } from '../errors.js';

/** Key-value namespace: conversation-so-far digest → finagent thread. */
const HISTORY_NS = 'openai-history';
/** Audit thread for refusals that happen before any thread is chosen. */
const AUDIT_THREAD = 'openai';
/** SSE comment interval while a turn runs, so proxies do not cut an idle stream. */
const KEEPALIVE_MS = 15_000;

function modelObject(spec: AgentSpec) {
  // `created` is required by the schema but meaningless here: a fixed 0 rather than a changing time.
  return { id: modelId(spec.name), object: 'model' as const, created: 0, owned_by: 'finagent' };
}

/** The assistant for a model id, or an error response: unknown → 404, not for this role → 403 (audited). */
async function resolveModel(c: Context<AppEnv>, rt: Runtime, identity: Identity, model: string): Promise<AgentSpec | Response> {
  const name = agentOfModel(model);
  const spec = name ? rt.agentSpecs().find((a) => a.name === name) : undefined;
  if (!spec) return jsonError(c, 404, 'model_not_found', `no model "${model}": finagent models are ${rt.agentNames().map(modelId).join(', ')} (GET /v1/models lists yours)`);
  if (!admits(spec, identity.user.role)) {
    await rt.auditor(identity, spec.name, AUDIT_THREAD)('refusal', { reason: 'role may not use this assistant', role: identity.user.role, surface: 'openai' });
    return jsonError(c, 403, 'forbidden', `user ${identity.user.id} (${identity.user.role}) may not use the ${spec.name} assistant (allowed roles: ${spec.roles.join(', ')})`);
  }
  return spec;
}

export function register(app: Hono<AppEnv>, deps: ServerDeps): void {
  const { rt } = deps;

  app.get('/v1/models', (c) => c.json({ object: 'list', data: rt.agentsFor(c.get('identity').user).map(modelObject) }));

  app.get('/v1/models/:model', async (c) => {
    const spec = await resolveModel(c, rt, c.get('identity'), c.req.param('model'));
    return spec instanceof Response ? spec : c.json(modelObject(spec));
  });

  app.post('/v1/chat/completions', async (c) => {
    const identity = c.get('identity');
    let raw: unknown;
    try {
      raw = await c.req.json();
    } catch {
      return jsonError(c, 400, 'bad_input', 'the body is not JSON');
    }
    const parsed = ChatCompletionRequestSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return jsonError(c, 400, 'bad_input', `${issue?.path.join('.') || '(body)'}: ${issue?.message}`);
    }
    const req = parsed.data;
    const spec = await resolveModel(c, rt, identity, req.model);
    if (spec instanceof Response) return spec;
    const convo = splitConversation(req.messages);
    if ('error' in convo) return jsonError(c, 400, 'bad_input', convo.error);
    if (convo.message.trim().length > rt.config.maxMessageChars) {
      return jsonError(c, 400, 'bad_input', `the message is ${convo.message.trim().length} characters; the limit is ${rt.config.maxMessageChars}`);
    }
    if (deps.inflight.draining) return jsonError(c, 503, 'draining', 'the server is shutting down');

    // Which thread this request continues: an explicit key, else the remembered (or derived) thread
    // of the conversation so far, else a new one.
    const userId = identity.user.id;
    let thread: string;
    let threadFrom: ThreadSource;
    const key = explicitKey(req);
    if (key) {
      thread = keyedThread(userId, spec.name, key.key);
      threadFrom = key.from;
    } else {
      const known = convo.prior.length ? await rt.stores.kv.get<{ thread: string }>(HISTORY_NS, historyKey(userId, spec.name, convo.prior)) : null;
      thread = known?.thread ?? historyThread(userId, spec.name, convo.prior);
      threadFrom = known ? 'history' : convo.prior.length ? 'derived' : 'new';
    }
    // The thread ids are derived from the caller, so this only fires on a corrupted store; checked
    // here so that a streamed request gets its 403 before the stream starts.
    const existing = await rt.thread(thread);
    if (existing && (existing.owner !== userId || existing.agent !== spec.name)) return jsonError(c, 403, 'forbidden', `thread "${thread}" belongs to another user or assistant`);

    const id = completionId();
    const created = Math.floor(rt.now().getTime() / 1000);
    const model = modelId(spec.name);
    const offline = rt.config.provider === 'offline';
    const runTurn = async (): Promise<TurnResult> => {
      deps.inflight.count++;
      try {
        const result = await rt.runTurn({ agent: spec.name, message: convo.message, thread, user: identity, metadata: { surface: 'openai', threadFrom } });
        // Remember where this conversation lives, keyed by what the client will send next time.
        const next = [...convo.prior, { role: 'user' as const, text: convo.message }, { role: 'assistant' as const, text: result.reply }];
        await rt.stores.kv.put(HISTORY_NS, historyKey(userId, spec.name, next), { thread }, rt.now());
        return result;
      } finally {
        deps.inflight.count--;
      }
    };

    if (!req.stream) {
      const result = await runTurn();
      return c.json(completionObject({ id, created, model, result, threadFrom, usage: usageOf(result, offline) }));
    }

    return streamSSE(c, async (stream) => {
      const chunk = (choices: unknown[], extra: Record<string, unknown> = {}) =>
        stream.writeSSE({ data: JSON.stringify({ id, object: 'chat.completion.chunk', created, model, system_fingerprint: null, choices, ...extra }) });
      await chunk([{ index: 0, delta: { role: 'assistant', content: '' }, logprobs: null, finish_reason: null }]);
      // The reply is sent once the turn is complete: finagent's output checks (citations, figures) run
      // on the whole reply before any of it is shown. A dropped connection does not cancel the turn —
      // a half-run dealing turn is worse than a finished one nobody read.
      const keepalive = setInterval(() => void stream.write(': keep-alive\n\n').catch(() => {}), KEEPALIVE_MS);
      let result: TurnResult;
      try {
        result = await runTurn();
      } catch (e) {
        const { code } = statusFor(e);
        const message = FinagentError.isInstance(e) ? e.message : 'internal error (see the server log for the request id)';
        if (!FinagentError.isInstance(e)) deps.log({ level: 'error', msg: 'unhandled', requestId: c.get('requestId'), error: (e as Error).message });
        // The `openai` client raises an APIError for a data event carrying `error`.
        await stream.writeSSE({ data: JSON.stringify({ error: { code, message } }) });
        await stream.writeSSE({ data: '[DONE]' });
        return;
      } finally {
        clearInterval(keepalive);
      }
      for (const piece of replyPieces(result.reply)) await chunk([{ index: 0, delta: { content: piece }, logprobs: null, finish_reason: null }]);
      await chunk([{ index: 0, delta: {}, logprobs: null, finish_reason: 'stop' }], { finagent: extensionOf(result, threadFrom) });
      const usage = usageOf(result, offline);
      if (req.stream_options?.include_usage && usage) await chunk([], { usage });
      await stream.writeSSE({ data: '[DONE]' });
    });
  });
}
