/**
 * `GET /tickets?since=N&format=json|jsonl|csv|fix&limit=M`: the booking export over HTTP. The body is
 * the batch in the asked format; `X-Finagent-Cursor` is the cursor to pass as `since` next time (a
 * re-run with it returns nothing already exported). Who sees what: see `ticketScope`.
 */
import type { Hono } from 'hono';
import { EXPORT_FORMATS, exportTickets, type ExportFormat } from '../../integrations/exports/tickets.js';
import type { AppEnv, ServerDeps } from '../env.js';
import { jsonError } from '../errors.js';

export const TICKETS_DEFAULT_LIMIT = 1000;
export const TICKETS_MAX_LIMIT = 10_000;

function wholeNumber(raw: string | undefined, fallback: number): number | null {
  if (raw === undefined || raw === '') return fallback;
  return /^\d{1,15}$/.test(raw) ? Number(raw) : null;
}

export function register(app: Hono<AppEnv>, deps: ServerDeps): void {
  app.get('/tickets', async (c) => {
    const q = c.req.query();
    const format = (q.format ?? 'json') as ExportFormat;
    if (!EXPORT_FORMATS.includes(format)) return jsonError(c, 400, 'bad_input', `format must be one of ${EXPORT_FORMATS.join(', ')}, not "${q.format}"`);
    const since = wholeNumber(q.since, 0);
    if (since === null) return jsonError(c, 400, 'bad_input', `since must be a blotter cursor (a whole number ≥ 0), not "${q.since}"`);
    const limit = wholeNumber(q.limit, TICKETS_DEFAULT_LIMIT);
    if (limit === null || limit < 1 || limit > TICKETS_MAX_LIMIT) return jsonError(c, 400, 'bad_input', `limit must be 1–${TICKETS_MAX_LIMIT}, not "${q.limit}"`);
    const startSeq = wholeNumber(q.start_seq, 1);
    if (startSeq === null || startSeq < 1) return jsonError(c, 400, 'bad_input', `start_seq must be a whole number ≥ 1, not "${q.start_seq}"`);
    const out = await exportTickets(deps.rt, c.get('identity'), { format, since, limit, surface: 'http', fix: { startSeqNum: startSeq } });
    c.header('Content-Type', out.contentType);
    c.header('X-Finagent-Cursor', String(out.cursor));
    c.header('X-Finagent-Count', String(out.count));
    c.header('Cache-Control', 'no-store');
    return c.body(out.body, 200);
  });
}
