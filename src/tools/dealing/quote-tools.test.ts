import { describe, expect, it, vi } from 'vitest';
import { approveQuoteTool, listApprovalsTool } from './approve-quote.js';
import { cancelRfqTool } from './cancel-rfq.js';
import { dealingTools } from '../../agents/dealing.js';
import { acceptQuoteTool, amendQuoteTool, counterQuoteTool, refreshQuoteTool, requestQuoteTool } from './quote-tools.js';
import { getRfqStatusTool } from './status-tools.js';
import { DESK_HEAD, FX_TRADER, testDesk, TRADER } from './test-context.js';
import type { User } from '../../runtime/users.js';

const cdb = { kind: 'bond' as const, code: '220205', name: '22国开05', issuer: 'CDB', tenor: null };
const confirmTool = dealingTools.find((t) => t.name === 'confirm_pending')!;
/** The error a tool call ends with (or undefined when it succeeds). */
const failure = async (run: () => unknown): Promise<Error | undefined> => {
  try {
    await run();
    return undefined;
  } catch (e) {
    return e as Error;
  }
};

describe('dealing tools (direct execute)', () => {
  it('quotes a bond, persists it with validUntil and books on done exactly once', async () => {
    const d = await testDesk();
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
    expect(await d.storage.stores.tickets.list()).toHaveLength(1);
    const log = (await d.storage.stores.rfqs.eventLog(q.rfq.id)).map((e) => e.event);
    expect(log).toEqual(['create', 'quote', 'accept', 'book']);
  });

  it('concedes within the tier limit, holds beyond it and says why', async () => {
    const d = await testDesk();
    const q = await requestQuoteTool.execute({ instrument: cdb, side: 'sell', notional: 5e7, client: 'JNRCB' }, d.ctx());
    const bid = q.rfq.quote!.bid!;
    const c1 = await counterQuoteTool.execute({ level: +(bid - 0.0025).toFixed(4) }, d.ctx());
    expect(c1.decision.outcome).toBe('improved');
    expect(c1.rfq.quote?.bid).toBeCloseTo(bid - 0.0025, 10);
    const c2 = await counterQuoteTool.execute({ level: +(bid - 0.02).toFixed(4) }, d.ctx());
    expect(c2.decision).toMatchObject({ outcome: 'held', limit: 'step' });
    expect(c2.rfq.quote?.bid).toBeCloseTo(bid - 0.0025, 10);
    const events = (await d.storage.stores.rfqs.eventLog(q.rfq.id)).map((e) => `${e.from}>${e.to}`);
    expect(events).toEqual(['null>REQUESTED', 'REQUESTED>QUOTED', 'QUOTED>COUNTERED', 'COUNTERED>QUOTED', 'QUOTED>COUNTERED', 'COUNTERED>QUOTED']);
  });

  it('moves a relative counter from our current level in the client\'s favour ("0.25bp better", "a little better")', async () => {
    const d = await testDesk();
    // Client sells bonds: it hits our bid yield and wants it lower (a higher price).
    const q = await requestQuoteTool.execute({ instrument: cdb, side: 'sell', notional: 5e7, client: 'JNRCB' }, d.ctx());
    const bid = q.rfq.quote!.bid!;
    const c = await counterQuoteTool.execute({ relative: { amount: 0.25, unit: 'bp' } }, d.ctx());
    expect(c.decision).toMatchObject({ outcome: 'improved', clientLevel: +(bid - 0.0025).toFixed(4) });
    // "a little": the desk's per-step concession for the tier (T2: 0.25bp).
    const more = await counterQuoteTool.execute({ relative: { amount: null, unit: 'bp' } }, d.ctx());
    expect(more.decision.clientLevel).toBeCloseTo(bid - 0.005, 10);
    expect(more.decision.outcome).toBe('improved');
    // Client buys USD: a better offer is a lower rate.
    const fx = await testDesk();
    const f = await requestQuoteTool.execute({ instrument: { kind: 'fx_spot', code: 'USD/CNY', name: null, issuer: null, tenor: 'SPOT' }, side: 'buy', notional: 1e7 }, fx.ctx(FX_TRADER));
    const fc = await counterQuoteTool.execute({ relative: { amount: 1, unit: 'pips' } }, fx.ctx(FX_TRADER));
    expect(fc.decision.clientLevel).toBeCloseTo(f.rfq.quote!.offer! - 0.0001, 8);
  });

  it('refuses an expired quote and offers a fresh one', async () => {
    const d = await testDesk();
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
    const d = await testDesk();
    await expect(requestQuoteTool.execute({ instrument: cdb, side: 'buy', notional: 5e8, client: 'HYFM' }, d.ctx())).rejects.toThrow(/credit_line/);
    expect((await d.storage.stores.rfqs.latestForThread('T1'))?.status).toBe('REJECTED');
  });

  it('cancels and passes, and refuses to act on a final RFQ', async () => {
    const d = await testDesk();
    await requestQuoteTool.execute({ instrument: cdb, side: null, notional: 5e7 }, d.ctx());
    const c = await cancelRfqTool.execute({ mode: 'cancel' }, d.ctx());
    expect(c.rfq.status).toBe('CANCELLED');
    await expect(acceptQuoteTool.execute({ side: 'buy' }, d.ctx())).rejects.toThrow(/CANCELLED: there is no live quote/);
    await requestQuoteTool.execute({ instrument: cdb, side: null, notional: 5e7 }, d.ctx());
    expect((await cancelRfqTool.execute({ mode: 'pass' }, d.ctx())).rfq.status).toBe('NOTHING_DONE');
  });

  it('refuses an unknown bond with the closest matches and creates nothing', async () => {
    const d = await testDesk();
    await expect(requestQuoteTool.execute({ instrument: { ...cdb, code: '220206', name: null }, side: null, notional: 5e7 }, d.ctx())).rejects.toThrow(
      /unknown bond "220206"; closest: 220205/,
    );
    expect(await d.storage.stores.rfqs.latestForThread('T1')).toBeNull();
  });
});

