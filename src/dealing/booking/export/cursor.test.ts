import { describe, expect, it } from 'vitest';
import { OperationError, UserInputError } from '../../../runtime/errors.js';
import { exportAfter, stagesFromEvents, type StageEvent } from './cursor.js';
import { blotterDay, bondCdb, bondPending, fxSpot, lending, repo } from './fixtures.js';
import type { ExportRecord } from './schema.js';

const ids = (rs: readonly ExportRecord[]) => rs.map((r) => r.ticket.tradeId);

/** The pending ticket once a desk head has approved it: same cursor, new status and stages. */
function approved(r: ExportRecord, at: string): ExportRecord {
  return {
    ...r,
    ticket: { ...r.ticket, status: 'booked', approver: 'm.zhou', approvedAt: at },
    stages: { ...r.stages, approved: at, booked: at },
  };
}

describe('exportAfter', () => {
  it('returns the records after the cursor in cursor order, whatever order they came in', () => {
    const shuffled = [...blotterDay].reverse();
    const all = exportAfter(shuffled, 0);
    expect(all.records.map((r) => r.cursor)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(all.cursor).toBe(10);
    const tail = exportAfter(shuffled, 7);
    expect(ids(tail.records)).toEqual(['T-20251226-0008', 'T-20251226-0009', 'T-20251226-0010']);
    expect(tail.cursor).toBe(10);
  });

  it('re-running with the returned cursor exports nothing twice and picks up only new tickets', () => {
    const morning = blotterDay.slice(0, 4);
    const exported: string[] = [];
    const run1 = exportAfter(morning, 0);
    exported.push(...ids(run1.records));
    const again = exportAfter(morning, run1.cursor);
    expect(again.records).toEqual([]);
    expect(again.cursor).toBe(run1.cursor);

    const afternoon = blotterDay; // the blotter has grown by six tickets
    const run2 = exportAfter(afternoon, again.cursor);
    expect(ids(run2.records)).toEqual(ids(blotterDay.slice(4)));
    exported.push(...ids(run2.records));
    expect(exportAfter(afternoon, run2.cursor).records).toEqual([]);

    expect(exported).toEqual(ids(blotterDay));
    expect(new Set(exported).size).toBe(exported.length);
  });

  it('takes the same row read twice once, and refuses a cursor that is not one ticket', () => {
    expect(ids(exportAfter([repo, bondCdb, repo], 0).records)).toEqual([bondCdb.ticket.tradeId, repo.ticket.tradeId]);
    const clash = { ...fxSpot, cursor: repo.cursor };
    expect(() => exportAfter([repo, clash], 0)).toThrow(OperationError);
    expect(() => exportAfter([repo, clash], 0)).toThrow(/cursor 4 is on both T-20251226-0004 and T-20251226-0005/);
    const moved = { ...repo, cursor: 44 };
    expect(() => exportAfter([repo, moved], 0)).toThrow(/T-20251226-0004 is on cursors 4 and 44/);
  });

  it('refuses a since that is not a whole number ≥ 0', () => {
    for (const bad of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) expect(() => exportAfter(blotterDay, bad)).toThrow(UserInputError);
  });

  it('validates the records (a stage out of order names the ticket)', () => {
    const bad = { ...repo, stages: { ...repo.stages, quoted: '2025-12-26T01:00:00.000Z' } };
    expect(() => exportAfter([bad], 0)).toThrow(/cannot export T-20251226-0004: stages.quoted: quoted \(2025-12-26T01:00:00.000Z\) is before requested/);
    const unbooked = { ...repo, stages: { ...repo.stages, booked: null } };
    expect(() => exportAfter([unbooked], 0)).toThrow(/a booked ticket needs its booked instant/);
    const localTime = { ...repo, stages: { ...repo.stages, requested: '2025-12-26T10:04:00' } };
    expect(() => exportAfter([localTime], 0)).toThrow(/stages.requested/);
  });

  describe('holdAtPending', () => {
    it('without it, a ticket passed while pending is never exported again once approved (the trap)', () => {
      const run1 = exportAfter(blotterDay, 0);
      expect(ids(run1.records)).toContain(bondPending.ticket.tradeId);
      const later = blotterDay.map((r) => (r === bondPending ? approved(r, '2025-12-26T03:00:00.000Z') : r));
      expect(exportAfter(later, run1.cursor).records).toEqual([]);
    });

    it('stops before the first pending ticket, then exports it once it is decided, with nothing lost or repeated', () => {
      const run1 = exportAfter(blotterDay, 0, { holdAtPending: true });
      expect(run1.records.map((r) => r.cursor)).toEqual([1, 2, 3, 4, 5]);
      expect(run1.cursor).toBe(5);
      expect(run1.heldAt).toBe(bondPending.ticket.tradeId);

      // Still pending: nothing moves, nothing repeats.
      const run2 = exportAfter(blotterDay, run1.cursor, { holdAtPending: true });
      expect(run2.records).toEqual([]);
      expect(run2.cursor).toBe(5);

      const later = blotterDay.map((r) => (r === bondPending ? approved(r, '2025-12-26T03:00:00.000Z') : r));
      const run3 = exportAfter(later, run2.cursor, { holdAtPending: true });
      expect(run3.records.map((r) => r.cursor)).toEqual([6, 7, 8, 9, 10]);
      expect(run3.records[0]!.ticket.status).toBe('booked');
      expect(run3.heldAt).toBeNull();

      const all = [...run1.records, ...run2.records, ...run3.records];
      expect(ids(all)).toEqual(ids(blotterDay));
    });

    it('a rejected ticket is final and does not hold the cursor', () => {
      const batch = exportAfter(blotterDay, 7, { holdAtPending: true });
      expect(batch.records.map((r) => r.ticket.status)).toEqual(['rejected', 'booked', 'booked']);
      expect(batch.cursor).toBe(lending.cursor);
    });
  });
});

describe('stagesFromEvents', () => {
  // Rows as RfqStore.eventLog returns them (event, to, at; from/actor/detail are not needed).
  const ev = (event: string, to: string, at: string): StageEvent => ({ event, to, at });

  it('reads a straight-through booking, keeping the first quote across re-quotes and counters', () => {
    const log = [
      ev('create', 'REQUESTED', '2025-12-26T02:00:00.000Z'),
      ev('quote', 'QUOTED', '2025-12-26T02:00:01.000Z'),
      ev('counter', 'COUNTERED', '2025-12-26T02:00:10.000Z'),
      ev('improve', 'QUOTED', '2025-12-26T02:00:10.000Z'),
      ev('requote', 'QUOTED', '2025-12-26T02:00:20.000Z'),
      ev('accept', 'ACCEPTED', '2025-12-26T02:00:30.000Z'),
      ev('book', 'DONE', '2025-12-26T02:00:30.000Z'),
    ];
    expect(stagesFromEvents(log)).toEqual({
      requested: '2025-12-26T02:00:00.000Z',
      quoted: '2025-12-26T02:00:01.000Z',
      accepted: '2025-12-26T02:00:30.000Z',
      approved: null,
      booked: '2025-12-26T02:00:30.000Z',
    });
  });

  it('books an approved ticket at the approval, and leaves a pending or rejected one unbooked', () => {
    const upToApproval = [
      ev('create', 'REQUESTED', '2025-12-26T02:00:00.000Z'),
      ev('quote', 'QUOTED', '2025-12-26T02:00:01.000Z'),
      ev('accept', 'ACCEPTED', '2025-12-26T02:00:30.000Z'),
      ev('request_approval', 'PENDING_APPROVAL', '2025-12-26T02:00:30.000Z'),
    ];
    expect(stagesFromEvents(upToApproval)).toMatchObject({ approved: null, booked: null });
    expect(stagesFromEvents([...upToApproval, ev('approve', 'DONE', '2025-12-26T02:05:00.000Z')])).toMatchObject({
      accepted: '2025-12-26T02:00:30.000Z',
      approved: '2025-12-26T02:05:00.000Z',
      booked: '2025-12-26T02:05:00.000Z',
    });
    expect(stagesFromEvents([...upToApproval, ev('reject', 'REJECTED', '2025-12-26T02:05:00.000Z')])).toMatchObject({ approved: null, booked: null });
  });

  it('refuses a log without its create row', () => {
    expect(() => stagesFromEvents([ev('quote', 'QUOTED', '2025-12-26T02:00:01.000Z')])).toThrow(/no create row/);
  });
});
