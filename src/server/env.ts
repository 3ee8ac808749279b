import type { Identity } from '../runtime/identity.js';
import type { Runtime } from '../runtime/runtime.js';
import type { JwtVerifier } from '../auth/jwt.js';

/** Per-request values the middleware sets (Hono `c.get(...)`). */
export interface AppVariables {
  requestId: string;
  /** Set by the auth middleware on every authenticated route: the proven caller. */
  identity: Identity;
}

export interface AppEnv {
  Variables: AppVariables;
}

/** What every route module receives. */
export interface ServerDeps {
  rt: Runtime;
  jwt: JwtVerifier | null;
  /** Structured log line (JSON): request ids, statuses, durations — never tokens. */
  log(event: Record<string, unknown>): void;
  /** Turns in flight, for graceful shutdown and /ready. */
  inflight: { count: number; draining: boolean };
}