describe('who and what: clients and instruments are never substituted', () => {
  it.each(['NoSuchBank', '江南城商行XYZ', 'HXCBB'])('an unknown client "%s" is an error naming the closest clients, never the default', async (name) => {
    const d = await testDesk('2025-12-26T02:00:00Z', { defaultClient: 'CLI-HXBK' });
    const err = await failure(() => requestQuoteTool.execute({ instrument: cdb, side: 'buy', notional: 5e7, client: name }, d.ctx()));
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(new RegExp(`unknown client "${name}": not in the client master; closest: CLI-`));
    expect(await d.storage.stores.rfqs.latestForThread('T1')).toBeNull();
  });

  it.each(['USD/JPY', 'EUR/CNH', 'EUR/USD'])('%s is refused with the supported list, never priced as USD/CNY', async (pair) => {
    const d = await testDesk();
    const err = await failure(() => requestQuoteTool.execute({ instrument: { kind: 'fx_spot', code: pair, name: null, issuer: null, tenor: 'SPOT' }, side: 'buy', notional: 1e7 }, d.ctx(FX_TRADER)));
    expect((err as Error).message).toMatch(new RegExp(`${pair.replace('/', '\\/')} is not quoted by this desk: supported .*USD/CNY`));
    expect(await d.storage.stores.rfqs.latestForThread('T1')).toBeNull();
  });
});

