/**
 * SQLite schema, versioned with `PRAGMA user_version`. Version 1 is the layout every earlier
 * finagent.db already has (created IF NOT EXISTS, so old files upgrade in place); later versions add
 * what the service needs. Migrations run inside one IMMEDIATE transaction: two processes opening
 * the same file at once apply each version once.
 */
import type Database from 'better-sqlite3';

interface Migration {
  version: number;
  name: string;
  up(db: Database.Database): void;
}

const V1_BASELINE = `
CREATE TABLE IF NOT EXISTS rfqs (
  id TEXT PRIMARY KEY, seq INTEGER NOT NULL UNIQUE, thread TEXT NOT NULL, client TEXT NOT NULL, trader TEXT NOT NULL,
  instrument TEXT NOT NULL, side TEXT, notional REAL NOT NULL, currency TEXT NOT NULL, settle TEXT, status TEXT NOT NULL,
  quote TEXT, negotiation TEXT NOT NULL DEFAULT '[]', parent_id TEXT, reason TEXT, created_at TEXT NOT NULL, updated_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS rfqs_thread ON rfqs(thread, seq);
CREATE TABLE IF NOT EXISTS rfq_events (
  id INTEGER PRIMARY KEY AUTOINCREMENT, rfq_id TEXT NOT NULL REFERENCES rfqs(id), event TEXT NOT NULL,
  from_status TEXT, to_status TEXT NOT NULL, at TEXT NOT NULL, actor TEXT NOT NULL, detail TEXT
);
CREATE INDEX IF NOT EXISTS rfq_events_rfq ON rfq_events(rfq_id, id);
CREATE TABLE IF NOT EXISTS tickets (
  trade_id TEXT PRIMARY KEY, seq INTEGER NOT NULL UNIQUE, rfq_id TEXT NOT NULL UNIQUE REFERENCES rfqs(id),
  client TEXT NOT NULL, trader TEXT NOT NULL, instrument TEXT NOT NULL, side TEXT NOT NULL, notional REAL NOT NULL,
  currency TEXT NOT NULL, level REAL NOT NULL, level_type TEXT NOT NULL, clean REAL, accrued REAL, full_price REAL,
  settlement_amount REAL, trade_date TEXT NOT NULL, settle_date TEXT, status TEXT NOT NULL, approver TEXT,
  approved_at TEXT, created_at TEXT NOT NULL, detail TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX IF NOT EXISTS tickets_trade_date ON tickets(trade_date);
CREATE TABLE IF NOT EXISTS dealing_idempotency (
  key TEXT PRIMARY KEY, tool TEXT NOT NULL, result TEXT NOT NULL, created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS audit (
  id INTEGER PRIMARY KEY, ts TEXT NOT NULL, user TEXT NOT NULL, role TEXT NOT NULL, agent TEXT NOT NULL,
  thread TEXT NOT NULL, kind TEXT NOT NULL, payload TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS audit_thread ON audit(thread);
CREATE TRIGGER IF NOT EXISTS audit_no_update BEFORE UPDATE ON audit
  BEGIN SELECT RAISE(ABORT, 'audit records are append-only'); END;
CREATE TRIGGER IF NOT EXISTS audit_no_delete BEFORE DELETE ON audit
  BEGIN SELECT RAISE(ABORT, 'audit records are append-only'); END;
CREATE TABLE IF NOT EXISTS threads (
  id TEXT PRIMARY KEY, agent TEXT NOT NULL, created_by TEXT NOT NULL, created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS analyst_sessions (thread TEXT PRIMARY KEY, state TEXT NOT NULL, updated_at TEXT NOT NULL);
`;

const V2_SERVICE = `
ALTER TABLE threads ADD COLUMN updated_at TEXT;
ALTER TABLE threads ADD COLUMN metadata TEXT NOT NULL DEFAULT '{}';
UPDATE threads SET updated_at = created_at WHERE updated_at IS NULL;
CREATE INDEX IF NOT EXISTS threads_owner ON threads(created_by, updated_at);
CREATE TABLE IF NOT EXISTS api_tokens (
  id TEXT PRIMARY KEY, user_id TEXT NOT NULL, hash TEXT NOT NULL UNIQUE, label TEXT,
  created_at TEXT NOT NULL, expires_at TEXT, revoked_at TEXT
);
CREATE TABLE IF NOT EXISTS approvals (
  id TEXT PRIMARY KEY, seq INTEGER NOT NULL UNIQUE, rfq_id TEXT NOT NULL, thread TEXT NOT NULL,
  requested_by TEXT NOT NULL, desk TEXT, economics TEXT NOT NULL, economics_hash TEXT NOT NULL,
  quote_version INTEGER NOT NULL, status TEXT NOT NULL, requested_at TEXT NOT NULL, expires_at TEXT NOT NULL,
  decided_by TEXT, decided_at TEXT, reason TEXT
);
CREATE INDEX IF NOT EXISTS approvals_rfq ON approvals(rfq_id, seq);
CREATE INDEX IF NOT EXISTS approvals_status ON approvals(status, desk);
CREATE TABLE IF NOT EXISTS kv (
  namespace TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, updated_at TEXT NOT NULL,
  PRIMARY KEY (namespace, key)
);
INSERT OR IGNORE INTO kv (namespace, key, value, updated_at)
  SELECT 'analyst.session', thread, state, updated_at FROM analyst_sessions;
`;

export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'baseline', up: (db) => db.exec(V1_BASELINE) },
  { version: 2, name: 'threads owner/metadata, tokens, approvals, key-value', up: (db) => db.exec(V2_SERVICE) },
];

export const SCHEMA_VERSION = MIGRATIONS.at(-1)!.version;

/** Applies the pending migrations; returns the names applied. */
export function migrateSqlite(db: Database.Database): string[] {
  const applied: string[] = [];
  db.transaction(() => {
    const current = db.pragma('user_version', { simple: true }) as number;
    for (const m of MIGRATIONS) {
      if (m.version <= current) continue;
      m.up(db);
      applied.push(`${m.version} ${m.name}`);
    }
    if (applied.length) db.pragma(`user_version = ${SCHEMA_VERSION}`);
  }).immediate();
  return applied;
}
