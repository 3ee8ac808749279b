import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

/** Opens `<home>/finagent.db` (created with its folder when missing) in WAL mode. */
export function openDatabase(home: string): Database.Database {
  mkdirSync(home, { recursive: true });
  const db = new Database(join(home, 'finagent.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  return db;
}