describe('fat-finger read-back', () => {
  it('reads back a size above confirmAboveNotional, then quotes it on "confirm"', async () => {
    const d = await testDesk('2025-12-26T02:00:00Z', { approvalThreshold: 5e9 });
    const err = await failure(() => requestQuoteTool.execute({ instrument: cdb, side: 'buy', notional: 2e9, client: 'HXCB' }, d.ctx()));
    expect((err as Error).message).toMatch(/please confirm: size 2000000000 CNY .* above the read-back threshold CNY 1000000000/);
    expect(await d.storage.stores.rfqs.latestForThread('T1')).toBeNull();
    const ok = (await confirmTool.execute({}, d.ctx())) as { tool: string; result: { rfq: { status: string; notional: number } } };
    expect(ok.tool).toBe('request_quote');
    expect(ok.result.rfq).toMatchObject({ status: 'QUOTED', notional: 2e9 });
    // Nothing is pending any more.
    await expect(confirmTool.execute({}, d.ctx())).rejects.toThrow(/nothing is waiting for confirmation/);
  });

  it('reads back a counter far from our quote; a lapsed read-back confirms nothing', async () => {
    const d = await testDesk('2025-12-26T02:00:00Z', { confirmAwayBp: 5 });
    const q = await requestQuoteTool.execute({ instrument: cdb, side: 'sell', notional: 5e7 }, d.ctx());
    const far = +(q.rfq.quote!.bid! - 0.1).toFixed(4);
    await expect(counterQuoteTool.execute({ level: far }, d.ctx())).rejects.toThrow(/please confirm: counter .* from our/);
    d.advance(5);
    const c = (await confirmTool.execute({}, d.ctx())) as { tool: string; result: { decision: { outcome: string } } };
    expect(c.tool).toBe('counter_quote');
    expect(c.result.decision.outcome).toBe('held');
    await expect(counterQuoteTool.execute({ level: far }, d.ctx())).rejects.toThrow(/please confirm/);
    d.advance(121);
    await expect(confirmTool.execute({}, d.ctx())).rejects.toThrow(/nothing is waiting/);
  });
});

describe('amend and refresh re-price and re-check', () => {
  it('a new size is a fresh quote with new checks; the old quote is closed', async () => {
    const d = await testDesk();
    const q = await requestQuoteTool.execute({ instrument: cdb, side: 'sell', notional: 5e7, client: 'HXCB' }, d.ctx());
    const a = await amendQuoteTool.execute({ notional: 3e8 }, d.ctx());
    expect(a.rfq).toMatchObject({ status: 'QUOTED', notional: 3e8, parentId: q.rfq.id, client: 'CLI-HXBK', side: 'sell' });
    expect((await d.storage.stores.rfqs.get(q.rfq.id)).status).toBe('CANCELLED');
    // Too big for the client's credit line: refused by the re-run checks.
    await expect(amendQuoteTool.execute({ notional: 4e9, confirmed: true }, d.ctx())).rejects.toThrow(/credit_line|trader_per_trade/);
  });

  it('refresh gives a fresh firm quote after expiry', async () => {
    const d = await testDesk();
    const q = await requestQuoteTool.execute({ instrument: cdb, side: 'buy', notional: 5e7 }, d.ctx());
    d.advance(60);
    const r = await refreshQuoteTool.execute({}, d.ctx());
    expect(r.rfq).toMatchObject({ status: 'QUOTED', parentId: q.rfq.id });
    expect(r.rfq.quote?.validUntil).toBe('2025-12-26T02:01:30.000Z');
  });
});

describe('booking atomicity', () => {
  it('a crash while booking leaves the RFQ QUOTED with no ticket; the retry books once', async () => {
    const d = await testDesk();
    const q = await requestQuoteTool.execute({ instrument: cdb, side: 'sell', notional: 5e7 }, d.ctx());
    const spy = vi.spyOn(d.storage.stores.tickets, 'insert').mockImplementation(() => Promise.reject(new Error('disk full')));
    await expect(acceptQuoteTool.execute({}, d.ctx(TRADER, 'k1'))).rejects.toThrow('disk full');
    spy.mockRestore();
    expect((await d.storage.stores.rfqs.get(q.rfq.id)).status).toBe('QUOTED');
    expect((await d.storage.stores.rfqs.eventLog(q.rfq.id)).map((e) => e.event)).toEqual(['create', 'quote']);
    expect(await d.storage.stores.tickets.list()).toHaveLength(0);
    const a = await acceptQuoteTool.execute({}, d.ctx(TRADER, 'k1'));
    expect(a.outcome).toBe('booked');
    expect(await d.storage.stores.tickets.list()).toHaveLength(1);
  });

  it('firms up an indicative quote before dealing and rejects a mismatched level', async () => {
    const d = await testDesk();
    const q = await requestQuoteTool.execute({ instrument: cdb, side: 'buy', notional: 5e7, firm: false }, d.ctx());
    expect(q.rfq.quote).toMatchObject({ firm: false, validUntil: null });
    const f = await acceptQuoteTool.execute({}, d.ctx());
    expect(f.outcome).toBe('firmed_up');
    expect(f.rfq.quote?.firm).toBe(true);
    await expect(acceptQuoteTool.execute({ level: 1.5 }, d.ctx())).rejects.toThrow(/level_mismatch|is not our offer/);
    expect((await acceptQuoteTool.execute({ level: f.rfq.quote!.offer! }, d.ctx())).outcome).toBe('booked');
  });
});

