import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Identity } from '../runtime/identity.js';
import type { Runtime } from '../runtime/runtime.js';
import type { JwtVerifier } from '../auth/jwt.js';
import type { RunRegistry } from './run-registry.js';

/** Per-request values the middleware sets (Hono `c.get(...)`). */
export interface AppVariables {
  requestId: string;
  /** Set by the auth middleware on every authenticated route: the proven caller. */
  identity: Identity;
}

/**
 * What `@hono/node-server` passes as the environment: Node's request and response. Absent under
 * `app.request()` (tests) and on other runtimes, so every use must handle its absence.
 */
export interface AppBindings {
  incoming?: IncomingMessage;
  outgoing?: ServerResponse;
}

export interface AppEnv {
  Variables: AppVariables;
  Bindings: AppBindings;
}

/** What every route module receives. */
export interface ServerDeps {
  rt: Runtime;
  jwt: JwtVerifier | null;
  /** Structured log line (JSON): request ids, statuses, durations — never tokens. */
  log(event: Record<string, unknown>): void;
  /** Turns in flight, for graceful shutdown and /ready. */
  inflight: { count: number; draining: boolean };
  /**
   * Runs in flight and recently ended, with their stream events (rejoin with `Last-Event-ID`), and
   * the one-run-per-thread rule. A surface that runs turns on threads (LangGraph API, web chat) should
   * go through it so two surfaces never run one thread at once.
   */
  runs: RunRegistry;
  /** When the app was created (runtime clock, ISO): the assistants' `created_at`. */
  startedAt: string;
}
