/**
 * `/mcp`: the MCP server over Streamable HTTP (POST requests, GET for the server's event stream,
 * DELETE to end a session). The app's middleware has already authenticated the bearer token; a
 * session belongs to the user who opened it (`initialize`), and every later request in it must come
 * from that user. The session id travels in `Mcp-Session-Id`; sessions are in memory, so a restart
 * ends them (clients start a new one on the 404, as the protocol says).
 */
import { randomUUID } from 'node:crypto';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import type { Hono } from 'hono';
import { createMcpServer } from '../../integrations/mcp/server.js';
import type { AppEnv, ServerDeps } from '../env.js';
import { jsonError } from '../errors.js';

/** A session untouched this long is closed (its thread and audit stay). */
export const MCP_SESSION_IDLE_MS = 30 * 60_000;
/** Open sessions one user may hold: enough for several IDE windows, not for a runaway client. */
export const MCP_SESSIONS_PER_USER = 32;

interface Session {
  transport: WebStandardStreamableHTTPServerTransport;
  server: McpServer;
  userId: string;
  lastSeen: number;
}

const registries = new WeakMap<ServerDeps, Map<string, Session>>();

/**
 * Closes every MCP session of an app (graceful shutdown: open event streams would hold the server):
 * each session's event stream ends and its id is forgotten. Returns how many were open.
 */
export async function closeMcpSessions(deps: ServerDeps): Promise<number> {
  const sessions = registries.get(deps);
  if (!sessions) return 0;
  const all = [...sessions.values()];
  sessions.clear();
  await Promise.allSettled(all.map((s) => s.server.close()));
  return all.length;
}

/** Open MCP sessions of an app (for /ready-style reporting and tests). */
export function mcpSessionCount(deps: ServerDeps): number {
  return registries.get(deps)?.size ?? 0;
}

export function register(app: Hono<AppEnv>, deps: ServerDeps): void {
  const sessions = new Map<string, Session>();
  registries.set(deps, sessions);
  const now = () => Date.now();

  const sweep = () => {
    const cutoff = now() - MCP_SESSION_IDLE_MS;
    for (const [id, s] of sessions) {
      if (s.lastSeen < cutoff) {
        sessions.delete(id);
        void s.server.close();
      }
    }
  };

  // Tool calls count as work in flight, like chat turns, so a draining server waits for them.
  const track = async <T>(work: () => Promise<T>): Promise<T> => {
    deps.inflight.count++;
    try {
      return await work();
    } finally {
      deps.inflight.count--;
    }
  };

  app.all('/mcp', async (c) => {
    // Preflights pass the app's authentication unauthenticated: answer them without touching a session.
    if (c.req.method === 'OPTIONS') return c.body(null, 204, { Allow: 'GET, POST, DELETE, OPTIONS' });
    const identity = c.get('identity');
    sweep();
    const id = c.req.header('mcp-session-id');
    if (id) {
      const s = sessions.get(id);
      if (!s) return jsonError(c, 404, 'not_found', `no MCP session "${id}" (it ended, expired or the server restarted): initialize a new one`);
      if (s.userId !== identity.user.id) return jsonError(c, 403, 'forbidden', 'this MCP session belongs to another user');
      s.lastSeen = now();
      return s.transport.handleRequest(c.req.raw);
    }
    if (c.req.method !== 'POST') return jsonError(c, 400, 'bad_input', `${c.req.method} /mcp needs an Mcp-Session-Id header: start a session with an initialize request (POST)`);
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      return jsonError(c, 400, 'bad_input', 'the body is not JSON (a JSON-RPC initialize request opens a session)');
    }
    const opens = Array.isArray(body) ? body.some((m) => isInitializeRequest(m)) : isInitializeRequest(body);
    if (!opens) return jsonError(c, 400, 'bad_input', 'no Mcp-Session-Id header: the first request of a session must be initialize');
    if (deps.inflight.draining) return jsonError(c, 503, 'draining', 'the server is shutting down');
    const mine = [...sessions.values()].filter((s) => s.userId === identity.user.id).length;
    if (mine >= MCP_SESSIONS_PER_USER) return jsonError(c, 429, 'too_many_sessions', `${identity.user.id} has ${mine} open MCP sessions; end one (DELETE /mcp) or wait for idle ones to expire`);

    // The id is fixed before the server exists because the session's threads are named after it.
    const sessionId = randomUUID();
    const server = createMcpServer({ rt: deps.rt, identity, session: sessionId, transport: 'http', track });
    const transport = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: () => sessionId,
      onsessioninitialized: (sid) => {
        sessions.set(sid, { transport, server, userId: identity.user.id, lastSeen: now() });
      },
      onsessionclosed: (sid) => {
        sessions.delete(sid);
      },
    });
    transport.onclose = () => {
      sessions.delete(sessionId);
    };
    await server.connect(transport);
    deps.log({ level: 'info', msg: 'mcp session', requestId: c.get('requestId'), user: identity.user.id, session: sessionId });
    return transport.handleRequest(c.req.raw, { parsedBody: body });
  });
}
