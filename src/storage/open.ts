import { UserInputError } from '../runtime/errors.js';
import type { Storage } from './types.js';

export interface OpenStorageOptions {
  /** FINAGENT_HOME, for the SQLite file. */
  home: string;
  /** `postgres://…` selects PostgreSQL; absent = SQLite under `home`. */
  url?: string | undefined;
}

/** The configured engine: PostgreSQL when a URL is given (FINAGENT_DATABASE_URL / database.url), else SQLite. */
export async function openStorage(opts: OpenStorageOptions): Promise<Storage> {
  if (opts.url) {
    if (!/^postgres(ql)?:\/\//.test(opts.url)) {
      throw new UserInputError(`database url must start with postgres:// (got "${opts.url.replace(/:[^:@/]*@/, ':***@')}")`);
    }
    const { openPostgresStorage } = await import('./postgres/storage.js');
    return openPostgresStorage({ url: opts.url });
  }
  const { openSqliteStorage } = await import('./sqlite/storage.js');
  return openSqliteStorage({ home: opts.home });
}
