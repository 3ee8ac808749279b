import { describe, expect, it, vi } from 'vitest';
import { blotter } from '../../dealing/booking/blotter.js';
import { rfqStore } from '../../dealing/rfq/store.js';
import { approveTicketTool } from './approve-ticket.js';
import { cancelRfqTool } from './cancel-rfq.js';
import { acceptQuoteTool, counterQuoteTool, requestQuoteTool } from './quote-tools.js';
import { getRfqStatusTool } from './status-tools.js';
import { DESK_HEAD, testDesk, TRADER } from './test-context.js';

/** Tool execute may throw synchronously; the runtime awaits it, so tests do too. */
const later = async <T>(fn: () => T | Promise<T>): Promise<T> => fn();

const cdb = { kind: 'bond' as const, code: '220205', name: '22国开05', issuer: 'CDB', tenor: null };

describe('dealing tools (direct execute)', () => {
  it('quotes a bond, persists it with validUntil and books on done exactly once', async () => {
    const d = testDesk();
    const q = await requestQuoteTool.execute({ instrument: cdb, side: 'sell', notional: 5e7, client: 'HXCB' }, d.ctx());
    expect(q.rfq.status).toBe('QUOTED');
    expect(q.rfq.client).toBe('CLI-HXBK');
    expect(q.rfq.quote?.firm).toBe(true);
    expect(q.rfq.quote?.validUntil).toBe('2025-12-26T02:00:30.000Z');
    expect(q.rfq.quote!.bid!).toBeGreaterThan(q.rfq.quote!.offer!); // bonds: bid yield above offer yield
    expect(q.rfq.settle).toBe('2025-12-29');
    d.advance(10);
    const a = await acceptQuoteTool.execute({}, d.ctx(TRADER, 'k-done'));
    expect(a.outcome).toBe('booked');
    expect(a.rfq.status).toBe('DONE');
    expect(a.ticket?.level).toBe(q.rfq.quote!.bid);
    expect(a.ticket?.settlementAmount).toBeCloseTo((a.ticket!.fullPrice! * 5e7) / 100, 1);
    const retry = await acceptQuoteTool.execute({}, d.ctx(TRADER, 'k-done'));
    expect(retry).toEqual(a);
    const again = await acceptQuoteTool.execute({}, d.ctx());
    expect(again.outcome).toBe('already_booked');
    expect(blotter(d.db).list()).toHaveLength(1);
    const log = rfqStore(d.db).eventLog(q.rfq.id).map((e) => e.event);
    expect(log).toEqual(['create', 'quote', 'accept', 'book']);
  });

  it('concedes within the tier limit, holds beyond it and says why', async () => {
    const d = testDesk();
    const q = await requestQuoteTool.execute({ instrument: cdb, side: 'sell', notional: 5e7, client: 'JNRCB' }, d.ctx());
    const bid = q.rfq.quote!.bid!;
    const c1 = await counterQuoteTool.execute({ level: +(bid - 0.0025).toFixed(4) }, d.ctx());
    expect(c1.decision.outcome).toBe('improved');
    expect(c1.rfq.quote?.bid).toBeCloseTo(bid - 0.0025, 10);
    const c2 = await counterQuoteTool.execute({ level: +(bid - 0.02).toFixed(4) }, d.ctx());
    expect(c2.decision).toMatchObject({ outcome: 'held', limit: 'step' });
    expect(c2.rfq.quote?.bid).toBeCloseTo(bid - 0.0025, 10);
    const events = rfqStore(d.db).eventLog(q.rfq.id).map((e) => `${e.from}>${e.to}`);
    expect(events).toEqual(['null>REQUESTED', 'REQUESTED>QUOTED', 'QUOTED>COUNTERED', 'COUNTERED>QUOTED', 'QUOTED>COUNTERED', 'COUNTERED>QUOTED']);
  });

  it('refuses an expired quote and offers a fresh one', async () => {
    const d = testDesk();
    const q = await requestQuoteTool.execute({ instrument: cdb, side: 'buy', notional: 5e7 }, d.ctx());
    d.advance(45);
    const a = await acceptQuoteTool.execute({}, d.ctx());
    expect(a.outcome).toBe('expired');
    expect(a.rfq).toMatchObject({ id: q.rfq.id, status: 'EXPIRED' });
    expect(a.fresh?.rfq.status).toBe('QUOTED');
    expect(a.fresh?.rfq.parentId).toBe(q.rfq.id);
    expect(a.fresh?.rfq.quote?.validUntil).toBe('2025-12-26T02:01:15.000Z');
    const s = await getRfqStatusTool.execute({}, d.ctx());
    expect(s.rfq?.id).toBe(a.fresh?.rfq.id);
  });

  it('rejects a quote whose credit check fails, naming the check, and creates no quote', async () => {
    const d = testDesk();
    await expect(later(() => requestQuoteTool.execute({ instrument: cdb, side: 'buy', notional: 5e8, client: 'HYFM' }, d.ctx()))).rejects.toThrow(/credit_line/);
    expect(rfqStore(d.db).latestForThread('T1')?.status).toBe('REJECTED');
  });

  it('needs a different desk head to approve a large ticket', async () => {
    const d = testDesk();
    await requestQuoteTool.execute({ instrument: cdb, side: 'sell', notional: 15e8, client: 'HXCB' }, d.ctx());
    const a = await acceptQuoteTool.execute({}, d.ctx());
    expect(a.outcome).toBe('pending_approval');
    expect(a.ticket?.status).toBe('pending_approval');
    const ok = await approveTicketTool.execute({ decision: 'approve' }, d.ctx(DESK_HEAD));
    expect(ok.rfq.status).toBe('DONE');
    expect(ok.ticket).toMatchObject({ status: 'booked', approver: 'l.wang' });
    expect(approveTicketTool.roles).toEqual(['desk_head']);
  });

  it('cancels and passes, and refuses to act on a final RFQ', async () => {
    const d = testDesk();
    await requestQuoteTool.execute({ instrument: cdb, side: null, notional: 5e7 }, d.ctx());
    const c = await cancelRfqTool.execute({ mode: 'cancel' }, d.ctx());
    expect(c.rfq.status).toBe('CANCELLED');
    await expect(later(() => acceptQuoteTool.execute({ side: 'buy' }, d.ctx()))).rejects.toThrow(/CANCELLED: there is no live quote/);
    await requestQuoteTool.execute({ instrument: cdb, side: null, notional: 5e7 }, d.ctx());
    expect((await cancelRfqTool.execute({ mode: 'pass' }, d.ctx())).rfq.status).toBe('NOTHING_DONE');
  });

  it('refuses an unknown bond with the closest matches and creates nothing', async () => {
    const d = testDesk();
    await expect(
      later(() => requestQuoteTool.execute({ instrument: { ...cdb, code: '220206', name: null }, side: null, notional: 5e7 }, d.ctx())),
    ).rejects.toThrow(/unknown bond "220206"; closest: 220205/);
    expect(rfqStore(d.db).latestForThread('T1')).toBeNull();
  });
});

