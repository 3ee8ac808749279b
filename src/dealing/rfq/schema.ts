/** SQLite tables of the dealing assistant (created IF NOT EXISTS on the shared `ctx.db`). */
import type Database from 'better-sqlite3';

export const DEALING_DDL = `
CREATE TABLE IF NOT EXISTS rfqs (
  id TEXT PRIMARY KEY,
  seq INTEGER NOT NULL UNIQUE,
  thread TEXT NOT NULL,
  client TEXT NOT NULL,
  trader TEXT NOT NULL,
  instrument TEXT NOT NULL,
  side TEXT,
  notional REAL NOT NULL,
  currency TEXT NOT NULL,
  settle TEXT,
  status TEXT NOT NULL,
  quote TEXT,
  negotiation TEXT NOT NULL DEFAULT '[]',
  parent_id TEXT,
  reason TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS rfqs_thread ON rfqs(thread, seq);
CREATE TABLE IF NOT EXISTS rfq_events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  rfq_id TEXT NOT NULL REFERENCES rfqs(id),
  event TEXT NOT NULL,
  from_status TEXT,
  to_status TEXT NOT NULL,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  detail TEXT
);
CREATE INDEX IF NOT EXISTS rfq_events_rfq ON rfq_events(rfq_id, id);
CREATE TABLE IF NOT EXISTS tickets (
  trade_id TEXT PRIMARY KEY,
  seq INTEGER NOT NULL UNIQUE,
  rfq_id TEXT NOT NULL UNIQUE REFERENCES rfqs(id),
  client TEXT NOT NULL,
  trader TEXT NOT NULL,
  instrument TEXT NOT NULL,
  side TEXT NOT NULL,
  notional REAL NOT NULL,
  currency TEXT NOT NULL,
  level REAL NOT NULL,
  level_type TEXT NOT NULL,
  clean REAL,
  accrued REAL,
  full_price REAL,
  settlement_amount REAL,
  trade_date TEXT NOT NULL,
  settle_date TEXT,
  status TEXT NOT NULL,
  approver TEXT,
  approved_at TEXT,
  created_at TEXT NOT NULL,
  detail TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX IF NOT EXISTS tickets_trade_date ON tickets(trade_date);
CREATE TABLE IF NOT EXISTS dealing_idempotency (
  key TEXT PRIMARY KEY,
  tool TEXT NOT NULL,
  result TEXT NOT NULL,
  created_at TEXT NOT NULL
);
`;

const ready = new WeakSet<Database.Database>();

/** Creates the tables once per connection (cheap check afterwards: the hot path runs per turn). */
export function ensureDealingSchema(db: Database.Database): void {
  if (ready.has(db)) return;
  db.exec(DEALING_DDL);
  // DDL run inside a transaction that later rolls back is undone: remember it only once committed.
  if (!db.inTransaction) ready.add(db);
}
