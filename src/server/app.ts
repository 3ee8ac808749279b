/**
 * The HTTP service: one Hono app over one runtime. Middleware are small and composable: request id,
 * structured log, server clock header, body limit, authentication (token or JWT — the identity comes
 * only from the credential), per-token rate limit; errors always `{ error: { code, message } }`.
 */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { requestId } from 'hono/request-id';
import { authenticate } from '../auth/authenticate.js';
import type { JwtVerifier } from '../auth/jwt.js';
import type { Runtime } from '../runtime/runtime.js';
import type { AppEnv, ServerDeps } from './env.js';
import { jsonError, statusFor } from './errors.js';
import { RunRegistry, type RunRegistryOptions } from './run-registry.js';
import { register as registerApprovals } from './routes/approvals.js';
import { register as registerLangGraph } from './routes/langgraph.js';
import { register as registerMcp } from './routes/mcp.js';
import { register as registerOpenAI } from './routes/openai.js';
import { register as registerTickets } from './routes/tickets.js';
import { register as registerWeb } from './routes/web.js';

export interface AppOptions {
  rt: Runtime;
  jwt?: JwtVerifier | null;
  /** Largest request body accepted (bytes). */
  maxBodyBytes?: number;
  /** Requests per minute per credential (0 = unlimited; default from config). */
  rateLimitPerMinute?: number;
  log?: (event: Record<string, unknown>) => void;
  /** Retention of runs for rejoin (events per run, how long and how many ended runs are kept). */
  runs?: RunRegistryOptions;
}

/** Paths served without a token: health probes and the web page's static assets. */
export function isPublicPath(path: string): boolean {
  return path === '/health' || path === '/ready' || path === '/' || path.startsWith('/assets/') || path === '/favicon.ico';
}

/** Fixed-window counter per credential: simple, predictable, enough to stop a runaway client. */
function rateLimiter(perMinute: number, now: () => number) {
  const windows = new Map<string, { start: number; count: number }>();
  return (key: string): { ok: boolean; retryAfter: number } => {
    if (perMinute <= 0) return { ok: true, retryAfter: 0 };
    const t = now();
    const w = windows.get(key);
    if (!w || t - w.start >= 60_000) {
      windows.set(key, { start: t, count: 1 });
      return { ok: true, retryAfter: 0 };
    }
    w.count++;
    return w.count <= perMinute ? { ok: true, retryAfter: 0 } : { ok: false, retryAfter: Math.ceil((w.start + 60_000 - t) / 1000) };
  };
}

/** The credential a request presents: `Authorization: Bearer …` or `x-api-key` (what the LangGraph SDK sends). */
export function credentialOf(headers: Headers): string | undefined {
  const auth = headers.get('authorization');
  const bearer = auth && /^Bearer\s+(.+)$/i.exec(auth)?.[1]?.trim();
  return bearer || headers.get('x-api-key')?.trim() || undefined;
}

export function createApp(opts: AppOptions): { app: Hono<AppEnv>; deps: ServerDeps } {
  const { rt } = opts;
  const log = opts.log ?? ((e: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(e)}\n`));
  const deps: ServerDeps = {
    rt,
    jwt: opts.jwt ?? null,
    log,
    inflight: { count: 0, draining: false },
    runs: new RunRegistry(opts.runs),
    startedAt: rt.now().toISOString(),
  };
  const limit = rateLimiter(opts.rateLimitPerMinute ?? rt.config.auth.rateLimitPerMinute, () => Date.now());
  const app = new Hono<AppEnv>();

  app.use('*', requestId());
  // The runtime's clock on every response, errors included: it may be pinned (demos, replay) and then
  // differs from the machine's (and from the HTTP Date header, whole seconds only). Clients compare
  // quote deadlines (validUntil) with it; the web page samples it with `HEAD /`, which needs no token.
  app.use('*', async (c, next) => {
    // Prepared before the handler too: an SSE stream written straight to the socket sends its
    // headers from inside the handler.
    c.header('X-Server-Time', rt.now().toISOString());
    await next();
    if (!c.res.headers.has('x-hono-already-sent')) c.header('X-Server-Time', rt.now().toISOString());
  });
  app.use('*', async (c, next) => {
    const t0 = performance.now();
    await next();
    // Structured access log: never the Authorization header or a token.
    log({ level: 'info', msg: 'request', requestId: c.get('requestId'), method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round((performance.now() - t0) * 10) / 10, user: c.get('identity')?.user.id });
  });
  app.use(
    '*',
    bodyLimit({
      maxSize: opts.maxBodyBytes ?? 256 * 1024,
      onError: (c) => jsonError(c, 413, 'payload_too_large', `request body over ${opts.maxBodyBytes ?? 256 * 1024} bytes`),
    }),
  );
  app.get('/health', (c) => c.json({ status: 'ok' }));
  app.get('/ready', async (c) => {
    if (deps.inflight.draining) return jsonError(c, 503, 'draining', 'the server is shutting down');
    try {
      await rt.stores.audit.head();
      return c.json({ status: 'ready', storage: rt.storage.engine, agents: rt.agentNames() });
    } catch (e) {
      return jsonError(c, 503, 'storage', `storage not available: ${(e as Error).message}`);
    }
  });
  app.use('*', async (c, next) => {
    if (isPublicPath(c.req.path) || c.req.method === 'OPTIONS') return next();
    const credential = credentialOf(c.req.raw.headers);
    const identity = await authenticate(rt, credential, deps.jwt, 'http');
    const allowed = limit(identity.credential ?? identity.user.id);
    if (!allowed.ok) {
      c.header('Retry-After', String(allowed.retryAfter));
      return jsonError(c, 429, 'rate_limited', `too many requests for this token; retry in ${allowed.retryAfter} s`);
    }
    c.set('identity', identity);
    return next();
  });

  registerLangGraph(app, deps);
  registerApprovals(app, deps);
  registerOpenAI(app, deps);
  registerMcp(app, deps);
  registerTickets(app, deps);
  registerWeb(app, deps);

  app.notFound((c) => jsonError(c, 404, 'not_found', `no route ${c.req.method} ${c.req.path}`));
  app.onError((e, c) => {
    const { status, code } = statusFor(e);
    if (status >= 500) log({ level: 'error', msg: 'unhandled', requestId: c.get('requestId'), error: (e as Error).message });
    const message = status >= 500 && code === 'internal' ? 'internal error (see the server log for the request id)' : (e as Error).message;
    return jsonError(c, status, code, message);
  });
  return { app, deps };
}
