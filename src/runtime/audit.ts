import type Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { z } from 'zod';

export const AuditKindSchema = z.enum([
  'user_message',
  'model_output',
  'tool_call',
  'tool_result',
  'tool_error',
  'refusal',
  'error',
  'state_change',
  'approval',
  'guardrail',
]);
export type AuditKind = z.infer<typeof AuditKindSchema>;

export const AuditRecordSchema = z.object({
  id: z.number().int(),
  ts: z.string(),
  user: z.string(),
  role: z.string(),
  agent: z.string(),
  thread: z.string(),
  kind: AuditKindSchema,
  payload: z.unknown(),
  prevHash: z.string(),
  hash: z.string(),
});
export type AuditRecord = z.infer<typeof AuditRecordSchema>;

export type AuditEntry = Omit<AuditRecord, 'id' | 'prevHash' | 'hash'>;

const GENESIS = '0'.repeat(64);

/** Stable JSON: object keys sorted, so a record hashes the same after a round trip through SQLite. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

function recordHash(id: number, entry: AuditEntry, prevHash: string): string {
  const body = canonicalJson({ id, ts: entry.ts, user: entry.user, role: entry.role, agent: entry.agent, thread: entry.thread, kind: entry.kind, payload: entry.payload, prevHash });
  return createHash('sha256').update(body).digest('hex');
}

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

function fromRow(row: Row): AuditRecord {
  return {
    id: row.id,
    ts: row.ts,
    user: row.user,
    role: row.role,
    agent: row.agent,
    thread: row.thread,
    kind: row.kind as AuditKind,
    payload: JSON.parse(row.payload) as unknown,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

export type VerifyResult =
  | { ok: true; records: number }
  | { ok: false; records: number; brokenId: number; reason: string };

/**
 * Append-only, hash-chained audit trail: each record stores the previous record's hash and its
 * own hash over (id, fields, prevHash). UPDATE and DELETE are blocked by triggers; a tampered file
 * (edited outside SQLite's triggers) is caught by `verify`, which names the first broken record.
 */
export class AuditLog {
  private readonly insert: Database.Statement;
  private readonly last: Database.Statement;

  constructor(private readonly db: Database.Database) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS audit (
        id INTEGER PRIMARY KEY,
        ts TEXT NOT NULL, user TEXT NOT NULL, role TEXT NOT NULL, agent TEXT NOT NULL,
        thread TEXT NOT NULL, kind TEXT NOT NULL, payload TEXT NOT NULL,
        prev_hash TEXT NOT NULL, hash TEXT NOT NULL
      );
      CREATE INDEX IF NOT EXISTS audit_thread ON audit(thread);
      CREATE TRIGGER IF NOT EXISTS audit_no_update BEFORE UPDATE ON audit
        BEGIN SELECT RAISE(ABORT, 'audit records are append-only'); END;
      CREATE TRIGGER IF NOT EXISTS audit_no_delete BEFORE DELETE ON audit
        BEGIN SELECT RAISE(ABORT, 'audit records are append-only'); END;
    `);
    this.insert = db.prepare(
      'INSERT INTO audit (id, ts, user, role, agent, thread, kind, payload, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?)',
    );
    this.last = db.prepare('SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1');
  }

  append(entry: AuditEntry): AuditRecord {
    // Read-then-insert inside one IMMEDIATE transaction: concurrent processes cannot fork the chain.
    const run = this.db.transaction((e: AuditEntry): AuditRecord => {
      const prev = this.last.get() as { id: number; hash: string } | undefined;
      const id = (prev?.id ?? 0) + 1;
      const prevHash = prev?.hash ?? GENESIS;
      // Normalise the payload through JSON so the hash matches what is stored.
      const payload = JSON.parse(JSON.stringify(e.payload ?? null)) as unknown;
      const normalised = { ...e, payload };
      const hash = recordHash(id, normalised, prevHash);
      this.insert.run(id, e.ts, e.user, e.role, e.agent, e.thread, e.kind, JSON.stringify(payload), prevHash, hash);
      return { ...normalised, id, prevHash, hash };
    });
    return run.immediate(entry);
  }

  verify(): VerifyResult {
    let prevHash = GENESIS;
    let expectedId = 1;
    let count = 0;
    for (const row of this.db.prepare('SELECT * FROM audit ORDER BY id').iterate() as IterableIterator<Row>) {
      count++;
      if (row.id !== expectedId) {
        return { ok: false, records: count, brokenId: row.id, reason: `record ${expectedId} is missing (sequence jumps to ${row.id})` };
      }
      if (row.prev_hash !== prevHash) {
        return { ok: false, records: count, brokenId: row.id, reason: 'previous-hash link does not match the prior record' };
      }
      let payload: unknown;
      try {
        payload = JSON.parse(row.payload);
      } catch {
        return { ok: false, records: count, brokenId: row.id, reason: 'payload is not valid JSON' };
      }
      const entry: AuditEntry = { ts: row.ts, user: row.user, role: row.role, agent: row.agent, thread: row.thread, kind: row.kind as AuditKind, payload };
      if (recordHash(row.id, entry, row.prev_hash) !== row.hash) {
        return { ok: false, records: count, brokenId: row.id, reason: 'content does not match its hash (record altered)' };
      }
      prevHash = row.hash;
      expectedId++;
    }
    return { ok: true, records: count };
  }

  byThread(thread: string): AuditRecord[] {
    return (this.db.prepare('SELECT * FROM audit WHERE thread = ? ORDER BY id').all(thread) as Row[]).map(fromRow);
  }

  all(): AuditRecord[] {
    return (this.db.prepare('SELECT * FROM audit ORDER BY id').all() as Row[]).map(fromRow);
  }
}
