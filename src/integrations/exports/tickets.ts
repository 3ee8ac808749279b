/**
 * Booking exports as a service: which tickets a caller may export, their export records (ticket +
 * blotter cursor + RFQ stage instants), and one formatted batch after a cursor. `finagent blotter
 * --format …` and `GET /tickets` both call `exportTickets`; the formatters are the pure ones in
 * src/dealing/booking/export/ (docs/exports.md).
 */
import { z } from 'zod';
import {
  exportAfter,
  joinFixMessages,
  stagesFromEvents,
  toCsv,
  toFixExecutionReports,
  toJson,
  toJsonLines,
  type ExportRecord,
} from '../../dealing/booking/export/index.js';
import { AccessDenied, DESK_LEAD_ROLES, readableOwners } from '../../runtime/access.js';
import { admits } from '../../runtime/agent-spec.js';
import { UserInputError } from '../../runtime/errors.js';
import { isProven, type Identity } from '../../runtime/identity.js';
import type { Runtime } from '../../runtime/runtime.js';
import { OVERSIGHT_ROLES } from '../../runtime/users.js';

export const EXPORT_FORMATS = ['json', 'jsonl', 'csv', 'fix'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  json: 'application/json; charset=utf-8',
  jsonl: 'application/x-ndjson; charset=utf-8',
  csv: 'text/csv; charset=utf-8; header=present',
  // FIX has no media type of its own: one SOH-delimited message per line, UTF-8.
  fix: 'text/plain; charset=utf-8',
};

/**
 * FIX session ids of the export, from `dealing.exports.fix` in the configuration (the dealing section
 * is the dealing assistant's and passes unknown keys through), else FINAGENT → MIDDLEOFFICE.
 */
export const FixExportSettingsSchema = z.object({
  senderCompId: z.string().min(1).default('FINAGENT'),
  targetCompId: z.string().min(1).default('MIDDLEOFFICE'),
  executingFirm: z.string().min(1).optional(),
});
export type FixExportSettings = z.infer<typeof FixExportSettingsSchema>;

export function fixExportSettings(rt: Runtime): FixExportSettings {
  // The dealing assistant's settings: the config section merged with the runtime's overrides.
  const dealing = rt.agentSpecs().find((a) => a.name === 'dealing');
  const section = dealing ? rt.settingsFor(dealing) : rt.config.dealing;
  const exports = (section as { exports?: { fix?: unknown } }).exports;
  const parsed = FixExportSettingsSchema.safeParse(exports?.fix ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UserInputError(`configuration dealing.exports.fix.${issue?.path.join('.')}: ${issue?.message}`);
  }
  return parsed.data;
}

/** Where the audit records of exports go (no conversation: one thread name for all of them). */
export const EXPORT_AUDIT_THREAD = 'ticket-exports';

/**
 * The traders whose tickets this caller may export (undefined = every ticket). Admin and compliance:
 * all; desk heads: their desk's; traders: their own; any other role (staff, credit reviewers): none,
 * refused and audited. Seeing others' tickets needs a proven identity (token, JWT): a local `--user`
 * exports only that user's own tickets — the same rule as for reading threads.
 */
export async function ticketScope(rt: Runtime, identity: Identity): Promise<string[] | undefined> {
  const role = identity.user.role;
  const dealing = rt.agentSpecs().find((a) => a.name === 'dealing');
  const deals = dealing ? admits(dealing, role) : false;
  if (!deals && !OVERSIGHT_ROLES.includes(role)) {
    await rt.auditor(identity, 'dealing', EXPORT_AUDIT_THREAD)('access', { action: 'export_tickets', allowed: false, role });
    throw new AccessDenied(`${identity.user.id} (${role}) may not export tickets: traders export their own, desk heads their desk's, admin and compliance all`);
  }
  return readableOwners(identity, rt.users);
}

/** True when the caller asked for more than a local identity may see (so the CLI can say why the list is short). */
export function scopeNarrowedLocally(identity: Identity): boolean {
  return !isProven(identity) && (OVERSIGHT_ROLES.includes(identity.user.role) || DESK_LEAD_ROLES.includes(identity.user.role));
}

export interface CollectedRecords {
  records: ExportRecord[];
  /** The last blotter cursor read, visible or not: the scan can resume after it. */
  scanned: number;
}

const PAGE = 500;

