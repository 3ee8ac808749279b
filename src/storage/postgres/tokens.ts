import type { TokenRecord, TokenRepository } from '../types.js';
import type { NewToken } from './domain.js';
import { iso, isoOrNull, type Sql } from './sql.js';

interface Row {
  id: string;
  user_id: string;
  hash: string;
  label: string | null;
  created_at: unknown;
  expires_at: unknown;
  revoked_at: unknown;
}

const fromRow = (r: Row): TokenRecord => ({
  id: r.id,
  userId: r.user_id,
  hash: r.hash,
  label: r.label,
  createdAt: iso(r.created_at),
  expiresAt: isoOrNull(r.expires_at),
  revokedAt: isoOrNull(r.revoked_at),
});

export class PgTokens implements TokenRepository {
  constructor(private readonly sql: Sql) {}

  async create(rec: NewToken): Promise<TokenRecord> {
    const { rows } = await this.sql.query<Row>(
      `INSERT INTO ${this.sql.t('api_tokens')} (id, user_id, hash, label, created_at, expires_at, revoked_at)
       VALUES ($1, $2, $3, $4, $5, $6, NULL) RETURNING *`,
      [rec.id, rec.userId, rec.hash, rec.label, rec.createdAt, rec.expiresAt],
    );
    return fromRow(rows[0] as Row);
  }

  async findByHash(hash: string): Promise<TokenRecord | null> {
    const { rows } = await this.sql.query<Row>(`SELECT * FROM ${this.sql.t('api_tokens')} WHERE hash = $1`, [hash]);
    return rows[0] ? fromRow(rows[0]) : null;
  }

  async list(userId?: string): Promise<TokenRecord[]> {
    const { rows } = userId
      ? await this.sql.query<Row>(`SELECT * FROM ${this.sql.t('api_tokens')} WHERE user_id = $1 ORDER BY created_at, id`, [userId])
      : await this.sql.query<Row>(`SELECT * FROM ${this.sql.t('api_tokens')} ORDER BY created_at, id`);
    return rows.map(fromRow);
  }

  async revoke(id: string, at: Date): Promise<boolean> {
    const res = await this.sql.query(`UPDATE ${this.sql.t('api_tokens')} SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL`, [id, at.toISOString()]);
    return res.rowCount === 1;
  }
}
