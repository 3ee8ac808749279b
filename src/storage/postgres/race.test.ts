/**
 * Concurrency on the real server, with separate pools (separate connections, as separate processes
 * would have): the RFQ compare-and-set and the one-ticket-per-RFQ rule under a forced race, the
 * audit chain with eight writers, and an idempotency key remembered twice at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyChain, type StoredAuditRow } from '../../runtime/audit-chain.js';
import { ToolRefusal } from '../../runtime/errors.js';
import type { Storage, Stores } from '../types.js';
import { openPostgresStorage, type PostgresStorage } from './storage.js';
import { createTestDatabase, probeTestServer, skippedNotice, type TestDatabase } from './testing.js';

const unavailable = await probeTestServer();
if (unavailable) console.warn(skippedNotice('PostgreSQL race tests', unavailable));

const T0 = new Date('2025-12-26T02:00:00.000Z');
const at = (sec: number) => new Date(T0.getTime() + sec * 1000);

/** Resolves when `n` parties arrived (or after `ms`, so a party that never comes cannot hang the test). */
function barrier(n: number, ms = 2000): () => Promise<void> {
  let arrived = 0;
  let open!: () => void;
  const all = new Promise<void>((r) => (open = r));
  return () => {
    if (++arrived === n) open();
    return Promise.race([all, new Promise<void>((r) => setTimeout(r, ms))]);
  };
}

type Rfq = Awaited<ReturnType<Stores['rfqs']['create']>>;

function ticketFor(rfq: Rfq, by: string): Parameters<Stores['tickets']['insert']>[0] {
  return {
    rfqId: rfq.id,
    client: rfq.client,
    trader: rfq.trader,
    instrument: rfq.instrument,
    side: 'buy',
    notional: rfq.notional,
    currency: 'CNY',
    level: 1.83,
    levelType: 'yield',
    clean: null,
    accrued: null,
    fullPrice: null,
    settlementAmount: null,
    settleDate: '2025-12-29',
    status: 'booked',
    detail: { bookedBy: by },
  };
}

