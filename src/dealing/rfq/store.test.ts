import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { rfqStore } from './store.js';

const at = new Date('2025-06-16T02:00:00Z');
const newRfq = {
  thread: 'T1',
  client: 'ACME',
  trader: 't.zhang',
  instrument: { kind: 'bond', code: '220205', name: '22国开05', issuer: 'CDB', tenor: null },
  side: 'sell' as const,
  notional: 1e8,
  currency: 'CNY',
  settle: '2025-06-16',
};

describe('RfqStore', () => {
  it('persists an RFQ, moves it and audits every transition with the injected clock', () => {
    const db = new Database(':memory:');
    const s = rfqStore(db);
    const r = s.create(newRfq, at, 't.zhang');
    expect(r.id).toBe('RFQ-20250616-0001');
    const later = new Date(at.getTime() + 5000);
    const q = s.applyEvent(r, 'quote', later, 't.zhang', { reason: null });
    expect(q.status).toBe('QUOTED');
    expect(s.latestForThread('T1')?.status).toBe('QUOTED');
    expect(s.latestForThread('other')).toBeNull();
    const log = s.eventLog(r.id);
    expect(log.map((e) => [e.event, e.from, e.to, e.at])).toEqual([
      ['create', null, 'REQUESTED', '2025-06-16T02:00:00.000Z'],
      ['quote', 'REQUESTED', 'QUOTED', '2025-06-16T02:00:05.000Z'],
    ]);
  });

  it('refuses an illegal transition and a stale (concurrently moved) record', () => {
    const db = new Database(':memory:');
    const s = rfqStore(db);
    const r = s.create(newRfq, at, 't.zhang');
    expect(() => s.applyEvent(r, 'book', at, 't.zhang')).toThrow(/is REQUESTED: cannot book/);
    s.applyEvent(r, 'cancel', at, 't.zhang');
    expect(() => s.applyEvent(r, 'quote', at, 't.zhang')).toThrow(/changed concurrently: it is now CANCELLED/);
    expect(s.eventLog(r.id)).toHaveLength(2);
    expect(s.create(newRfq, at, 't.zhang').id).toBe('RFQ-20250616-0002');
  });
});

describe('schema creation inside a rolled-back transaction', () => {
  it('is not remembered as done: the next store on the same connection creates the tables again', async () => {
    const Database = (await import('better-sqlite3')).default;
    const { ensureDealingSchema } = await import('./schema.js');
    const db = new Database(':memory:');
    const rollback = db.transaction(() => {
      ensureDealingSchema(db);
      throw new Error('tool failed mid-way');
    });
    expect(() => rollback()).toThrow('tool failed mid-way');
    ensureDealingSchema(db);
    expect(db.prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE name = 'rfqs'").get()).toEqual({ n: 1 });
  });
});
