import type Database from 'better-sqlite3';
import { chainRecord, type AuditEntry, type AuditKind, type AuditRecord } from '../../runtime/audit-chain.js';
import type { AuditHead, AuditRepository } from '../types.js';
import type { Guard } from './guard.js';

interface Row {
  id: number;
  ts: string;
  user: string;
  role: string;
  agent: string;
  thread: string;
  kind: string;
  payload: string;
  prev_hash: string;
  hash: string;
}

/** An unparseable payload (a file edited outside SQLite) becomes a marker, so its hash no longer matches. */
function fromRow(row: Row): AuditRecord {
  let payload: unknown;
  try {
    payload = JSON.parse(row.payload) as unknown;
  } catch {
    payload = { unreadablePayload: row.payload };
  }
  return { id: row.id, ts: row.ts, user: row.user, role: row.role, agent: row.agent, thread: row.thread, kind: row.kind as AuditKind, payload, prevHash: row.prev_hash, hash: row.hash };
}

/**
 * Append-only audit table (UPDATE/DELETE blocked by triggers). An append reads the head and inserts
 * inside one IMMEDIATE transaction (the connection lock serialises a process; SQLite's write lock
 * serialises processes), so the chain stays linear.
 */
export class SqliteAudit implements AuditRepository {
  private readonly s;
  /** Head read + insert as one transaction function, compiled once (IMMEDIATE, or a savepoint inside an open unit of work). */
  private readonly appendTx: Database.Transaction<(entry: AuditEntry) => AuditRecord>;
  private readonly appendRow: (entry: AuditEntry) => AuditRecord;

  constructor(private readonly db: Database.Database, private readonly guard: Guard) {
    this.s = {
      insert: db.prepare('INSERT INTO audit (id, ts, user, role, agent, thread, kind, payload, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?)'),
      head: db.prepare<[], AuditHead>('SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1'),
      range: db.prepare<[number, number], Row>('SELECT * FROM audit WHERE id >= ? ORDER BY id LIMIT ?'),
      byThread: db.prepare<[string], Row>('SELECT * FROM audit WHERE thread = ? ORDER BY id'),
      count: db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM audit'),
    };
    this.appendRow = (entry: AuditEntry) => {
      const rec = chainRecord(entry, this.s.head.get() ?? null);
      this.s.insert.run(rec.id, rec.ts, rec.user, rec.role, rec.agent, rec.thread, rec.kind, JSON.stringify(rec.payload), rec.prevHash, rec.hash);
      return rec;
    };
    this.appendTx = db.transaction(this.appendRow);
  }

  /** Appends inside a transaction the caller has open on this connection, holding its lock (the checkpointer). */
  appendInOpenTransaction(entry: AuditEntry): AuditRecord {
    if (!this.db.inTransaction) throw new Error('appendInOpenTransaction: no transaction is open');
    return this.appendRow(entry);
  }

  append(entry: AuditEntry): Promise<AuditRecord> {
    // Inside an open unit of work the write lock is already held: read the head and insert there
    // (one insert, nothing to undo, so no savepoint). Alone: `.immediate()`, see guard.ts
    // `atomically` (the head must be read under the write lock).
    return this.guard(() => (this.db.inTransaction ? this.appendRow(entry) : this.appendTx.immediate(entry)));
  }

  head(): Promise<AuditHead | null> {
    return this.guard(() => this.s.head.get() ?? null);
  }

  range(fromId: number, limit: number): Promise<AuditRecord[]> {
    return this.guard(() => this.s.range.all(fromId, limit).map(fromRow));
  }

  byThread(thread: string): Promise<AuditRecord[]> {
    return this.guard(() => this.s.byThread.all(thread).map(fromRow));
  }

  count(): Promise<number> {
    return this.guard(() => this.s.count.get()?.n ?? 0);
  }
}