describe.skipIf(unavailable !== null)('PostgreSQL under concurrent writers', () => {
  let db: TestDatabase;
  let setup: PostgresStorage;
  const open: PostgresStorage[] = [];
  const racer = async (poolSize = 1): Promise<PostgresStorage> => {
    const s = await openPostgresStorage({ url: db.url, poolSize, migrate: false });
    open.push(s);
    return s;
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    setup = await openPostgresStorage({ url: db.url, poolSize: 2 });
  });
  afterAll(async () => {
    await Promise.all(open.map((s) => s.close()));
    await setup?.close();
    await db?.drop();
  });

  it('100 rounds of two transactions accepting the same quoted RFQ and booking it: one winner, one ticket', async () => {
    const [a, b] = [await racer(), await racer()];
    const wins = { A: 0, B: 0 };
    for (let round = 0; round < 100; round++) {
      const rfq = await setup.stores.rfqs.create(
        { thread: `race-${round}`, client: 'ACME', trader: 'li', instrument: { kind: 'bond', code: '250012.IB', name: null, issuer: null, tenor: '10Y' }, side: 'buy', notional: 5e7, currency: 'CNY', settle: null },
        at(round),
        'li',
      );
      await setup.stores.rfqs.applyEvent(rfq, 'quote', at(round), 'dealer', {
        quote: { bid: 1.83, offer: 1.82, mid: 1.825, levelType: 'yield', validUntil: at(round + 30).toISOString(), firm: true, quotedAt: at(round).toISOString(), version: 1, originalBid: 1.83, originalOffer: 1.82, unit: 'bp', settle: null, held: false },
      });
      const bothRead = barrier(2);
      const deal = (storage: Storage, who: 'A' | 'B') =>
        storage.transaction(async (tx) => {
          const quoted = await tx.rfqs.get(rfq.id);
          await bothRead(); // both have seen QUOTED: the compare-and-set decides
          const accepted = await tx.rfqs.applyEvent(quoted, 'accept', at(round + 1), `client-${who}`);
          const done = await tx.rfqs.applyEvent(accepted, 'book', at(round + 1), `desk-${who}`);
          const ticket = await tx.tickets.insert(ticketFor(done, who), at(round + 1));
          return { who, ticket };
        });
      const results = await Promise.allSettled([deal(a, 'A'), deal(b, 'B')]);
      const won = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
      const lost = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect(lost[0]).toBeInstanceOf(ToolRefusal);
      expect(lost[0]).toMatchObject({ check: 'rfq_state', data: { rfqId: rfq.id } });
      wins[won[0]!.who]++;
      const ticket = await setup.stores.tickets.byRfq(rfq.id);
      expect(ticket?.tradeId).toBe(won[0]!.ticket.tradeId);
      expect(ticket?.detail).toEqual({ bookedBy: won[0]!.who });
      const events = (await setup.stores.rfqs.eventLog(rfq.id)).map((e) => `${e.event}:${e.actor}`);
      expect(events).toEqual(['create:li', 'quote:dealer', `accept:client-${won[0]!.who}`, `book:desk-${won[0]!.who}`]);
    }
    const all = await setup.stores.tickets.since(0, 1000);
    expect(all.tickets).toHaveLength(100);
    expect(new Set(all.tickets.map((t) => t.rfqId)).size).toBe(100);
    // Gapless blotter sequence, as on SQLite.
    expect(all.tickets.map((t) => t.cursor)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    console.info(`race: 100 rounds, 100 tickets, wins A=${wins.A} B=${wins.B}`);
  });

  it('8 writers × 200 audit appends: one linear chain of 1,600 records, verified', async () => {
    const writers = await Promise.all(Array.from({ length: 8 }, () => racer()));
    const start = await setup.stores.audit.count();
    await Promise.all(
      writers.map(async (w, i) => {
        for (let n = 0; n < 200; n++) {
          await w.stores.audit.append({ ts: at(n).toISOString(), user: `writer-${i}`, role: 'trader', agent: 'dealing', thread: `audit-${i}`, kind: 'tool_call', payload: { writer: i, n } });
        }
      }),
    );
    async function* pages(): AsyncIterable<StoredAuditRow[]> {
      for (let from = 1; ; ) {
        const page = await setup.stores.audit.range(from, 500);
        if (page.length === 0) return;
        yield page;
        from = page.at(-1)!.id + 1;
      }
    }
    const verified = await verifyChain(pages());
    expect(start).toBe(0);
    expect(verified).toMatchObject({ ok: true, records: 1600, head: { id: 1600 } });
    expect(await setup.stores.audit.head()).toEqual(verified.ok ? verified.head : null);
    for (let i = 0; i < 8; i++) {
      const mine = await setup.stores.audit.byThread(`audit-${i}`);
      expect(mine.map((r) => (r.payload as { n: number }).n)).toEqual(Array.from({ length: 200 }, (_, n) => n));
    }
  });

  it('two callers remembering the same idempotency key at once: one stored result, both get it', async () => {
    const [a, b] = [await racer(), await racer()];
    for (let round = 0; round < 20; round++) {
      const key = `book:${round}`;
      const bothRead = barrier(2);
      let effects = 0;
      const once = (storage: Storage, who: string) => {
        let attempt = 0;
        return storage.transaction(async (tx) => {
          const prior = await tx.idempotency.recall(key, 'book_ticket');
          if (prior !== undefined) return prior;
          if (++attempt === 1) await bothRead();
          effects++;
          const result = { by: who, round };
          await tx.idempotency.remember(key, 'book_ticket', result, at(round));
          return result;
        });
      };
      const [ra, rb] = await Promise.all([once(a, 'A'), once(b, 'B')]);
      expect(ra).toEqual(rb);
      expect(await setup.stores.idempotency.recall(key, 'book_ticket')).toEqual(ra);
      // Both ran the effect once; the loser's was rolled back with its failed insert.
      expect(effects).toBe(2);
    }
  });
});
