/**
 * What a client sees when the PostgreSQL server is down, restarting or unreachable. `pg` reports it
 * in many shapes — a socket error (`connect ECONNREFUSED 127.0.0.1:5432`, `read ECONNRESET`), a
 * server message (`terminating connection due to administrator command`, 57P01; `the database system
 * is shutting down`, 57P03), or its own text (`Connection terminated unexpectedly`) — none naming
 * the database, and the CLI printed them as "internal error". They become one `DatabaseUnavailable`:
 * one line naming the database (no password), exit status 1; the caller retries when it is back.
 * Never retried inside a transaction: after a lost COMMIT the outcome is unknown, and the caller's
 * retry (same idempotency key, or the RFQ's state) is what makes it safe.
 */
import { OperationError } from '../../runtime/errors.js';

/** Socket-level failures: the server is not there (refused, reset, unreachable, timed out). */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/** SQLSTATEs of a server going away: admin_shutdown, crash_shutdown, cannot_connect_now (class 08: connection exception). */
const SERVER_CODES = new Set(['57P01', '57P02', '57P03']);

/** `pg`'s own messages for a connection that died (they carry no code). */
const PG_MESSAGES = [/^Connection terminated/, /not queryable/, /timeout exceeded when trying to connect/];

export class DatabaseUnavailable extends OperationError {
  constructor(readonly location: string, readonly reason: string, options?: { cause?: unknown }) {
    super(`PostgreSQL at ${location} is unavailable (${reason}); retry when it is back`);
    if (options?.cause !== undefined) (this as { cause?: unknown }).cause = options.cause;
  }
}

export function isConnectionLoss(e: unknown): boolean {
  if (typeof e !== 'object' || e === null) return false;
  if (e instanceof DatabaseUnavailable) return true;
  const code = 'code' in e ? String((e as { code: unknown }).code) : '';
  if (SOCKET_CODES.has(code) || SERVER_CODES.has(code) || code.startsWith('08')) return true;
  const message = e instanceof Error ? e.message : '';
  // AggregateError (connect to several addresses, all refused) carries the codes on its members.
  if (e instanceof AggregateError && e.errors.some(isConnectionLoss)) return true;
  return !code && PG_MESSAGES.some((re) => re.test(message));
}

/** `e` as a `DatabaseUnavailable` when it is a lost or refused connection; otherwise unchanged. */
export function asUnavailable(e: unknown, location: string): unknown {
  if (e instanceof DatabaseUnavailable || !isConnectionLoss(e)) return e;
  const first = e instanceof AggregateError ? (e.errors.find(isConnectionLoss) as unknown) : e;
  const message = first instanceof Error && first.message ? first.message : e instanceof Error && e.message ? e.message : String(e);
  return new DatabaseUnavailable(location, message.replace(/\s+/g, ' ').trim(), { cause: e });
}
