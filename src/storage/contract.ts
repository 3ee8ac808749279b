/**
 * The storage contract, engine by engine: every repository method's semantics and the transaction
 * rules of `types.ts`, as vitest blocks. Each engine's test file calls `describeStorageContract`
 * with a function that opens a fresh, migrated storage (one per file: the tests share it and keep
 * to their own threads, clients and dates, so they are independent of order and of each other).
 *
 * Times are explicit instants (the clock is never read); ids are checked by format and sequence.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Checkpoint, CheckpointMetadata } from '@langchain/langgraph-checkpoint';
import { verifyChain, type AuditEntry, type StoredAuditRow } from '../runtime/audit-chain.js';
import { ToolRefusal } from '../runtime/errors.js';
import type { ApprovalRecord, Storage, Stores, TicketRepository } from './types.js';

type NewRfq = Parameters<Stores['rfqs']['create']>[0];
type Rfq = Awaited<ReturnType<Stores['rfqs']['create']>>;
type NewTicket = Parameters<TicketRepository['insert']>[0];
type NewApproval = Parameters<Stores['approvals']['create']>[0];
type QuotePatch = NonNullable<NonNullable<Parameters<Stores['rfqs']['applyEvent']>[4]>['quote']>;

/** 2025-12-26 10:00 Shanghai; `min(n)` is n minutes later. */
const T0 = new Date('2025-12-26T02:00:00.000Z');
const min = (n: number): Date => new Date(T0.getTime() + n * 60_000);

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

let counter = 0;
/** A name no other test in the file uses (tests share one database). */
const uid = (prefix: string): string => `${prefix}-${++counter}-${Math.random().toString(36).slice(2, 8)}`;

function newRfq(thread: string, over: Partial<NewRfq> = {}): NewRfq {
  return {
    thread,
    client: 'ACME Capital',
    trader: 'trader.li',
    instrument: { kind: 'bond', code: '250012.IB', name: '25附息国债12', issuer: 'MOF', tenor: '10Y' },
    side: 'buy',
    notional: 50_000_000,
    currency: 'CNY',
    settle: 'T+1',
    ...over,
  };
}

function quote(at: Date, bid: number, version = 1): QuotePatch {
  return {
    bid,
    offer: bid - 0.01,
    mid: bid - 0.005,
    levelType: 'yield',
    validUntil: new Date(at.getTime() + 30_000).toISOString(),
    firm: true,
    quotedAt: at.toISOString(),
    version,
    originalBid: bid,
    originalOffer: bid - 0.01,
    unit: 'bp',
    settle: '2025-12-29',
    held: false,
    detail: { curve: 'CGB', point: 10, tier: 'A' },
  };
}

function newTicket(rfq: Rfq, over: Partial<NewTicket> = {}): NewTicket {
  return {
    rfqId: rfq.id,
    client: rfq.client,
    trader: rfq.trader,
    instrument: rfq.instrument,
    side: 'buy',
    notional: rfq.notional,
    currency: 'CNY',
    level: 1.8325,
    levelType: 'yield',
    clean: 100.123456,
    accrued: 0.4321,
    fullPrice: 100.555556,
    settlementAmount: 50_277_778.01,
    settleDate: '2025-12-29',
    status: 'booked',
    detail: { quoteVersion: 1, legs: [{ n: 1 }], note: '买入 5000万' },
    ...over,
  };
}

function auditEntry(thread: string, n: number, payload: unknown = { n }): AuditEntry {
  return { ts: min(n).toISOString(), user: 'trader.li', role: 'trader', agent: 'dealing', thread, kind: 'tool_call', payload };
}

async function* pages(storage: Storage, size: number): AsyncIterable<StoredAuditRow[]> {
  for (let from = 1; ; ) {
    const page = await storage.stores.audit.range(from, size);
    if (page.length === 0) return;
    yield page;
    from = (page.at(-1)?.id ?? from) + 1;
  }
}

function approval(rfqId: string, over: Partial<NewApproval> = {}): NewApproval {
  return {
    rfqId,
    thread: 'thr-approval',
    requestedBy: 'trader.li',
    desk: 'rates',
    economics: { instrument: '250012.IB', side: 'buy', size: 5e7, level: 1.8325, client: 'ACME', quoteVersion: 1 },
    economicsHash: 'a'.repeat(64),
    quoteVersion: 1,
    requestedAt: T0.toISOString(),
    expiresAt: min(5).toISOString(),
    ...over,
  };
}

const seqOf = (id: string): number => Number(id.split('-').at(-1));

