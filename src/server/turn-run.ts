/**
 * One turn as a LangGraph "run": registered (one per thread at a time), streamed into the run's event
 * log in the SDK's event names, finished with the `chat --json` result inside the final `values`.
 * The run belongs to the server, not to the HTTP connection that started it: a client that goes away
 * does not cancel it (`on_disconnect: continue`), and can rejoin its stream.
 */
import { isBaseMessage, isBaseMessageChunk, type BaseMessage, type BaseMessageChunk } from '@langchain/core/messages';
import { FinagentError } from '../runtime/errors.js';
import type { Identity } from '../runtime/identity.js';
import type { TurnEvent } from '../runtime/runtime.js';
import type { TurnResult } from '../runtime/turn-result.js';
import type { ServerDeps } from './env.js';
import { Draining, statusFor } from './errors.js';
import type { Run } from './run-registry.js';

/** Every stream mode name the SDK knows; a name outside this list is a client bug (400), not silence. */
export const KNOWN_STREAM_MODES = ['values', 'messages', 'updates', 'events', 'debug', 'tasks', 'checkpoints', 'custom', 'messages-tuple', 'tools', 'lifecycle'] as const;
/** The modes that produce events here; the others are accepted and stay silent (documented). */
export const SUPPORTED_STREAM_MODES = ['values', 'updates', 'messages', 'messages-tuple'] as const;
export type StreamModeName = (typeof KNOWN_STREAM_MODES)[number];

/** The final values of a run: LangGraph's state (`messages`) with the `chat --json` result beside it. */
export type RunValues = { messages: BaseMessage[] } & TurnResult;

/**
 * LangGraph stream chunks → SDK events for the requested modes. `messages-tuple` is the current SDK
 * mode (`event: messages`, `[message, metadata]`); `messages` is the older server mode
 * (`messages/metadata` once per message, `messages/partial` as it grows, `messages/complete` when it
 * appears in the state), mirrored from the open LangGraph dev server.
 */
export class StreamTranslator {
  private readonly partial = new Map<string, BaseMessageChunk | BaseMessage>();
  private readonly completed = new Set<string>();

  constructor(private readonly modes: ReadonlySet<string>) {}

  translate(chunk: TurnEvent): Array<[event: string, data: unknown]> {
    const out: Array<[string, unknown]> = [];
    if (chunk.mode === 'values') {
      if (this.modes.has('values')) out.push(['values', chunk.data]);
      if (this.modes.has('messages')) {
        const messages = (chunk.data as { messages?: unknown }).messages;
        const fresh = Array.isArray(messages) ? messages.filter((m): m is BaseMessage => isBaseMessage(m) && !!m.id && !this.completed.has(m.id)) : [];
        for (const m of fresh) this.completed.add(m.id!);
        if (fresh.length) out.push(['messages/complete', fresh]);
      }
    } else if (chunk.mode === 'updates') {
      if (this.modes.has('updates')) out.push(['updates', chunk.data]);
    } else if (chunk.mode === 'messages') {
      const [message, metadata] = chunk.data as [BaseMessage, Record<string, unknown>];
      if (this.modes.has('messages-tuple')) out.push(['messages', [message, metadata]]);
      if (this.modes.has('messages') && message.id) {
        const seen = this.partial.get(message.id);
        if (!seen) out.push(['messages/metadata', { [message.id]: { metadata } }]);
        const grown = seen && isBaseMessageChunk(seen) && isBaseMessageChunk(message) ? seen.concat(message) : message;
        this.partial.set(message.id, grown);
        out.push(['messages/partial', [grown]]);
      }
    }
    return out;
  }
}

export interface TurnRunRequest {
  identity: Identity;
  threadId: string;
  assistantId: string;
  message: string;
  /** Stored with the thread when this run creates it. */
  threadMetadata: Record<string, unknown>;
  /** Run metadata (echoed in the run object). */
  runMetadata: Record<string, unknown>;
  streamModes: ReadonlySet<string>;
  requestId?: string;
}

/** The error as the SSE `error` event / the `wait` answer: a code and a message, never a stack. */
export function errorPayload(e: unknown): { error: string; message: string } {
  if (FinagentError.isInstance(e)) return { error: statusFor(e).code, message: e.message };
  return { error: 'internal', message: 'internal error (see the server log for the request id)' };
}

/**
 * Starts the turn and returns its run once the turn has really begun (its first state chunk). A turn
 * refused before that — the role may not use the assistant, another user's thread, a thread of another
 * assistant, an empty message — throws here, so the caller answers with an HTTP status instead of
 * opening a stream that only carries an error; the run is then forgotten.
 */
export async function startTurnRun(deps: ServerDeps, req: TurnRunRequest): Promise<Run> {
  const { rt } = deps;
  if (deps.inflight.draining) throw new Draining();
  const run = deps.runs.begin({
    threadId: req.threadId,
    assistantId: req.assistantId,
    owner: req.identity.user.id,
    metadata: req.runMetadata,
    createdAt: rt.now().toISOString(),
  });
  run.push('metadata', { run_id: run.id, thread_id: req.threadId, attempt: 1 });
  const translator = new StreamTranslator(req.streamModes);
  let lastMessages: BaseMessage[] = [];
  let begun = false;
  let began!: () => void;
  const started = new Promise<void>((resolve) => (began = resolve));
  deps.inflight.count++;
  const turn = rt
    .runTurn(
      { agent: req.assistantId, message: req.message, thread: req.threadId, user: req.identity, metadata: req.threadMetadata },
      {
        // Only the modes this run's readers asked for (values always: the final state comes from it).
        // A rejoin may filter these, never widen them.
        streamModes: [
          'values',
          ...(req.streamModes.has('updates') ? (['updates'] as const) : []),
          ...(req.streamModes.has('messages') || req.streamModes.has('messages-tuple') ? (['messages'] as const) : []),
        ],
        onEvent: (chunk) => {
          if (!begun) {
            begun = true;
            run.status = 'running';
            began();
          }
          if (chunk.mode === 'values') {
            const messages = (chunk.data as { messages?: unknown }).messages;
            if (Array.isArray(messages)) lastMessages = messages as BaseMessage[];
          }
          for (const [event, data] of translator.translate(chunk)) run.push(event, data);
        },
      },
    )
    .then(
      (result) => {
        const values: RunValues = { messages: lastMessages, ...result };
        run.result = values;
        if (req.streamModes.has('values')) run.push('values', values);
        run.push('end', { run_id: run.id, status: 'success' });
        deps.runs.finish(run, 'success', rt.now().toISOString());
      },
      (error: unknown) => {
        run.error = error;
        if (!FinagentError.isInstance(error)) deps.log({ level: 'error', msg: 'run failed', requestId: req.requestId, runId: run.id, thread: req.threadId, error: (error as Error)?.message ?? String(error) });
        if (!begun) {
          // Refused before it began: nothing was streamed, nobody can have joined it.
          deps.runs.discard(run);
          run.finish('error', rt.now().toISOString(), 0);
          return;
        }
        run.push('error', errorPayload(error));
        run.push('end', { run_id: run.id, status: 'error' });
        deps.runs.finish(run, 'error', rt.now().toISOString());
      },
    )
    .finally(() => {
      deps.inflight.count--;
    });
  await Promise.race([started, turn]);
  if (!begun && run.status === 'error') throw run.error;
  return run;
}

/** Waits for the run's end: its final values, or the error that ended it. */
export async function runOutcome(run: Run): Promise<RunValues> {
  await run.ended;
  if (run.status === 'success') return run.result as RunValues;
  throw run.error ?? new Error(`run ${run.id} ended ${run.status}`);
}