describe('approval before the firm quote (Trading Rules Art. 16)', () => {
  const big = { instrument: cdb, side: 'sell' as const, notional: 10e8, client: 'HXCB' };

  it('above the threshold the levels are indicative until a desk head of the desk approves; done before that books nothing', async () => {
    const d = await testDesk();
    const q = await requestQuoteTool.execute(big, d.ctx());
    expect(q.rfq.status).toBe('PENDING_APPROVAL');
    expect(q.rfq.quote).toMatchObject({ firm: false, validUntil: null });
    const note = q.notes.find((n) => n.code === 'approval_required')!;
    expect(note.data.approvalId).toBe('APR-20251226-0001');
    const early = await acceptQuoteTool.execute({}, d.ctx());
    expect(early).toMatchObject({ outcome: 'awaiting_approval', approvalId: 'APR-20251226-0001', ticket: null });
    expect(await d.storage.stores.tickets.list()).toHaveLength(0);

    const pending = await listApprovalsTool.execute({}, d.ctx(DESK_HEAD, undefined, 'H1'));
    expect(pending.approvals.map((a) => a.id)).toEqual(['APR-20251226-0001']);
    d.advance(20);
    const ok = await approveQuoteTool.execute({ decision: 'approve', approvalId: 'APR-20251226-0001' }, d.ctx(DESK_HEAD, undefined, 'H1'));
    expect(ok.approval).toMatchObject({ status: 'approved', decidedBy: 'l.wang' });
    expect(ok.rfq.status).toBe('QUOTED');
    // The firm quote's validity runs from the approval, at exactly the approved levels.
    expect(ok.rfq.quote).toMatchObject({ firm: true, validUntil: '2025-12-26T02:00:50.000Z', bid: q.rfq.quote!.bid, offer: q.rfq.quote!.offer });
    // Idempotent: the same decision again returns the recorded one.
    const again = await approveQuoteTool.execute({ decision: 'approve', approvalId: 'APR-20251226-0001' }, d.ctx(DESK_HEAD, undefined, 'H1'));
    expect(again.approval.decidedAt).toBe(ok.approval.decidedAt);

    const done = await acceptQuoteTool.execute({}, d.ctx());
    expect(done.outcome).toBe('booked');
    expect(done.ticket).toMatchObject({ status: 'booked', approver: 'l.wang', approvedAt: '2025-12-26T02:00:20.000Z' });
    const log = (await d.storage.stores.rfqs.eventLog(q.rfq.id)).map((e) => `${e.event}:${e.to}`);
    expect(log).toEqual(['create:REQUESTED', 'request_approval:PENDING_APPROVAL', 'approve:QUOTED', 'accept:ACCEPTED', 'book:DONE']);
  });

  it('the approver must be proven, not the trader, and of the same desk', async () => {
    const d = await testDesk();
    await requestQuoteTool.execute(big, d.ctx());
    const id = { decision: 'approve' as const, approvalId: 'APR-20251226-0001' };
    await expect(approveQuoteTool.execute(id, d.ctx(DESK_HEAD, undefined, 'H1', 'local'))).rejects.toThrow(/proven identity/);
    const selfHead: User = { ...TRADER, role: 'desk_head' };
    await expect(approveQuoteTool.execute(id, d.ctx(selfHead, undefined, 'H2'))).rejects.toThrow(/four-eyes/);
    const fxHead: User = { id: 'k.fx', name: 'FX Head', role: 'desk_head', desk: 'fx' };
    await expect(approveQuoteTool.execute(id, d.ctx(fxHead, undefined, 'H3'))).rejects.toThrow(/only a desk head of rates/);
    await expect(approveQuoteTool.execute({ decision: 'approve' }, d.ctx(DESK_HEAD, undefined, 'H1'))).rejects.toThrow(/name the approval/);
    expect(approveQuoteTool.roles).toEqual(['desk_head']);
    const rejected = await approveQuoteTool.execute({ decision: 'reject', approvalId: 'APR-20251226-0001', reason: 'too large' }, d.ctx(DESK_HEAD, undefined, 'H1'));
    expect(rejected.rfq.status).toBe('REJECTED');
  });

  it('a counter changes the economics: the old approval is superseded and a new one is needed', async () => {
    const d = await testDesk();
    const q = await requestQuoteTool.execute(big, d.ctx());
    const bid = q.rfq.quote!.bid!;
    const c = await counterQuoteTool.execute({ level: +(bid - 0.0025).toFixed(4) }, d.ctx());
    expect(c.rfq.status).toBe('PENDING_APPROVAL');
    expect(c.notes[0]?.data.approvalId).toBe('APR-20251226-0002');
    expect((await d.storage.stores.approvals.get('APR-20251226-0001'))?.status).toBe('superseded');
    await expect(approveQuoteTool.execute({ approvalId: 'APR-20251226-0001', decision: 'approve' }, d.ctx(DESK_HEAD, undefined, 'H1'))).rejects.toThrow(/superseded/);
    const ok = await approveQuoteTool.execute({ approvalId: 'APR-20251226-0002', decision: 'approve' }, d.ctx(DESK_HEAD, undefined, 'H1'));
    expect(ok.rfq.quote?.bid).toBeCloseTo(bid - 0.0025, 10);
    expect((await acceptQuoteTool.execute({}, d.ctx())).outcome).toBe('booked');
  });

  it('an approval lapses: a pending one after approvalTtlSeconds, an approved one with its quote', async () => {
    const d = await testDesk('2025-12-26T02:00:00Z', { approvalTtlSeconds: 60 });
    await requestQuoteTool.execute(big, d.ctx());
    d.advance(61);
    await expect(approveQuoteTool.execute({ approvalId: 'APR-20251226-0001', decision: 'approve' }, d.ctx(DESK_HEAD, undefined, 'H1'))).rejects.toThrow(/lapsed/);
    expect((await d.storage.stores.rfqs.latestForThread('T1'))?.status).toBe('EXPIRED');

    const d2 = await testDesk();
    await requestQuoteTool.execute(big, d2.ctx());
    await approveQuoteTool.execute({ approvalId: 'APR-20251226-0001', decision: 'approve' }, d2.ctx(DESK_HEAD, undefined, 'H1'));
    d2.advance(31);
    const late = await acceptQuoteTool.execute({}, d2.ctx());
    expect(late.outcome).toBe('expired');
    // The fresh quote needs a fresh approval.
    expect(late.fresh?.rfq.status).toBe('PENDING_APPROVAL');
    expect(await d2.storage.stores.tickets.list()).toHaveLength(0);
  });

  it('refuses a counter on an expired quote (expiry persisted)', async () => {
    const d2 = await testDesk();
    const q = await requestQuoteTool.execute({ instrument: cdb, side: 'sell', notional: 5e7 }, d2.ctx());
    d2.advance(60);
    await expect(counterQuoteTool.execute({ level: 1.85 }, d2.ctx())).rejects.toThrow(/quote expired/);
    expect((await d2.storage.stores.rfqs.get(q.rfq.id)).status).toBe('EXPIRED');
  });
});
