import { chainRecord, type AuditEntry, type AuditKind, type AuditRecord } from '../../runtime/audit-chain.js';
import type { AuditHead, AuditRepository } from '../types.js';
import { toJson, type Sql } from './sql.js';

interface Row {
  id: string | number;
  ts: string;
  user: string;
  role: string;
  agent: string;
  thread: string;
  kind: string;
  payload: unknown;
  prev_hash: string;
  hash: string;
}

const COLS = `id, ts, "user", role, agent, thread, kind, payload, prev_hash, hash`;

function fromRow(r: Row): AuditRecord {
  return { id: Number(r.id), ts: r.ts, user: r.user, role: r.role, agent: r.agent, thread: r.thread, kind: r.kind as AuditKind, payload: r.payload, prevHash: r.prev_hash, hash: r.hash };
}

/**
 * Append-only audit table (UPDATE/DELETE/TRUNCATE raise). Appends serialise on a transaction-scoped
 * advisory lock: the head read after taking it is the committed head, so the chain stays linear
 * with any number of writers (processes or pool connections).
 */
export class PgAudit implements AuditRepository {
  constructor(private readonly sql: Sql) {}

  append(entry: AuditEntry): Promise<AuditRecord> {
    return this.sql.atomic(async () => {
      await this.sql.lock('audit');
      const rec = chainRecord(entry, await this.head());
      await this.sql.query(
        `INSERT INTO ${this.sql.t('audit')} (${COLS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8::text::jsonb, $9, $10)`,
        [rec.id, rec.ts, rec.user, rec.role, rec.agent, rec.thread, rec.kind, toJson(rec.payload), rec.prevHash, rec.hash],
      );
      return rec;
    });
  }

  async head(): Promise<AuditHead | null> {
    const { rows } = await this.sql.query<{ id: string | number; hash: string }>(`SELECT id, hash FROM ${this.sql.t('audit')} ORDER BY id DESC LIMIT 1`);
    return rows[0] ? { id: Number(rows[0].id), hash: rows[0].hash } : null;
  }

  async range(fromId: number, limit: number): Promise<AuditRecord[]> {
    const { rows } = await this.sql.query<Row>(`SELECT ${COLS} FROM ${this.sql.t('audit')} WHERE id >= $1 ORDER BY id LIMIT $2`, [fromId, limit]);
    return rows.map(fromRow);
  }

  async byThread(thread: string): Promise<AuditRecord[]> {
    const { rows } = await this.sql.query<Row>(`SELECT ${COLS} FROM ${this.sql.t('audit')} WHERE thread = $1 ORDER BY id`, [thread]);
    return rows.map(fromRow);
  }

  async count(): Promise<number> {
    const { rows } = await this.sql.query<{ n: string | number }>(`SELECT COUNT(*) AS n FROM ${this.sql.t('audit')}`);
    return Number(rows[0]?.n ?? 0);
  }
}
