import type Database from 'better-sqlite3';
import { mapChatMessagesToStoredMessages, mapStoredMessagesToChatMessages, type BaseMessage, type StoredMessage } from '@langchain/core/messages';
import { UserInputError } from './errors.js';

/**
 * Conversation threads persisted in SQLite, so `--thread T` continues across processes.
 * A thread is bound to the assistant that started it: resuming it with another assistant is refused
 * (a checkpoint must never continue a different graph).
 */
export class ThreadStore {
  constructor(private readonly db: Database.Database) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS threads (
        id TEXT PRIMARY KEY, agent TEXT NOT NULL, created_by TEXT NOT NULL, created_at TEXT NOT NULL
      );
      CREATE TABLE IF NOT EXISTS thread_messages (
        thread TEXT NOT NULL REFERENCES threads(id), seq INTEGER NOT NULL, message TEXT NOT NULL,
        PRIMARY KEY (thread, seq)
      );
    `);
  }

  /** Creates the thread on first use; refuses a thread that belongs to another assistant. */
  open(thread: string, agent: string, user: string, now: Date): void {
    const row = this.db.prepare('SELECT agent FROM threads WHERE id = ?').get(thread) as { agent: string } | undefined;
    if (!row) {
      this.db.prepare('INSERT INTO threads (id, agent, created_by, created_at) VALUES (?,?,?,?)').run(thread, agent, user, now.toISOString());
    } else if (row.agent !== agent) {
      throw new UserInputError(`thread "${thread}" belongs to the ${row.agent} assistant, not ${agent}; use another --thread`);
    }
  }

  messages(thread: string): BaseMessage[] {
    const rows = this.db.prepare('SELECT message FROM thread_messages WHERE thread = ? ORDER BY seq').all(thread) as Array<{ message: string }>;
    return mapStoredMessagesToChatMessages(rows.map((r) => JSON.parse(r.message) as StoredMessage));
  }

  append(thread: string, messages: BaseMessage[]): void {
    if (messages.length === 0) return;
    const next = this.db.prepare('SELECT COALESCE(MAX(seq), 0) AS seq FROM thread_messages WHERE thread = ?');
    const insert = this.db.prepare('INSERT INTO thread_messages (thread, seq, message) VALUES (?,?,?)');
    this.db.transaction(() => {
      let seq = (next.get(thread) as { seq: number }).seq;
      for (const stored of mapChatMessagesToStoredMessages(messages)) insert.run(thread, ++seq, JSON.stringify(stored));
    }).immediate();
  }

  reset(thread: string): void {
    this.db.prepare('DELETE FROM thread_messages WHERE thread = ?').run(thread);
  }
}