/** Export records of the visible tickets after `since`, at most `limit` of them, in cursor order. */
export async function collectRecords(rt: Runtime, traders: readonly string[] | undefined, since: number, limit?: number): Promise<CollectedRecords> {
  const visible = traders ? new Set(traders) : null;
  const records: ExportRecord[] = [];
  let cursor = since;
  for (;;) {
    const page = await rt.stores.tickets.since(cursor, PAGE);
    for (const t of page.tickets) {
      const { cursor: seq, ...ticket } = t;
      cursor = seq;
      if (visible && !visible.has(ticket.trader)) continue;
      records.push({ cursor: seq, ticket, stages: stagesFromEvents(await rt.stores.rfqs.eventLog(ticket.rfqId)) });
      if (limit !== undefined && records.length >= limit) return { records, scanned: cursor };
    }
    if (page.tickets.length < PAGE) return { records, scanned: cursor };
  }
}

export interface ExportOptions {
  format: ExportFormat;
  /** Export the tickets after this blotter cursor (0 = from the start). */
  since: number;
  /** At most this many tickets (default: all). */
  limit?: number;
  fix?: Partial<FixExportSettings> & { startSeqNum?: number };
  /** CSV: UTF-8 byte-order mark for Excel. */
  bom?: boolean;
  /** `cli` or `http`, for the audit record. */
  surface: string;
}

export interface TicketExport {
  body: string;
  contentType: string;
  /** Tickets in the batch (FIX writes messages for the booked ones only, see docs/exports.md). */
  count: number;
  /** Pass this as `since` next time: nothing exported now comes again. */
  cursor: number;
  /** Trade ids in the batch, in order. */
  tradeIds: string[];
}

/**
 * One export batch for this caller: the visible tickets after `since`, formatted, and the cursor to
 * resume from. Audited (who, format, range, trade ids).
 *
 * Every ticket is exported once, in the state it was inserted with: tickets never change after
 * insertion (approval happens before the firm quote, so a ticket is booked or rejected from the
 * start). `exportAfter`'s `holdAtPending` is therefore not used: a `pending_approval` ticket left
 * from before that change can no longer be decided, and holding the cursor at it would stop the feed
 * for good. It is exported as it is (FIX, which reports executions only, writes no message for it).
 */
export async function exportTickets(rt: Runtime, identity: Identity, opts: ExportOptions): Promise<TicketExport> {
  if (!Number.isSafeInteger(opts.since) || opts.since < 0) throw new UserInputError(`since must be a whole number ≥ 0, got ${opts.since}`);
  if (opts.limit !== undefined && (!Number.isSafeInteger(opts.limit) || opts.limit < 1)) throw new UserInputError(`limit must be a whole number ≥ 1, got ${opts.limit}`);
  const traders = await ticketScope(rt, identity);
  const { records, scanned } = await collectRecords(rt, traders, opts.since, opts.limit);
  const batch = exportAfter(records, opts.since);
  // Other traders' tickets after the last exported one were read and skipped: resume after them.
  const cursor = Math.max(batch.cursor, scanned);
  let body: string;
  switch (opts.format) {
    case 'json':
      body = toJson(batch.records);
      break;
    case 'jsonl':
      body = toJsonLines(batch.records);
      break;
    case 'csv':
      body = toCsv(batch.records, { bom: opts.bom ?? false, formulaGuard: true });
      break;
    case 'fix': {
      const s = { ...fixExportSettings(rt), ...definedOnly(opts.fix ?? {}) };
      body = joinFixMessages(
        toFixExecutionReports(batch.records, {
          senderCompId: s.senderCompId,
          targetCompId: s.targetCompId,
          startSeqNum: opts.fix?.startSeqNum ?? 1,
          sendingTime: rt.now(),
          ...(s.executingFirm ? { executingFirm: s.executingFirm } : {}),
        }),
      );
      break;
    }
  }
  const tradeIds = batch.records.map((r) => r.ticket.tradeId);
  await rt.auditor(identity, 'dealing', EXPORT_AUDIT_THREAD)('access', {
    action: 'export_tickets',
    allowed: true,
    surface: opts.surface,
    format: opts.format,
    since: opts.since,
    cursor,
    tickets: tradeIds,
  });
  return { body, contentType: CONTENT_TYPES[opts.format], count: tradeIds.length, cursor, tradeIds };
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
