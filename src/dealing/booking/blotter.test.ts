import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { rfqStore } from '../rfq/store.js';
import { blotter, type NewTicket } from './blotter.js';
import { once } from './idempotency.js';

const at = new Date('2025-12-26T02:00:00Z');

function setup() {
  const db = new Database(':memory:');
  const rfq = rfqStore(db).create(
    {
      thread: 'T1',
      client: 'ACME',
      trader: 't.zhang',
      instrument: { kind: 'bond', code: '220205', name: '22国开05', issuer: 'CDB', tenor: null },
      side: 'sell',
      notional: 5e7,
      currency: 'CNY',
      settle: '2025-12-29',
    },
    at,
    't.zhang',
  );
  const ticket: NewTicket = {
    rfqId: rfq.id,
    client: 'ACME',
    trader: 't.zhang',
    instrument: rfq.instrument,
    side: 'sell',
    notional: 5e7,
    currency: 'CNY',
    level: 1.84,
    levelType: 'yield',
    clean: 107.1,
    accrued: 2.5,
    fullPrice: 109.6,
    settlementAmount: 54_800_000,
    settleDate: '2025-12-29',
    status: 'pending_approval',
    detail: {},
  };
  return { db, rfq, ticket };
}

describe('Blotter', () => {
  it('books one ticket per RFQ however often it is inserted', () => {
    const { db, ticket } = setup();
    const b = blotter(db);
    const t1 = b.insert(ticket, at);
    const t2 = b.insert(ticket, at);
    expect(t1.tradeId).toBe('T-20251226-0001');
    expect(t2.tradeId).toBe(t1.tradeId);
    expect(b.list()).toHaveLength(1);
    expect(t1.tradeDate).toBe('2025-12-26');
    expect(b.liveOn('2025-12-26').map((t) => t.tradeId)).toEqual([t1.tradeId]);
    expect(b.liveOn('2025-12-29')).toEqual([]);
    expect(() => db.prepare("INSERT INTO tickets (trade_id, seq, rfq_id, client, trader, instrument, side, notional, currency, level, level_type, trade_date, status, created_at) VALUES ('X', 99, ?, 'a','b','{}','sell',1,'CNY',1,'yield','d','booked','x')").run(ticket.rfqId)).toThrow(/UNIQUE/);
  });

  it('approves a pending ticket once and refuses a second decision', () => {
    const { db, ticket } = setup();
    const b = blotter(db);
    const t = b.insert(ticket, at);
    const ok = b.decide(t.tradeId, 'booked', 'l.wang', at);
    expect(ok).toMatchObject({ status: 'booked', approver: 'l.wang', approvedAt: at.toISOString() });
    expect(() => b.decide(t.tradeId, 'rejected', 'l.wang', at)).toThrow(/is booked, not pending approval/);
  });

  it('once(): a retried key returns the first result; a crash mid-way leaves nothing', () => {
    const { db, ticket } = setup();
    const b = blotter(db);
    let runs = 0;
    const book = () => {
      runs++;
      return b.insert(ticket, at).tradeId;
    };
    expect(once(db, 'k1', 'accept_quote', at, book)).toBe('T-20251226-0001');
    expect(once(db, 'k1', 'accept_quote', at, book)).toBe('T-20251226-0001');
    expect(runs).toBe(1);
    const { db: db2, ticket: t2 } = setup();
    expect(() =>
      once(db2, 'k2', 'accept_quote', at, () => {
        blotter(db2).insert(t2, at);
        throw new Error('crash after insert');
      }),
    ).toThrow('crash after insert');
    expect(blotter(db2).list()).toHaveLength(0);
    expect(once(db2, 'k2', 'accept_quote', at, () => blotter(db2).insert(t2, at).tradeId)).toBe('T-20251226-0001');
  });
});
