/**
 * The HTTP app on a real socket for end-to-end tests of the integrations (MCP, OpenAI endpoint,
 * ticket exports): real clients (the MCP SDK's, the `openai` package) need a URL, not `app.request`.
 * In-memory SQLite, a throw-away home and the pinned clock of `testRuntime`.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { loadAgents } from '../agents/registry.js';
import { issueToken } from '../auth/tokens.js';
import type { AgentSpec } from '../runtime/agent-spec.js';
import type { Runtime } from '../runtime/runtime.js';
import { createApp } from '../server/app.js';
import type { ServerDeps } from '../server/env.js';
import { closeMcpSessions } from '../server/routes/mcp.js';
import { testRuntime } from '../testing/index.js';

export interface TestServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  rt: Runtime;
  deps: ServerDeps;
  /** A fresh API token for this user. */
  token(userId: string): Promise<string>;
  close(): Promise<void>;
}

export async function startTestServer(opts: { agents?: AgentSpec[]; log?: (e: Record<string, unknown>) => void } = {}): Promise<TestServer> {
  const t = await testRuntime({ agents: opts.agents ?? (await loadAgents()) });
  const { app, deps } = createApp({ rt: t.rt, log: opts.log ?? (() => {}), rateLimitPerMinute: 0 });
  let server: Server | undefined;
  const port = await new Promise<number>((resolve) => {
    server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => resolve(info.port)) as Server;
  });
  return {
    url: `http://127.0.0.1:${port}`,
    rt: t.rt,
    deps,
    token: async (userId) => (await issueToken(t.rt.stores.tokens, userId, t.rt.now())).token,
    async close() {
      await closeMcpSessions(deps);
      await new Promise<void>((resolve) => {
        server!.close(() => resolve());
        server!.closeAllConnections();
      });
      await t.close();
    },
  };
}
