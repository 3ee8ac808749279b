import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { FinagentError } from '../runtime/errors.js';

/** The one error shape of the API: `{ error: { code, message } }`, never a stack trace. */
export function jsonError(c: Context, status: ContentfulStatusCode, code: string, message: string) {
  return c.json({ error: { code, message } }, status);
}

/** Maps finagent's typed errors to HTTP statuses. */
export function statusFor(e: unknown): { status: ContentfulStatusCode; code: string } {
  if (!FinagentError.isInstance(e)) return { status: 500, code: 'internal' };
  switch (e.code) {
    case 'unauthenticated':
      return { status: 401, code: 'unauthenticated' };
    case 'forbidden':
      return { status: 403, code: 'forbidden' };
    case 'bad_input':
      return { status: 400, code: 'bad_input' };
    case 'refused':
      return { status: 409, code: 'refused' };
    case 'provider':
      return { status: 502, code: 'provider' };
    default:
      return { status: 500, code: e.code };
  }
}
