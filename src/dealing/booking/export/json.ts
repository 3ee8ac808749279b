/**
 * Blotter as JSON: each ticket exactly as the ticket schema has it, plus its blotter cursor and its
 * RFQ's stage instants; every object is validated on the way out, so a consumer can parse it with
 * `ExportedTicketSchema` and get the same thing back.
 */
import { exactDecimal } from './decimal.js';
import { approverOf, ExportedTicketSchema, parseRecords, type ExportedTicket, type ExportRecord } from './schema.js';

/** Float noise from the store (0.30000000000000004) is dropped; the values stay numbers, as the schema says. */
function clean(x: number, what: string): number;
function clean(x: number | null, what: string): number | null;
function clean(x: number | null, what: string): number | null {
  return x === null ? null : exactDecimal(x, what).toNumber();
}

export function toExportedTicket(r: ExportRecord): ExportedTicket {
  const t = r.ticket;
  const id = t.tradeId;
  const v = ExportedTicketSchema.parse({
    ...t,
    notional: clean(t.notional, `${id} notional`),
    level: clean(t.level, `${id} level`),
    clean: clean(t.clean, `${id} clean`),
    accrued: clean(t.accrued, `${id} accrued`),
    fullPrice: clean(t.fullPrice, `${id} full price`),
    settlementAmount: clean(t.settlementAmount, `${id} settlement amount`),
    approver: approverOf(r),
    cursor: r.cursor,
    stages: r.stages,
  });
  // The schema puts its extension last; the cursor reads better first, as the row's position.
  const { cursor, ...rest } = v;
  return { cursor, ...rest };
}

/** JSON Lines: one ticket object per line, each line ending in LF (stream- and append-friendly). */
export function toJsonLines(records: readonly ExportRecord[]): string {
  return parseRecords(records)
    .map((r) => `${JSON.stringify(toExportedTicket(r))}\n`)
    .join('');
}

/** One JSON array of ticket objects (for `GET /tickets` bodies and files read whole). */
export function toJson(records: readonly ExportRecord[]): string {
  return `${JSON.stringify(parseRecords(records).map(toExportedTicket), null, 2)}\n`;
}
