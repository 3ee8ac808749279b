import type Database from 'better-sqlite3';
import { canonicalJson } from '../../runtime/audit-chain.js';
import type { ThreadInfo, ThreadRepository, ThreadSearch } from '../types.js';
import type { Guard } from './guard.js';
import { parseStoredJson } from './rfqs.js';

interface Row {
  id: string;
  agent: string;
  created_by: string;
  created_at: string;
  updated_at: string | null;
  metadata: string;
}

function fromRow(r: Row): ThreadInfo {
  return {
    id: r.id,
    agent: r.agent,
    owner: r.created_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at ?? r.created_at,
    metadata: parseStoredJson(r.metadata, `thread ${r.id} metadata`) as Record<string, unknown>,
  };
}

/** Matches a thread's metadata against a filter (every key equal as canonical JSON: key order does not matter, as in jsonb). */
export function metadataMatches(metadata: Record<string, unknown>, filter: Record<string, unknown> | undefined): boolean {
  if (!filter) return true;
  return Object.entries(filter).every(([k, v]) => canonicalJson(metadata[k] ?? null) === canonicalJson(v));
}

/** Thread ownership and metadata; the conversation itself lives in the LangGraph checkpointer. */
export class SqliteThreads implements ThreadRepository {
  private readonly s;
  /** Insert-or-keep + read back, compiled once (IMMEDIATE, or a savepoint inside an open unit of work). */
  private readonly createTx: Database.Transaction<(info: Omit<ThreadInfo, 'updatedAt'>) => { thread: ThreadInfo; created: boolean }>;
  private readonly createRow: (info: Omit<ThreadInfo, 'updatedAt'>) => { thread: ThreadInfo; created: boolean };

  constructor(private readonly db: Database.Database, private readonly guard: Guard) {
    this.s = {
      get: db.prepare<[string], Row>('SELECT * FROM threads WHERE id = ?'),
      insert: db.prepare('INSERT OR IGNORE INTO threads (id, agent, created_by, created_at, updated_at, metadata) VALUES (?,?,?,?,?,?)'),
      touch: db.prepare('UPDATE threads SET updated_at = ? WHERE id = ?'),
    };
    this.createRow = (info) => {
      const res = this.s.insert.run(info.id, info.agent, info.owner, info.createdAt, info.createdAt, JSON.stringify(info.metadata));
      return { thread: fromRow(this.s.get.get(info.id)!), created: res.changes === 1 };
    };
    this.createTx = db.transaction(this.createRow);
  }

  create(info: Omit<ThreadInfo, 'updatedAt'>): Promise<{ thread: ThreadInfo; created: boolean }> {
    // Inside an open unit of work: there (the write lock is held; one insert, no savepoint needed).
    // Alone: `.immediate()`, see guard.ts `atomically`.
    return this.guard(() => (this.db.inTransaction ? this.createRow(info) : this.createTx.immediate(info)));
  }

  get(id: string): Promise<ThreadInfo | null> {
    return this.guard(() => {
      const row = this.s.get.get(id);
      return row ? fromRow(row) : null;
    });
  }

  touch(id: string, at: Date): Promise<void> {
    return this.guard(() => {
      this.s.touch.run(at.toISOString(), id);
    });
  }

  search(q: ThreadSearch): Promise<ThreadInfo[]> {
    return this.guard(() => {
      const where: string[] = [];
      const args: string[] = [];
      if (q.owners) {
        if (q.owners.length === 0) return [];
        where.push(`created_by IN (${q.owners.map(() => '?').join(',')})`);
        args.push(...q.owners);
      }
      if (q.agent) {
        where.push('agent = ?');
        args.push(q.agent);
      }
      const sql = `SELECT * FROM threads ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY COALESCE(updated_at, created_at) DESC, id`;
      const rows = (this.db.prepare(sql).all(...args) as Row[]).map(fromRow).filter((t) => metadataMatches(t.metadata, q.metadata));
      const offset = q.offset ?? 0;
      return rows.slice(offset, offset + (q.limit ?? 100));
    });
  }
}
