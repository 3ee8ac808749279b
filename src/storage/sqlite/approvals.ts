import type Database from 'better-sqlite3';
import { shanghaiDate } from '../../dealing/rfq/model.js';
import type { ApprovalFilter, ApprovalRecord, ApprovalRepository, ApprovalStatus } from '../types.js';
import { atomically, type Guard } from './guard.js';
import { parseStoredJson } from './rfqs.js';

interface Row {
  id: string;
  rfq_id: string;
  thread: string;
  requested_by: string;
  desk: string | null;
  economics: unknown;
  economics_hash: string;
  quote_version: number;
  status: string;
  requested_at: string;
  expires_at: string;
  decided_by: string | null;
  decided_at: string | null;
  reason: string | null;
}

export function approvalFromRow(r: Row): ApprovalRecord {
  return {
    id: r.id,
    rfqId: r.rfq_id,
    thread: r.thread,
    requestedBy: r.requested_by,
    desk: r.desk,
    economics: (typeof r.economics === 'string' ? parseStoredJson(r.economics, `approval ${r.id} economics`) : r.economics) as Record<string, unknown>,
    economicsHash: r.economics_hash,
    quoteVersion: Number(r.quote_version),
    status: r.status as ApprovalStatus,
    requestedAt: r.requested_at,
    expiresAt: r.expires_at,
    decidedBy: r.decided_by,
    decidedAt: r.decided_at,
    reason: r.reason,
  };
}

/** `APR-20251226-0001`: the desk's date + a global sequence. */
export function approvalIdFor(at: Date, seq: number): string {
  return `APR-${shanghaiDate(at).replaceAll('-', '')}-${String(seq).padStart(4, '0')}`;
}

export class SqliteApprovals implements ApprovalRepository {
  private readonly s;
  private readonly tx;

  constructor(private readonly db: Database.Database, private readonly guard: Guard) {
    this.tx = atomically(db);
    this.s = {
      nextSeq: db.prepare<[], { n: number }>('SELECT COALESCE(MAX(seq), 0) + 1 AS n FROM approvals'),
      insert: db.prepare(
        `INSERT INTO approvals (id, seq, rfq_id, thread, requested_by, desk, economics, economics_hash, quote_version, status, requested_at, expires_at)
         VALUES (@id, @seq, @rfq_id, @thread, @requested_by, @desk, @economics, @economics_hash, @quote_version, 'pending', @requested_at, @expires_at)`,
      ),
      get: db.prepare<[string], Row>('SELECT * FROM approvals WHERE id = ?'),
      latestForRfq: db.prepare<[string], Row>('SELECT * FROM approvals WHERE rfq_id = ? ORDER BY seq DESC LIMIT 1'),
      decide: db.prepare(`UPDATE approvals SET status = @to, decided_by = @by, decided_at = @at, reason = @reason WHERE id = @id AND status = 'pending'`),
    };
  }

  create(rec: Omit<ApprovalRecord, 'id' | 'status' | 'decidedBy' | 'decidedAt' | 'reason'>): Promise<ApprovalRecord> {
    return this.guard(() =>
      this.tx(() => {
        const seq = this.s.nextSeq.get()?.n ?? 1;
        const id = approvalIdFor(new Date(rec.requestedAt), seq);
        this.s.insert.run({
          id,
          seq,
          rfq_id: rec.rfqId,
          thread: rec.thread,
          requested_by: rec.requestedBy,
          desk: rec.desk,
          economics: JSON.stringify(rec.economics),
          economics_hash: rec.economicsHash,
          quote_version: rec.quoteVersion,
          requested_at: rec.requestedAt,
          expires_at: rec.expiresAt,
        });
        return approvalFromRow(this.s.get.get(id)!);
      }),
    );
  }

  get(id: string): Promise<ApprovalRecord | null> {
    return this.guard(() => {
      const row = this.s.get.get(id);
      return row ? approvalFromRow(row) : null;
    });
  }

  latestForRfq(rfqId: string): Promise<ApprovalRecord | null> {
    return this.guard(() => {
      const row = this.s.latestForRfq.get(rfqId);
      return row ? approvalFromRow(row) : null;
    });
  }

  list(filter: ApprovalFilter = {}): Promise<ApprovalRecord[]> {
    return this.guard(() => {
      const where: string[] = [];
      const args: Array<string | number> = [];
      if (filter.status) {
        where.push('status = ?');
        args.push(filter.status);
      }
      if (filter.desk) {
        where.push('desk = ?');
        args.push(filter.desk);
      }
      if (filter.rfqId) {
        where.push('rfq_id = ?');
        args.push(filter.rfqId);
      }
      args.push(filter.limit ?? 100);
      const sql = `SELECT * FROM approvals ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT ?`;
      return (this.db.prepare(sql).all(...args) as Row[]).map(approvalFromRow);
    });
  }

  decide(id: string, to: Exclude<ApprovalStatus, 'pending'>, by: string | null, at: Date, reason: string | null): Promise<ApprovalRecord | null> {
    return this.guard(() =>
      this.tx(() => {
        const res = this.s.decide.run({ id, to, by, at: at.toISOString(), reason });
        if (res.changes !== 1) return null;
        return approvalFromRow(this.s.get.get(id)!);
      }),
    );
  }
}
