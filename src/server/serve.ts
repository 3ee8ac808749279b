/**
 * The HTTP service on a socket: `@hono/node-server` over `createApp`, the scheduled audit checkpoints,
 * and a graceful stop — stop accepting, report "draining" on /ready, let the turns in flight finish
 * (bounded), close the MCP sessions (their event streams end cleanly), close the connections, write
 * the last audit checkpoint and, if asked, close the runtime.
 */
import { serve } from '@hono/node-server';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Hono } from 'hono';
import { createApp, type AppOptions } from './app.js';
import { checkpointSettingsFromConfig, startCheckpointSchedule, type CheckpointSchedule, type CheckpointSettings } from './checkpoints.js';
import type { AppEnv, ServerDeps } from './env.js';
import { closeMcpSessions } from './routes/mcp.js';

export interface ServeOptions extends AppOptions {
  /** TCP port; 0 picks a free one. Default 8787. */
  port?: number;
  /** Interface to bind. Default 127.0.0.1 (local only: exposing the service is a deliberate act). */
  host?: string;
  /**
   * Signed audit checkpoints on a schedule and on stop. Default from the config (`audit.signingKey`,
   * `audit.checkpointEveryMinutes`, `audit.checkpointDir`); `false` turns them off.
   */
  checkpoints?: CheckpointSettings | false;
}

export interface StopOptions {
  /** How long turns in flight may take to finish before connections are cut. Default 10 s. */
  graceMs?: number;
  /** Close the runtime (storage) once the server has stopped. Default true. */
  closeRuntime?: boolean;
}

export interface RunningServer {
  /** `http://host:port` */
  url: string;
  port: number;
  host: string;
  app: Hono<AppEnv>;
  deps: ServerDeps;
  /** The audit checkpoint schedule, when a signing key is configured. */
  checkpoints: CheckpointSchedule | null;
  /** Graceful stop; `drained` is false when turns were still running at the end of the grace period. */
  stop(opts?: StopOptions): Promise<{ drained: boolean }>;
}

async function turnsFinished(deps: ServerDeps, graceMs: number): Promise<boolean> {
  const deadline = performance.now() + graceMs;
  // Turns from every surface count in `inflight`; the run registry only knows the LangGraph ones.
  while (deps.inflight.count > 0 && performance.now() < deadline) await new Promise((r) => setTimeout(r, 25));
  return deps.inflight.count === 0;
}

export async function startServer(opts: ServeOptions): Promise<RunningServer> {
  // Before listening: a configured but unreadable signing key refuses to start.
  const cpSettings = opts.checkpoints === false ? null : (opts.checkpoints ?? checkpointSettingsFromConfig(opts.rt.config, opts.rt.home));
  const { app, deps } = createApp(opts);
  const host = opts.host ?? '127.0.0.1';
  const info = await new Promise<{ server: Server; address: AddressInfo }>((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port: opts.port ?? 8787, hostname: host }, (address) => resolve({ server, address })) as Server;
    server.once('error', reject);
  });
  const { server, address } = info;
  // Node's default 5 s keep-alive is shorter than a load balancer's idle timeout (often 60 s): the
  // balancer would reuse a connection the server has just closed and the request would be reset.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  const port = address.port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  // Not logged here: `finagent serve` prints its URL line first and names the schedule in it.
  const checkpoints = cpSettings ? startCheckpointSchedule(opts.rt, cpSettings, deps.log) : null;
  let stopping: Promise<{ drained: boolean }> | undefined;
  const stop = (stopOpts: StopOptions = {}) => {
    stopping ??= (async () => {
      const graceMs = stopOpts.graceMs ?? 10_000;
      deps.inflight.draining = true;
      deps.log({ level: 'info', msg: 'stopping', inflight: deps.inflight.count, graceMs });
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const drained = await turnsFinished(deps, graceMs);
      // MCP sessions hold event streams open (GET /mcp) with no run behind them: end them cleanly.
      const mcpSessions = await closeMcpSessions(deps);
      // Streams of finished runs end by themselves; whatever is still open now is cut.
      await new Promise((r) => setTimeout(r, 50));
      server.closeAllConnections();
      await closed;
      // The last checkpoint anchors everything the server wrote, before the storage closes.
      const checkpoint = checkpoints ? await checkpoints.stop() : null;
      if (stopOpts.closeRuntime ?? true) await opts.rt.close();
      deps.log({ level: 'info', msg: 'stopped', drained, inflight: deps.inflight.count, mcpSessions, checkpoint });
      return { drained };
    })();
    return stopping;
  };
  return { url, port, host, app, deps, checkpoints, stop };
}
