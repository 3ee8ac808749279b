import type { ApprovalFilter, ApprovalRecord, ApprovalRepository, ApprovalStatus } from '../types.js';
import { approvalIdFor, type NewApproval } from './domain.js';
import { iso, isoOrNull, toJson, type Sql } from './sql.js';

interface Row {
  id: string;
  rfq_id: string;
  thread: string;
  requested_by: string;
  desk: string | null;
  economics: Record<string, unknown>;
  economics_hash: string;
  quote_version: number;
  status: string;
  requested_at: unknown;
  expires_at: unknown;
  decided_by: string | null;
  decided_at: unknown;
  reason: string | null;
}

const fromRow = (r: Row): ApprovalRecord => ({
  id: r.id,
  rfqId: r.rfq_id,
  thread: r.thread,
  requestedBy: r.requested_by,
  desk: r.desk,
  economics: r.economics,
  economicsHash: r.economics_hash,
  quoteVersion: Number(r.quote_version),
  status: r.status as ApprovalStatus,
  requestedAt: iso(r.requested_at),
  expiresAt: iso(r.expires_at),
  decidedBy: r.decided_by,
  decidedAt: isoOrNull(r.decided_at),
  reason: r.reason,
});

export class PgApprovals implements ApprovalRepository {
  constructor(private readonly sql: Sql) {}

  create(rec: NewApproval): Promise<ApprovalRecord> {
    return this.sql.atomic(async () => {
      const seq = await this.sql.nextSeq('approvals', 'approvalSeq');
      const { rows } = await this.sql.query<Row>(
        `INSERT INTO ${this.sql.t('approvals')} (id, seq, rfq_id, thread, requested_by, desk, economics, economics_hash, quote_version,
           status, requested_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7::text::jsonb, $8, $9, 'pending', $10, $11) RETURNING *`,
        [
          approvalIdFor(new Date(rec.requestedAt), seq),
          seq,
          rec.rfqId,
          rec.thread,
          rec.requestedBy,
          rec.desk,
          toJson(rec.economics),
          rec.economicsHash,
          rec.quoteVersion,
          rec.requestedAt,
          rec.expiresAt,
        ],
      );
      return fromRow(rows[0] as Row);
    });
  }

  async get(id: string): Promise<ApprovalRecord | null> {
    const { rows } = await this.sql.query<Row>(`SELECT * FROM ${this.sql.t('approvals')} WHERE id = $1`, [id]);
    return rows[0] ? fromRow(rows[0]) : null;
  }

  async latestForRfq(rfqId: string): Promise<ApprovalRecord | null> {
    const { rows } = await this.sql.query<Row>(`SELECT * FROM ${this.sql.t('approvals')} WHERE rfq_id = $1 ORDER BY seq DESC LIMIT 1`, [rfqId]);
    return rows[0] ? fromRow(rows[0]) : null;
  }

  /** Newest first (default at most 100). */
  async list(filter: ApprovalFilter = {}): Promise<ApprovalRecord[]> {
    const where: string[] = [];
    const args: unknown[] = [];
    for (const [col, v] of [['status', filter.status], ['desk', filter.desk], ['rfq_id', filter.rfqId]] as const) {
      if (v) {
        args.push(v);
        where.push(`${col} = $${args.length}`);
      }
    }
    args.push(filter.limit ?? 100);
    const { rows } = await this.sql.query<Row>(
      `SELECT * FROM ${this.sql.t('approvals')} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT $${args.length}`,
      args,
    );
    return rows.map(fromRow);
  }

  /** One conditional UPDATE: of two racing decisions exactly one finds the row still pending. */
  async decide(id: string, to: Exclude<ApprovalStatus, 'pending'>, by: string | null, at: Date, reason: string | null): Promise<ApprovalRecord | null> {
    const { rows } = await this.sql.query<Row>(
      `UPDATE ${this.sql.t('approvals')} SET status = $2, decided_by = $3, decided_at = $4, reason = $5
       WHERE id = $1 AND status = 'pending' RETURNING *`,
      [id, to, by, at.toISOString(), reason],
    );
    return rows[0] ? fromRow(rows[0]) : null;
  }
}