/** Registers the contract's tests for one engine; `open` returns a fresh, migrated storage. */
export function describeStorageContract(engineName: string, open: () => Promise<Storage>): void {
  describe(`storage contract (${engineName})`, () => {
    let storage: Storage;
    let s: Stores;

    beforeAll(async () => {
      storage = await open();
      s = storage.stores;
    });
    afterAll(async () => {
      await storage?.close();
    });

    it('is migrated on open; migrate() again applies nothing', async () => {
      expect(storage.location).not.toMatch(/:[^:@/]+@/);
      const again = await storage.migrate();
      expect(again.applied).toEqual([]);
      expect(again.current).toBeGreaterThanOrEqual(1);
    });

    describe('rfqs', () => {
      it('creates in REQUESTED with a Shanghai-dated id and a global sequence', async () => {
        const thread = uid('thr');
        const a = await s.rfqs.create(newRfq(thread), T0, 'trader.li');
        const b = await s.rfqs.create(newRfq(thread, { side: null, parentId: a.id }), min(1), 'trader.li');
        expect(a.id).toMatch(/^RFQ-20251226-\d{4}$/);
        expect(seqOf(b.id)).toBe(seqOf(a.id) + 1);
        expect(a).toEqual({
          ...newRfq(thread),
          id: a.id,
          status: 'REQUESTED',
          quote: null,
          negotiation: [],
          parentId: null,
          reason: null,
          createdAt: '2025-12-26T02:00:00.000Z',
          updatedAt: '2025-12-26T02:00:00.000Z',
        });
        expect(b.side).toBeNull();
        expect(b.parentId).toBe(a.id);
        expect(await s.rfqs.get(a.id)).toEqual(a);
        // 17:00 UTC is already the 27th in Shanghai.
        const late = await s.rfqs.create(newRfq(thread), new Date('2025-12-26T17:00:00.000Z'), 'trader.li');
        expect(late.id).toMatch(/^RFQ-20251227-\d{4}$/);
        expect(seqOf(late.id)).toBe(seqOf(b.id) + 1);
      });

      it('get refuses an unknown id; find returns null', async () => {
        await expect(s.rfqs.get('RFQ-19990101-9999')).rejects.toBeInstanceOf(ToolRefusal);
        await expect(s.rfqs.get('RFQ-19990101-9999')).rejects.toMatchObject({ check: 'rfq_not_found' });
        expect(await s.rfqs.find('RFQ-19990101-9999')).toBeNull();
      });

      it('finds the latest RFQ of a thread, by status, and its last client', async () => {
        const thread = uid('thr');
        expect(await s.rfqs.latestForThread(thread)).toBeNull();
        expect(await s.rfqs.lastClientForThread(thread)).toBeNull();
        const first = await s.rfqs.create(newRfq(thread, { client: 'Alpha' }), T0, 'trader.li');
        const quoted = await s.rfqs.applyEvent(first, 'quote', min(1), 'trader.li', { quote: quote(min(1), 1.83) });
        const second = await s.rfqs.create(newRfq(thread, { client: 'Beta' }), min(2), 'trader.li');
        await s.rfqs.create(newRfq(uid('other'), { client: 'Gamma' }), min(3), 'trader.li');
        expect((await s.rfqs.latestForThread(thread))?.id).toBe(second.id);
        expect(await s.rfqs.latestWithStatus(thread, 'QUOTED')).toEqual(quoted);
        expect(await s.rfqs.latestWithStatus(thread, 'DONE')).toBeNull();
        expect(await s.rfqs.lastClientForThread(thread)).toBe('Beta');
      });

      it('applyEvent moves the status, applies the patch and returns what a read returns', async () => {
        const rfq = await s.rfqs.create(newRfq(uid('thr'), { side: null }), T0, 'trader.li');
        const q = quote(min(1), 1.83);
        const quoted = await s.rfqs.applyEvent(rfq, 'quote', min(1), 'dealer.wang', { quote: q, settle: '2025-12-29' });
        expect(quoted).toMatchObject({ status: 'QUOTED', quote: q, settle: '2025-12-29', updatedAt: min(1).toISOString(), createdAt: T0.toISOString() });
        expect(await s.rfqs.get(rfq.id)).toEqual(quoted);
        const step = { at: min(2).toISOString(), side: 'sell' as const, clientLevel: 1.85, from: 1.83, to: 1.84, outcome: 'improved' as const, step: 1, total: 1, unit: 'bp', reason: 'within limit' };
        const countered = await s.rfqs.applyEvent(quoted, 'counter', min(2), 'client', { side: 'sell', negotiation: [step] });
        const cancelled = await s.rfqs.applyEvent(countered, 'cancel', min(3), 'dealer.wang', { reason: 'market moved', quote: null });
        expect(cancelled).toMatchObject({ status: 'CANCELLED', side: 'sell', negotiation: [step], reason: 'market moved', quote: null });
        expect(await s.rfqs.get(rfq.id)).toEqual(cancelled);
      });

      it('applyEvent applies a size amendment (notional) with the event', async () => {
        const rfq = await s.rfqs.create(newRfq(uid('thr')), T0, 'trader.li');
        const quoted = await s.rfqs.applyEvent(rfq, 'quote', min(1), 'dealer', { quote: quote(min(1), 1.83) });
        const amended = await s.rfqs.applyEvent(quoted, 'requote', min(2), 'dealer', { notional: 80_000_000, quote: quote(min(2), 1.84, 2) });
        expect(amended.notional).toBe(80_000_000);
        expect(await s.rfqs.get(rfq.id)).toEqual(amended);
      });

      it('applyEvent is a compare-and-set: a stale record is refused with the real status, nothing changes', async () => {
        const rfq = await s.rfqs.create(newRfq(uid('thr')), T0, 'trader.li');
        const quoted = await s.rfqs.applyEvent(rfq, 'quote', min(1), 'dealer', { quote: quote(min(1), 1.83) });
        const accepted = await s.rfqs.applyEvent(quoted, 'accept', min(2), 'client');
        // `quoted` is stale now: QUOTED → CANCELLED is legal by the table but the row is ACCEPTED.
        const stale = s.rfqs.applyEvent(quoted, 'cancel', min(3), 'dealer', { reason: 'late' });
        await expect(stale).rejects.toBeInstanceOf(ToolRefusal);
        await expect(s.rfqs.applyEvent(quoted, 'cancel', min(3), 'dealer')).rejects.toMatchObject({
          check: 'rfq_state',
          data: { rfqId: rfq.id, status: 'ACCEPTED' },
        });
        expect(await s.rfqs.get(rfq.id)).toEqual(accepted);
        expect((await s.rfqs.eventLog(rfq.id)).map((e) => e.event)).toEqual(['create', 'quote', 'accept']);
      });

      it('applyEvent refuses an illegal transition without touching the row', async () => {
        const rfq = await s.rfqs.create(newRfq(uid('thr')), T0, 'trader.li');
        await expect(s.rfqs.applyEvent(rfq, 'accept', min(1), 'client')).rejects.toMatchObject({ check: 'rfq_state' });
        expect(await s.rfqs.get(rfq.id)).toEqual(rfq);
        expect(await s.rfqs.eventLog(rfq.id)).toHaveLength(1);
      });

      it('two concurrent transitions of the same RFQ: exactly one wins', async () => {
        const rfq = await s.rfqs.create(newRfq(uid('thr')), T0, 'trader.li');
        const quoted = await s.rfqs.applyEvent(rfq, 'quote', min(1), 'dealer', { quote: quote(min(1), 1.83) });
        const results = await Promise.allSettled([
          s.rfqs.applyEvent(quoted, 'accept', min(2), 'client'),
          s.rfqs.applyEvent(quoted, 'pass', min(2), 'client'),
        ]);
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
        const lost = results.find((r) => r.status === 'rejected');
        expect(lost?.reason).toMatchObject({ check: 'rfq_state' });
        expect(await s.rfqs.eventLog(rfq.id)).toHaveLength(3);
      });

      it('keeps the event log in order with actors, instants and details', async () => {
        const input = newRfq(uid('thr'));
        const rfq = await s.rfqs.create(input, T0, 'trader.li');
        const quoted = await s.rfqs.applyEvent(rfq, 'quote', min(1), 'dealer.wang', { quote: quote(min(1), 1.83) }, { curve: 'CGB', bp: [1, 2] });
        const requoted = await s.rfqs.applyEvent(quoted, 'requote', min(2), 'dealer.wang', { quote: quote(min(2), 1.82, 2) });
        await s.rfqs.applyEvent(requoted, 'accept', min(3), 'client');
        expect(await s.rfqs.eventLog(rfq.id)).toEqual([
          { event: 'create', from: null, to: 'REQUESTED', at: T0.toISOString(), actor: 'trader.li', detail: { ...input } },
          { event: 'quote', from: 'REQUESTED', to: 'QUOTED', at: min(1).toISOString(), actor: 'dealer.wang', detail: { curve: 'CGB', bp: [1, 2] } },
          { event: 'requote', from: 'QUOTED', to: 'QUOTED', at: min(2).toISOString(), actor: 'dealer.wang', detail: null },
          { event: 'accept', from: 'QUOTED', to: 'ACCEPTED', at: min(3).toISOString(), actor: 'client', detail: null },
        ]);
        expect(await s.rfqs.eventLog('RFQ-19990101-9999')).toEqual([]);
      });
    });

    describe('tickets', () => {
      const bookable = async (thread: string, over: Partial<NewRfq> = {}, at = T0): Promise<Rfq> => s.rfqs.create(newRfq(thread, over), at, 'trader.li');

      it('inserts with a trade-date id; a second insert for the same RFQ returns the first ticket', async () => {
        const rfq = await bookable(uid('thr'));
        const t = await s.tickets.insert(newTicket(rfq), T0);
        expect(t.tradeId).toMatch(/^T-20251226-\d{4}$/);
        expect(t).toEqual({ ...newTicket(rfq), tradeId: t.tradeId, tradeDate: '2025-12-26', approver: null, approvedAt: null, createdAt: T0.toISOString() });
        const again = await s.tickets.insert(newTicket(rfq, { level: 9.99, status: 'rejected' }), min(5));
        expect(again).toEqual(t);
        expect(await s.tickets.byRfq(rfq.id)).toEqual(t);
        expect(await s.tickets.get(t.tradeId)).toEqual(t);
        const other = await s.tickets.insert(newTicket(await bookable(uid('thr'))), min(1));
        expect(seqOf(other.tradeId)).toBe(seqOf(t.tradeId) + 1);
      });

      it('keeps the approver of a ticket approved before the firm quote', async () => {
        const rfq = await bookable(uid('thr'));
        const t = await s.tickets.insert(newTicket(rfq, { approver: 'head.zhao', approvedAt: min(1).toISOString() }), min(2));
        expect(t).toMatchObject({ approver: 'head.zhao', approvedAt: min(1).toISOString(), createdAt: min(2).toISOString() });
        expect(await s.tickets.get(t.tradeId)).toEqual(t);
      });

      it('keeps nulls and exact doubles; unknown ids are refused or null', async () => {
        const rfq = await bookable(uid('thr'));
        const t = await s.tickets.insert(newTicket(rfq, { clean: null, accrued: null, fullPrice: null, settlementAmount: null, settleDate: null, level: 0.1 + 0.2, detail: {} }), T0);
        expect(t).toMatchObject({ clean: null, accrued: null, fullPrice: null, settlementAmount: null, settleDate: null, level: 0.1 + 0.2, detail: {} });
        await expect(s.tickets.get('T-19990101-9999')).rejects.toMatchObject({ check: 'ticket_not_found' });
        expect(await s.tickets.byRfq('RFQ-19990101-9999')).toBeNull();
      });

      it('liveOn lists booked and pending tickets of one trade date, not rejected ones', async () => {
        const day = new Date('2026-01-05T03:00:00.000Z');
        const ids: string[] = [];
        for (const status of ['booked', 'pending_approval', 'rejected'] as const) {
          const rfq = await bookable(uid('thr'), {}, day);
          ids.push((await s.tickets.insert(newTicket(rfq, { status }), day)).tradeId);
        }
        const live = await s.tickets.liveOn('2026-01-05');
        expect(live.map((t) => t.tradeId)).toEqual(ids.slice(0, 2));
        expect(live.every((t) => t.tradeDate === '2026-01-05')).toBe(true);
      });

      it('lists by status, trader and client, oldest first; limit keeps the most recent', async () => {
        const trader = uid('trader');
        const made: string[] = [];
        for (const [i, client] of ['C1', 'C2', 'C1'].entries()) {
          const rfq = await bookable(uid('thr'), { trader, client });
          made.push((await s.tickets.insert(newTicket(rfq, { trader, client, status: i === 1 ? 'pending_approval' : 'booked' }), min(i))).tradeId);
        }
        expect((await s.tickets.list({ trader })).map((t) => t.tradeId)).toEqual(made);
        expect((await s.tickets.list({ trader, client: 'C1' })).map((t) => t.tradeId)).toEqual([made[0], made[2]]);
        expect((await s.tickets.list({ trader, status: 'pending_approval' })).map((t) => t.tradeId)).toEqual([made[1]]);
        expect((await s.tickets.list({ trader, limit: 2 })).map((t) => t.tradeId)).toEqual(made.slice(1));
        expect((await s.tickets.list()).length).toBeGreaterThanOrEqual(3);
      });

      it('since pages through new tickets by cursor without duplicates', async () => {
        const start = (await s.tickets.since(0, 1_000_000)).cursor;
        const made: string[] = [];
        for (let i = 0; i < 3; i++) made.push((await s.tickets.insert(newTicket(await bookable(uid('thr'))), min(i))).tradeId);
        const p1 = await s.tickets.since(start, 2);
        const p2 = await s.tickets.since(p1.cursor, 2);
        const p3 = await s.tickets.since(p2.cursor, 2);
        expect(p1.tickets.map((t) => t.tradeId)).toEqual(made.slice(0, 2));
        expect(p2.tickets.map((t) => t.tradeId)).toEqual(made.slice(2));
        expect(p3).toEqual({ tickets: [], cursor: p2.cursor });
        expect(p1.cursor).toBe(p1.tickets[1]?.cursor);
        expect(p1.tickets[0]!.cursor).toBeGreaterThan(start);
        expect(p2.cursor).toBeGreaterThan(p1.cursor);
      });
    });

    describe('idempotency', () => {
      it('remembers a result per key and recalls it; another tool is an error', async () => {
        const key = uid('idem');
        expect(await s.idempotency.recall(key, 'book_ticket')).toBeUndefined();
        const result = { tradeId: 'T-20251226-0001', amounts: [1.5, -2, 0], ok: true, note: null, text: '成交' };
        await s.idempotency.remember(key, 'book_ticket', result, T0);
        expect(await s.idempotency.recall(key, 'book_ticket')).toEqual(result);
        await expect(s.idempotency.recall(key, 'cancel_rfq')).rejects.toThrow(/book_ticket/);
      });

      it('a key is stored once: remembering it again fails', async () => {
        const key = uid('idem');
        await s.idempotency.remember(key, 'book_ticket', { n: 1 }, T0);
        await expect(s.idempotency.remember(key, 'book_ticket', { n: 2 }, min(1))).rejects.toThrow();
        expect(await s.idempotency.recall(key, 'book_ticket')).toEqual({ n: 1 });
      });
    });

    describe('audit', () => {
      it('appends linked records; head, count, byThread and a paged verifyChain agree', async () => {
        const thread = uid('thr');
        const before = await s.audit.head();
        const count0 = await s.audit.count();
        const recs = [];
        recs.push(await s.audit.append(auditEntry(thread, 1, { text: '买入 10亿 国开', n: 1.25, list: [1, 'a', null] })));
        recs.push(await s.audit.append(auditEntry(thread, 2, { dropped: undefined, kept: 0 })));
        recs.push(await s.audit.append({ ...auditEntry(thread, 3), kind: 'state_change', payload: null }));
        expect(recs[0]!.id).toBe((before?.id ?? 0) + 1);
        expect(recs[0]!.prevHash).toBe(before?.hash ?? '0'.repeat(64));
        expect(recs[1]!.prevHash).toBe(recs[0]!.hash);
        expect(recs[2]!.id).toBe(recs[0]!.id + 2);
        expect(recs[1]!.payload).toEqual({ kept: 0 });
        expect(await s.audit.head()).toEqual({ id: recs[2]!.id, hash: recs[2]!.hash });
        expect(await s.audit.count()).toBe(count0 + 3);
        expect(await s.audit.byThread(thread)).toEqual(recs);
        expect(await s.audit.range(recs[1]!.id, 1)).toEqual([recs[1]]);
        const verified = await verifyChain(pages(storage, 2));
        expect(verified).toEqual({ ok: true, records: count0 + 3, head: { id: recs[2]!.id, hash: recs[2]!.hash } });
      });

      it('range pages are in id order and end empty past the head', async () => {
        await s.audit.append(auditEntry(uid('thr'), 1));
        const head = await s.audit.head();
        expect(await s.audit.range((head?.id ?? 0) + 1, 10)).toEqual([]);
        const ids = (await s.audit.range(1, 1_000_000)).map((r) => r.id);
        expect(ids).toEqual(ids.map((_, i) => i + 1));
      });
    });

    describe('threads', () => {
      it('creates once; a second create returns the stored thread unchanged', async () => {
        const id = uid('thr');
        const info = { id, agent: 'dealing', owner: 'trader.li', createdAt: T0.toISOString(), metadata: { desk: 'rates', n: 1 } };
        const first = await s.threads.create(info);
        expect(first).toEqual({ created: true, thread: { ...info, updatedAt: T0.toISOString() } });
        const second = await s.threads.create({ ...info, agent: 'analyst', owner: 'mallory', createdAt: min(9).toISOString(), metadata: {} });
        expect(second).toEqual({ created: false, thread: first.thread });
        expect(await s.threads.get(id)).toEqual(first.thread);
        expect(await s.threads.get(uid('missing'))).toBeNull();
      });

      it('touch moves updatedAt; search filters by owners, agent and metadata, most recent first', async () => {
        const agent = uid('agent');
        const mk = (owner: string, n: number, metadata: Record<string, unknown>) =>
          s.threads.create({ id: uid('thr'), agent, owner, createdAt: min(n).toISOString(), metadata });
        const a = (await mk('ann', 0, { desk: 'rates', vip: true })).thread;
        const b = (await mk('bob', 1, { desk: 'fx' })).thread;
        const c = (await mk('cat', 2, { desk: 'rates', tags: ['x', 'y'] })).thread;
        await s.threads.create({ id: uid('thr'), agent: uid('agent'), owner: 'ann', createdAt: T0.toISOString(), metadata: {} });
        await s.threads.touch(a.id, min(10));
        expect((await s.threads.get(a.id))?.updatedAt).toBe(min(10).toISOString());
        const ids = (q: Parameters<Stores['threads']['search']>[0]) => s.threads.search(q).then((r) => r.map((t) => t.id));
        expect(await ids({ agent })).toEqual([a.id, c.id, b.id]);
        expect(await ids({ agent, owners: ['ann', 'bob'] })).toEqual([a.id, b.id]);
        expect(await ids({ agent, owners: [] })).toEqual([]);
        expect(await ids({ agent, metadata: { desk: 'rates' } })).toEqual([a.id, c.id]);
        expect(await ids({ agent, metadata: { desk: 'rates', vip: true } })).toEqual([a.id]);
        expect(await ids({ agent, metadata: { tags: ['x', 'y'] } })).toEqual([c.id]);
        expect(await ids({ agent, metadata: { desk: 'equities' } })).toEqual([]);
        expect(await ids({ agent, limit: 1, offset: 1 })).toEqual([c.id]);
        expect((await s.threads.search({ owners: ['ann'] })).length).toBeGreaterThanOrEqual(2);
      });
    });

    describe('tokens', () => {
      it('creates, finds by hash, lists per user and revokes once', async () => {
        const user = uid('user');
        const tok = (n: number, label: string | null, expiresAt: string | null) => ({
          id: uid('tok'),
          userId: user,
          hash: `${n}`.padStart(64, 'f') + uid('h'),
          label,
          createdAt: min(n).toISOString(),
          expiresAt,
        });
        const t1 = tok(1, 'laptop', min(60).toISOString());
        const t2 = tok(2, null, null);
        expect(await s.tokens.create(t2)).toEqual({ ...t2, revokedAt: null });
        expect(await s.tokens.create(t1)).toEqual({ ...t1, revokedAt: null });
        expect(await s.tokens.findByHash(t1.hash)).toEqual({ ...t1, revokedAt: null });
        expect(await s.tokens.findByHash('0'.repeat(64))).toBeNull();
        expect((await s.tokens.list(user)).map((t) => t.id)).toEqual([t1.id, t2.id]);
        expect((await s.tokens.list()).map((t) => t.id)).toEqual(expect.arrayContaining([t1.id, t2.id]));
        expect(await s.tokens.revoke(t1.id, min(30))).toBe(true);
        expect(await s.tokens.revoke(t1.id, min(31))).toBe(false);
        expect(await s.tokens.revoke(uid('nope'), min(31))).toBe(false);
        expect(await s.tokens.findByHash(t1.hash)).toEqual({ ...t1, revokedAt: min(30).toISOString() });
      });
    });

    describe('approvals', () => {
      it('creates pending approvals with APR ids; latestForRfq is the newest', async () => {
        const rfqId = uid('RFQ');
        const a1 = await s.approvals.create(approval(rfqId));
        const a2 = await s.approvals.create(approval(rfqId, { quoteVersion: 2, requestedAt: min(1).toISOString(), economicsHash: 'b'.repeat(64) }));
        expect(a1.id).toMatch(/^APR-20251226-\d{4}$/);
        expect(seqOf(a2.id)).toBe(seqOf(a1.id) + 1);
        expect(a1).toEqual({ ...approval(rfqId), id: a1.id, status: 'pending', decidedBy: null, decidedAt: null, reason: null });
        expect(await s.approvals.get(a1.id)).toEqual(a1);
        expect(await s.approvals.get('APR-19990101-9999')).toBeNull();
        expect(await s.approvals.latestForRfq(rfqId)).toEqual(a2);
        expect(await s.approvals.latestForRfq(uid('RFQ'))).toBeNull();
        const late = await s.approvals.create(approval(uid('RFQ'), { requestedAt: '2025-12-26T16:30:00.000Z', expiresAt: '2025-12-26T16:35:00.000Z' }));
        expect(late.id).toMatch(/^APR-20251227-\d{4}$/);
      });

      it('decide is a compare-and-set from pending', async () => {
        const a = await s.approvals.create(approval(uid('RFQ')));
        const decided = await s.approvals.decide(a.id, 'approved', 'head.zhao', min(2), 'within mandate');
        expect(decided).toEqual({ ...a, status: 'approved', decidedBy: 'head.zhao', decidedAt: min(2).toISOString(), reason: 'within mandate' });
        expect(await s.approvals.decide(a.id, 'rejected', 'head.qian', min(3), null)).toBeNull();
        expect(await s.approvals.get(a.id)).toEqual(decided);
        expect(await s.approvals.decide('APR-19990101-9999', 'expired', null, min(3), null)).toBeNull();
        const b = await s.approvals.create(approval(uid('RFQ')));
        const results = await Promise.all([s.approvals.decide(b.id, 'approved', 'h1', min(4), null), s.approvals.decide(b.id, 'rejected', 'h2', min(4), null)]);
        expect(results.filter((r) => r !== null)).toHaveLength(1);
      });

      it('lists by status, desk and RFQ, newest first, with a limit', async () => {
        const desk = uid('desk');
        const rfqA = uid('RFQ');
        const made: ApprovalRecord[] = [];
        for (let i = 0; i < 3; i++) made.push(await s.approvals.create(approval(i === 2 ? uid('RFQ') : rfqA, { desk, requestedAt: min(i).toISOString() })));
        await s.approvals.decide(made[1]!.id, 'expired', null, min(9), 'lapsed');
        const ids = (f: Parameters<Stores['approvals']['list']>[0]) => s.approvals.list(f).then((r) => r.map((x) => x.id));
        expect(await ids({ desk })).toEqual([made[2]!.id, made[1]!.id, made[0]!.id]);
        expect(await ids({ desk, status: 'pending' })).toEqual([made[2]!.id, made[0]!.id]);
        expect(await ids({ desk, status: 'expired' })).toEqual([made[1]!.id]);
        expect(await ids({ rfqId: rfqA })).toEqual([made[1]!.id, made[0]!.id]);
        expect(await ids({ desk, limit: 1 })).toEqual([made[2]!.id]);
        expect((await s.approvals.list()).length).toBeGreaterThanOrEqual(3);
      });
    });

    describe('key-value', () => {
      it('puts, overwrites, reads per namespace and deletes', async () => {
        const ns = uid('ns');
        expect(await s.kv.get(ns, 'k')).toBeNull();
        await s.kv.put(ns, 'k', { file: 'a.xlsx', memo: null, ratios: [1.5, 2] }, T0);
        expect(await s.kv.get(ns, 'k')).toEqual({ file: 'a.xlsx', memo: null, ratios: [1.5, 2] });
        await s.kv.put(ns, 'k', { file: 'b.xlsx' }, min(1));
        expect(await s.kv.get<{ file: string }>(ns, 'k')).toEqual({ file: 'b.xlsx' });
        await s.kv.put(`${ns}.other`, 'k', 'plain string', T0);
        await s.kv.put(ns, 'n', 42, T0);
        expect(await s.kv.get(`${ns}.other`, 'k')).toBe('plain string');
        expect(await s.kv.get(ns, 'n')).toBe(42);
        await s.kv.delete(ns, 'k');
        await s.kv.delete(ns, 'never-there');
        expect(await s.kv.get(ns, 'k')).toBeNull();
        expect(await s.kv.get(`${ns}.other`, 'k')).toBe('plain string');
      });
    });

    describe('transactions', () => {
      it('commits and returns the function’s value', async () => {
        const ns = uid('ns');
        const out = await storage.transaction(async (tx) => {
          await tx.kv.put(ns, 'k', 1, T0);
          return 'done';
        });
        expect(out).toBe('done');
        expect(await s.kv.get(ns, 'k')).toBe(1);
      });

      it('rolls every store back when the function throws', async () => {
        const thread = uid('thr');
        const ns = uid('ns');
        const count0 = await s.audit.count();
        const boom = new Error('boom');
        await expect(
          storage.transaction(async (tx) => {
            const rfq = await tx.rfqs.create(newRfq(thread), T0, 'trader.li');
            await tx.tickets.insert(newTicket(rfq), T0);
            await tx.kv.put(ns, 'k', 1, T0);
            await tx.audit.append(auditEntry(thread, 1));
            await tx.threads.create({ id: thread, agent: 'dealing', owner: 'x', createdAt: T0.toISOString(), metadata: {} });
            throw boom;
          }),
        ).rejects.toBe(boom);
        expect(await s.rfqs.latestForThread(thread)).toBeNull();
        expect(await s.kv.get(ns, 'k')).toBeNull();
        expect(await s.audit.count()).toBe(count0);
        expect(await s.threads.get(thread)).toBeNull();
        expect((await verifyChain(pages(storage, 500))).ok).toBe(true);
      });

      it('a nested transaction joins the outer one (sees its writes, rolls back with it)', async () => {
        const ns = uid('ns');
        await expect(
          storage.transaction(async (tx) => {
            await tx.kv.put(ns, 'outer', 1, T0);
            const seen = await storage.transaction(async (inner) => {
              await inner.kv.put(ns, 'inner', 2, T0);
              return inner.kv.get(ns, 'outer');
            });
            expect(seen).toBe(1);
            // The autocommit stores join the open transaction in its async context too.
            await storage.stores.kv.put(ns, 'stores', 3, T0);
            expect(await tx.kv.get(ns, 'stores')).toBe(3);
            throw new Error('undo all');
          }),
        ).rejects.toThrow('undo all');
        for (const k of ['outer', 'inner', 'stores']) expect(await s.kv.get(ns, k)).toBeNull();
      });

      it('does not re-run a function that failed for a business reason', async () => {
        let runs = 0;
        await expect(
          storage.transaction(async () => {
            runs++;
            throw new ToolRefusal('limit breached', 'credit_limit');
          }),
        ).rejects.toMatchObject({ check: 'credit_limit' });
        expect(runs).toBe(1);
      });

      it('re-runs a transaction that lost a unique-key race; the retry sees the winner', async () => {
        const key = uid('idem');
        let runs = 0;
        let arrived = 0;
        let bothRead!: () => void;
        const barrier = new Promise<void>((r) => (bothRead = r));
        const call = (who: string) => {
          let attempt = 0;
          return storage.transaction(async (tx) => {
            runs++;
            attempt++;
            const prior = await tx.idempotency.recall(key, 'book_ticket');
            if (prior !== undefined) return prior;
            if (attempt === 1) {
              // Both callers read "no result" before either writes (where the engine lets two
              // units of work overlap; a serialising engine runs them one after the other).
              if (++arrived === 2) bothRead();
              await Promise.race([barrier, sleep(300)]);
            }
            const result = { by: who };
            await tx.idempotency.remember(key, 'book_ticket', result, T0);
            return result;
          });
        };
        const [a, b] = await Promise.all([call('A'), call('B')]);
        expect(a).toEqual(b);
        expect(await s.idempotency.recall(key, 'book_ticket')).toEqual(a);
        expect(runs).toBeGreaterThanOrEqual(2);
      });

      it('a real duplicate is not retried forever: the error surfaces after the attempts', async () => {
        const id = uid('tok');
        const rec = { id, userId: 'u', hash: uid('h'), label: null, createdAt: T0.toISOString(), expiresAt: null };
        await s.tokens.create(rec);
        let runs = 0;
        await expect(
          storage.transaction(
            async (tx) => {
              runs++;
              await tx.tokens.create({ ...rec, hash: uid('h') });
            },
            { attempts: 2 },
          ),
        ).rejects.toThrow();
        expect(runs).toBeGreaterThanOrEqual(1);
        expect(runs).toBeLessThanOrEqual(2);
      });
    });

    describe('checkpointer', () => {
      it('stores and reads back a LangGraph checkpoint in the same database', async () => {
        const saver = storage.checkpointer();
        const thread_id = uid('thr');
        const checkpoint: Checkpoint = {
          v: 4,
          id: '1f0c2a6e-0000-6000-8000-000000000001',
          ts: T0.toISOString(),
          channel_values: { messages: ['hello'] },
          channel_versions: { messages: 1 },
          versions_seen: {},
        };
        const metadata: CheckpointMetadata = { source: 'input', step: -1, parents: {} };
        const config = await saver.put({ configurable: { thread_id, checkpoint_ns: '' } }, checkpoint, metadata, { messages: 1 });
        expect(config.configurable?.checkpoint_id).toBe(checkpoint.id);
        const tuple = await saver.getTuple({ configurable: { thread_id } });
        expect(tuple?.checkpoint.id).toBe(checkpoint.id);
        expect(tuple?.checkpoint.channel_values).toEqual({ messages: ['hello'] });
        expect(await saver.getTuple({ configurable: { thread_id: uid('none') } })).toBeUndefined();
      });
    });
  });
}
