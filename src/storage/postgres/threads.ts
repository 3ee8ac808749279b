import type { ThreadInfo, ThreadRepository, ThreadSearch } from '../types.js';
import { iso, toJson, type Sql } from './sql.js';

interface Row {
  id: string;
  agent: string;
  created_by: string;
  created_at: unknown;
  updated_at: unknown;
  metadata: Record<string, unknown>;
}

const fromRow = (r: Row): ThreadInfo => ({
  id: r.id,
  agent: r.agent,
  owner: r.created_by,
  createdAt: iso(r.created_at),
  updatedAt: iso(r.updated_at),
  metadata: r.metadata,
});

/** Thread ownership and metadata; the conversation itself lives in the LangGraph checkpointer. */
export class PgThreads implements ThreadRepository {
  constructor(private readonly sql: Sql) {}

  async create(info: Omit<ThreadInfo, 'updatedAt'>): Promise<{ thread: ThreadInfo; created: boolean }> {
    // One statement either way: the insert reports whether it created the row; a lost race (or an
    // existing thread) reads the stored row, which the caller checks for agent and owner.
    const ins = await this.sql.query<Row>(
      `INSERT INTO ${this.sql.t('threads')} (id, agent, created_by, created_at, updated_at, metadata)
       VALUES ($1, $2, $3, $4, $4, $5::text::jsonb) ON CONFLICT (id) DO NOTHING RETURNING *`,
      [info.id, info.agent, info.owner, info.createdAt, toJson(info.metadata)],
    );
    if (ins.rows[0]) return { thread: fromRow(ins.rows[0]), created: true };
    const existing = await this.get(info.id);
    if (!existing) throw new Error(`thread ${info.id} neither inserted nor found`);
    return { thread: existing, created: false };
  }

  async get(id: string): Promise<ThreadInfo | null> {
    const { rows } = await this.sql.query<Row>(`SELECT * FROM ${this.sql.t('threads')} WHERE id = $1`, [id]);
    return rows[0] ? fromRow(rows[0]) : null;
  }

  async touch(id: string, at: Date): Promise<void> {
    await this.sql.query(`UPDATE ${this.sql.t('threads')} SET updated_at = $2 WHERE id = $1`, [id, at.toISOString()]);
  }

  /** Most recently active first; metadata keys compare as JSON values (`->` equality). */
  async search(q: ThreadSearch): Promise<ThreadInfo[]> {
    const where: string[] = [];
    const args: unknown[] = [];
    const arg = (v: unknown): string => {
      args.push(v);
      return `$${args.length}`;
    };
    if (q.owners) {
      if (q.owners.length === 0) return [];
      where.push(`created_by = ANY(${arg(q.owners)}::text[])`);
    }
    if (q.agent) where.push(`agent = ${arg(q.agent)}`);
    for (const [k, v] of Object.entries(q.metadata ?? {})) {
      // An undefined filter value matches a thread without the key (JSON has no undefined).
      where.push(v === undefined ? `NOT (metadata ? ${arg(k)}::text)` : `metadata -> ${arg(k)}::text = ${arg(toJson(v))}::text::jsonb`);
    }
    const limit = arg(q.limit ?? 100);
    const offset = arg(q.offset ?? 0);
    const { rows } = await this.sql.query<Row>(
      `SELECT * FROM ${this.sql.t('threads')} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY updated_at DESC, id LIMIT ${limit} OFFSET ${offset}`,
      args,
    );
    return rows.map(fromRow);
  }
}
