import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';
import { FinagentError, UserInputError } from '../runtime/errors.js';

/** The one error shape of the API: `{ error: { code, message } }`, never a stack trace. */
export function jsonError(c: Context, status: ContentfulStatusCode, code: string, message: string) {
  return c.json({ error: { code, message } }, status);
}

/** No such assistant, thread, run or approval request. HTTP 404. */
export class NotFound extends FinagentError {
  constructor(message: string) {
    super(message, 'not_found');
  }
}

/**
 * The request collides with the resource's current state: a run on a thread that is already running
 * one (multitask strategy *reject*), a thread id that is taken. HTTP 409.
 */
export class Conflict extends FinagentError {
  constructor(message: string, code: 'thread_busy' | 'conflict' = 'conflict') {
    super(message, code);
  }
}

/** The server is shutting down and takes no new runs. HTTP 503. */
export class Draining extends FinagentError {
  constructor() {
    super('the server is shutting down: no new runs are accepted', 'draining');
  }
}

/** Maps finagent's typed errors to HTTP statuses. */
export function statusFor(e: unknown): { status: ContentfulStatusCode; code: string } {
  if (!FinagentError.isInstance(e)) return { status: 500, code: 'internal' };
  switch (e.code) {
    case 'unauthenticated':
      return { status: 401, code: 'unauthenticated' };
    case 'forbidden':
      return { status: 403, code: 'forbidden' };
    case 'not_found':
      return { status: 404, code: 'not_found' };
    case 'bad_input':
      return { status: 400, code: 'bad_input' };
    case 'refused':
      return { status: 409, code: 'refused' };
    case 'thread_busy':
      return { status: 409, code: 'thread_busy' };
    case 'conflict':
      return { status: 409, code: 'conflict' };
    case 'draining':
      return { status: 503, code: 'draining' };
    case 'provider':
      return { status: 502, code: 'provider' };
    default:
      return { status: 500, code: e.code };
  }
}

/**
 * The request's JSON body checked against a schema. Malformed JSON and schema violations are the
 * caller's mistake (400), never an internal error; an empty body counts as `{}` (the SDK sends
 * bodiless POSTs for some calls).
 */
export async function readJson<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  const text = await c.req.text();
  let raw: unknown = {};
  if (text.trim()) {
    try {
      raw = JSON.parse(text);
    } catch (e) {
      throw new UserInputError(`the request body is not valid JSON: ${(e as Error).message}`);
    }
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UserInputError(`invalid request body: ${issue?.path.join('.') || '(body)'}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}
