import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppEnv } from './env.js';
import { sseResponse, sseText } from './sse.js';

const events = [
  { id: '1', event: 'metadata', data: '{"run_id":"r1"}' },
  { id: '2', event: 'values', data: '{"messages":[{"content":"5年国开 收 1E"}]}' },
  { event: 'note', data: 'two\nlines' },
];

/** An app whose stream sends `events`, then (when `hold`) waits for the client to go away. */
function appWith(seen: { aborted: boolean; finished: boolean }, hold = false) {
  const app = new Hono<AppEnv>();
  app.use('*', async (c, next) => {
    c.header('X-Request-Id', 'req-1');
    await next();
  });
  app.get('/stream', (c) =>
    sseResponse(c, async (send, signal) => {
      for (const e of events) await send(e);
      if (hold) await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
      seen.aborted = signal.aborted;
      seen.finished = true;
    }),
  );
  return app;
}

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

async function listen(app: Hono<AppEnv>): Promise<string> {
  return new Promise((resolve) => {
    server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => resolve(`http://127.0.0.1:${info.port}`)) as Server;
  });
}

describe('sseResponse', () => {
  it('ends the stream and reports a producer that throws, on both paths', async () => {
    const errors: string[] = [];
    const app = new Hono<AppEnv>();
    app.get('/broken', (c) =>
      sseResponse(
        c,
        async (send) => {
          await send({ event: 'metadata', data: '{}' });
          throw new Error('state not serializable');
        },
        (e) => errors.push((e as Error).message),
      ),
    );
    const expected = sseText({ event: 'metadata', data: '{}' }) + sseText({ event: 'error', data: '{"error":"internal","message":"internal error (see the server log for the request id)"}' });
    expect(await (await app.request('/broken')).text()).toBe(expected);
    const url = await listen(app);
    expect(await (await fetch(`${url}/broken`)).text()).toBe(expected);
    expect(errors).toEqual(['state not serializable', 'state not serializable']);
  });

  it('writes the same bytes and headers straight to the socket as through the web stream', async () => {
    const seen = { aborted: false, finished: false };
    const app = appWith(seen);
    const viaStream = await app.request('/stream');
    const url = await listen(app);
    const viaSocket = await fetch(`${url}/stream`);
    const expected = events.map(sseText).join('');
    expect(expected).toContain('data: two\ndata: lines\n');
    expect(await viaStream.text()).toBe(expected);
    expect(await viaSocket.text()).toBe(expected);
    for (const res of [viaStream, viaSocket]) {
      expect(res.headers.get('content-type')).toBe('text/event-stream');
      expect(res.headers.get('x-request-id')).toBe('req-1');
    }
    expect(seen).toEqual({ aborted: false, finished: true });
  });

  it('aborts the producer when the client goes away, and the server keeps serving', async () => {
    const seen = { aborted: false, finished: false };
    const url = await listen(appWith(seen, true));
    const stop = new AbortController();
    const res = await fetch(`${url}/stream`, { signal: stop.signal });
    const reader = res.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(first).toContain('event: metadata');
    stop.abort();
    for (let i = 0; i < 100 && !seen.finished; i++) await new Promise((r) => setTimeout(r, 10));
    expect(seen).toEqual({ aborted: true, finished: true });
    // The next client is served as usual.
    const next = new AbortController();
    const second = await fetch(`${url}/stream`, { signal: next.signal });
    expect(new TextDecoder().decode((await second.body!.getReader().read()).value)).toContain('event: metadata');
    next.abort();
  });
});
