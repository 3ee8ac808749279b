/**
 * Server-sent events, written straight to Node's response when the app is served by
 * `@hono/node-server` (its documented `RESPONSE_ALREADY_SENT` hand-off), and through Hono's web-stream
 * `streamSSE` otherwise (`app.request()` in tests, other runtimes). The direct path matters under
 * load: a turn streamed in `values` mode is several events of several kilobytes each, and the web
 * stream between the handler and the socket (a TransformStream, a reader, a write per event) was a
 * tenth of the server's CPU. Here the events a run has ready are written in one corked batch.
 */
import type { ServerResponse } from 'node:http';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { AppEnv } from './env.js';

export interface SseMessage {
  id?: string;
  event?: string;
  data: string;
}

/** Sends one event; resolves when the socket can take more (backpressure). */
export type SseSend = (message: SseMessage) => Promise<void>;

/** The wire form of one event (the same lines Hono's `writeSSE` writes). */
export function sseText(m: SseMessage): string {
  let out = m.event ? `event: ${m.event}\n` : '';
  for (const line of m.data.split(/\r\n|\r|\n/)) out += `data: ${line}\n`;
  if (m.id) out += `id: ${m.id}\n`;
  return `${out}\n`;
}

const SSE_HEADERS = { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', Connection: 'keep-alive' } as const;

/**
 * Answers with an SSE stream that `produce` fills. `produce` gets a send function and a signal that
 * aborts when the client goes away; the stream ends when `produce` returns.
 */
export function sseResponse(c: Context<AppEnv>, produce: (send: SseSend, signal: AbortSignal) => Promise<void>, onError?: (e: unknown) => void): Response {
  // A producer that fails is reported to the server (onError) and ends the stream with the
  // protocol's error event, the same on both paths, with no internal detail for the client.
  const guarded = async (send: SseSend, signal: AbortSignal) => {
    try {
      await produce(send, signal);
    } catch (e) {
      onError?.(e);
      await send({ event: 'error', data: INTERNAL_ERROR }).catch(() => undefined);
    }
  };
  const outgoing = c.env?.outgoing;
  if (!outgoing || outgoing.headersSent) {
    return streamSSE(c, async (stream) => {
      const stop = new AbortController();
      stream.onAbort(() => stop.abort());
      await guarded((m) => stream.writeSSE(m), stop.signal);
    });
  }
  // The headers the middleware prepared (request id, server time) with the SSE ones.
  const head = c.newResponse(null, 200, SSE_HEADERS);
  outgoing.writeHead(200, Object.fromEntries(head.headers));
  void pump(outgoing, guarded);
  return RESPONSE_ALREADY_SENT;
}

const INTERNAL_ERROR = JSON.stringify({ error: 'internal', message: 'internal error (see the server log for the request id)' });

async function pump(outgoing: ServerResponse, produce: (send: SseSend, signal: AbortSignal) => Promise<void>): Promise<void> {
  const stop = new AbortController();
  const onClose = () => stop.abort();
  outgoing.once('close', onClose);
  let wrote = false;
  // A rejoin may wait for the run's next event: the client still gets its headers now.
  const flushHead = setImmediate(() => {
    if (!wrote && !outgoing.writableEnded) outgoing.flushHeaders();
  });
  const send: SseSend = async (m) => {
    if (stop.signal.aborted || outgoing.writableEnded) return;
    wrote = true;
    // The events a run has ready arrive in one tick: they leave in one write.
    if (!outgoing.writableCorked) {
      outgoing.cork();
      process.nextTick(() => outgoing.uncork());
    }
    if (outgoing.write(sseText(m))) return;
    await new Promise<void>((resolve) => {
      const done = () => {
        outgoing.off('drain', done);
        stop.signal.removeEventListener('abort', done);
        resolve();
      };
      outgoing.once('drain', done);
      stop.signal.addEventListener('abort', done, { once: true });
    });
  };
  try {
    await produce(send, stop.signal);
  } finally {
    clearImmediate(flushHead);
    outgoing.off('close', onClose);
    if (!outgoing.writableEnded) outgoing.end();
  }
}