describe('booking atomicity', () => {
  it('a crash while booking leaves the RFQ QUOTED with no ticket; the retry books once', async () => {
    const d = testDesk();
    const q = await requestQuoteTool.execute({ instrument: cdb, side: 'sell', notional: 5e7 }, d.ctx());
    const spy = vi.spyOn(blotter(d.db), 'insert').mockImplementation(() => {
      throw new Error('disk full');
    });
    await expect(later(() => acceptQuoteTool.execute({}, d.ctx(TRADER, 'k1')))).rejects.toThrow('disk full');
    spy.mockRestore();
    expect(rfqStore(d.db).get(q.rfq.id).status).toBe('QUOTED');
    expect(rfqStore(d.db).eventLog(q.rfq.id).map((e) => e.event)).toEqual(['create', 'quote']);
    expect(blotter(d.db).list()).toHaveLength(0);
    const a = await acceptQuoteTool.execute({}, d.ctx(TRADER, 'k1'));
    expect(a.outcome).toBe('booked');
    expect(blotter(d.db).list()).toHaveLength(1);
  });

  it('firms up an indicative quote before dealing and rejects a mismatched level', async () => {
    const d = testDesk();
    const q = await requestQuoteTool.execute({ instrument: cdb, side: 'buy', notional: 5e7, firm: false }, d.ctx());
    expect(q.rfq.quote).toMatchObject({ firm: false, validUntil: null });
    const f = await acceptQuoteTool.execute({}, d.ctx());
    expect(f.outcome).toBe('firmed_up');
    expect(f.rfq.quote?.firm).toBe(true);
    await expect(later(() => acceptQuoteTool.execute({ level: 1.5 }, d.ctx()))).rejects.toThrow(/level_mismatch|is not our offer/);
    expect((await acceptQuoteTool.execute({ level: f.rfq.quote!.offer! }, d.ctx())).outcome).toBe('booked');
  });
});

describe('approval and expiry edge cases', () => {
  it('refuses a desk head approving their own deal, and a counter on an expired quote (expiry persisted)', async () => {
    const d = testDesk();
    await requestQuoteTool.execute({ instrument: cdb, side: 'sell', notional: 15e8, client: 'HXCB' }, d.ctx());
    await acceptQuoteTool.execute({}, d.ctx());
    // The dealing user acting as a desk head still may not sign off their own ticket.
    const selfApprover = { ...TRADER, role: 'desk_head' as const };
    await expect(later(() => approveTicketTool.execute({ decision: 'approve' }, d.ctx(selfApprover)))).rejects.toThrow(/four-eyes/);
    expect((await approveTicketTool.execute({ decision: 'reject', reason: 'too large' }, d.ctx(DESK_HEAD))).rfq.status).toBe('REJECTED');
    const d2 = testDesk();
    const q = await requestQuoteTool.execute({ instrument: cdb, side: 'sell', notional: 5e7 }, d2.ctx());
    d2.advance(60);
    await expect(later(() => counterQuoteTool.execute({ level: 1.85 }, d2.ctx()))).rejects.toThrow(/quote expired/);
    expect(rfqStore(d2.db).get(q.rfq.id).status).toBe('EXPIRED');
  });
});
