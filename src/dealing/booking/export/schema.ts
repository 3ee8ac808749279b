/**
 * What the booking exports read: one blotter ticket with its blotter cursor and the instants at which
 * its RFQ went through each stage. The storage layer assembles these; the formatters only read them.
 */
import { z } from 'zod';
import { OperationError } from '../../../runtime/errors.js';
import { TicketSchema, type Ticket } from '../ticket.js';

/** An ISO 8601 instant with a zone (`Z` or an offset): local times would be ambiguous in an export. */
export const IsoInstantSchema = z.iso.datetime({ offset: true });

/** When the RFQ behind a ticket reached each stage (from its event log, see `stagesFromEvents`). */
export const ExportStagesSchema = z.object({
  requested: IsoInstantSchema,
  quoted: IsoInstantSchema.nullable(),
  accepted: IsoInstantSchema.nullable(),
  /** Desk-head approval; null when the ticket was under the approval threshold (or is still pending). */
  approved: IsoInstantSchema.nullable(),
  /** When the RFQ became DONE (booked directly, or approved); null while pending or once rejected. */
  booked: IsoInstantSchema.nullable(),
});
export type ExportStages = z.infer<typeof ExportStagesSchema>;

export const STAGE_ORDER = ['requested', 'quoted', 'accepted', 'approved', 'booked'] as const satisfies readonly (keyof ExportStages)[];

export const ExportRecordSchema = z
  .object({
    /** Blotter sequence (tickets.seq): strictly increasing, so an export can resume after it. */
    cursor: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
    ticket: TicketSchema,
    stages: ExportStagesSchema,
    /** Overrides `ticket.approver` when the storage layer joins it from elsewhere. */
    approver: z.string().nullable().optional(),
  })
  .superRefine((r, ctx) => {
    // A stage out of order means the event log and the ticket were joined wrongly: refuse rather than export it.
    let prev: { name: string; at: number } | null = null;
    for (const name of STAGE_ORDER) {
      const iso = r.stages[name];
      if (iso === null) continue;
      const at = Date.parse(iso);
      if (prev && at < prev.at) {
        ctx.addIssue({ code: 'custom', path: ['stages', name], message: `${name} (${iso}) is before ${prev.name}` });
      }
      prev = { name, at };
    }
    const booked = r.ticket.status === 'booked';
    if (booked && r.stages.booked === null) {
      ctx.addIssue({ code: 'custom', path: ['stages', 'booked'], message: 'a booked ticket needs its booked instant' });
    }
    if (!booked && r.stages.booked !== null) {
      ctx.addIssue({ code: 'custom', path: ['stages', 'booked'], message: `a ${r.ticket.status} ticket has no booked instant` });
    }
  });
export type ExportRecord = z.infer<typeof ExportRecordSchema>;

/** One exported ticket as JSON: the ticket schema's fields, plus where it sits on the blotter and its stages. */
export const ExportedTicketSchema = TicketSchema.extend({
  cursor: ExportRecordSchema.shape.cursor,
  stages: ExportStagesSchema,
});
export type ExportedTicket = z.infer<typeof ExportedTicketSchema>;

/** Validates every record up front so a bad row fails the export with its trade id, not half-way through a file. */
export function parseRecords(records: readonly unknown[]): ExportRecord[] {
  return records.map((r, i) => {
    const res = ExportRecordSchema.safeParse(r);
    if (res.success) return res.data;
    const id = tradeIdOf(r) ?? `record #${i}`;
    const issues = res.error.issues.map((x) => `${x.path.join('.') || '(record)'}: ${x.message}`).join('; ');
    throw new OperationError(`cannot export ${id}: ${issues}`);
  });
}

function tradeIdOf(r: unknown): string | null {
  if (typeof r !== 'object' || r === null) return null;
  const t = (r as { ticket?: unknown }).ticket;
  if (typeof t !== 'object' || t === null) return null;
  const id = (t as { tradeId?: unknown }).tradeId;
  return typeof id === 'string' ? id : null;
}

/** The record's approver wins when given (even as null); otherwise the ticket's own. */
export function approverOf(r: ExportRecord): string | null {
  return r.approver !== undefined ? r.approver : r.ticket.approver;
}

/** The other side of the deal: the bank takes the opposite of the client's side. */
export function bankSide(side: Ticket['side']): Ticket['side'] {
  switch (side) {
    case 'buy':
      return 'sell';
    case 'sell':
      return 'buy';
    case 'borrow':
      return 'lend';
    case 'lend':
      return 'borrow';
  }
}
