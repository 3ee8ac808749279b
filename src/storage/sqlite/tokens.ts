import type Database from 'better-sqlite3';
import type { TokenRecord, TokenRepository } from '../types.js';
import type { Guard } from './guard.js';

interface Row {
  id: string;
  user_id: string;
  hash: string;
  label: string | null;
  created_at: string;
  expires_at: string | null;
  revoked_at: string | null;
}

const fromRow = (r: Row): TokenRecord => ({ id: r.id, userId: r.user_id, hash: r.hash, label: r.label, createdAt: r.created_at, expiresAt: r.expires_at, revokedAt: r.revoked_at });

export class SqliteTokens implements TokenRepository {
  private readonly s;

  constructor(db: Database.Database, private readonly guard: Guard) {
    this.s = {
      insert: db.prepare('INSERT INTO api_tokens (id, user_id, hash, label, created_at, expires_at, revoked_at) VALUES (?,?,?,?,?,?,NULL)'),
      byHash: db.prepare<[string], Row>('SELECT * FROM api_tokens WHERE hash = ?'),
      byId: db.prepare<[string], Row>('SELECT * FROM api_tokens WHERE id = ?'),
      all: db.prepare<[], Row>('SELECT * FROM api_tokens ORDER BY created_at, id'),
      ofUser: db.prepare<[string], Row>('SELECT * FROM api_tokens WHERE user_id = ? ORDER BY created_at, id'),
      revoke: db.prepare('UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL'),
    };
  }

  create(rec: Omit<TokenRecord, 'revokedAt'>): Promise<TokenRecord> {
    return this.guard(() => {
      this.s.insert.run(rec.id, rec.userId, rec.hash, rec.label, rec.createdAt, rec.expiresAt);
      return fromRow(this.s.byId.get(rec.id)!);
    });
  }

  findByHash(hash: string): Promise<TokenRecord | null> {
    return this.guard(() => {
      const row = this.s.byHash.get(hash);
      return row ? fromRow(row) : null;
    });
  }

  list(userId?: string): Promise<TokenRecord[]> {
    return this.guard(() => (userId ? this.s.ofUser.all(userId) : this.s.all.all()).map(fromRow));
  }

  revoke(id: string, at: Date): Promise<boolean> {
    return this.guard(() => this.s.revoke.run(at.toISOString(), id).changes === 1);
  }
}
