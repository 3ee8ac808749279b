/**
 * Opens a knowledge store on the engine the app's storage runs on: PostgreSQL (the same database,
 * pool and migrations) when the storage is PostgreSQL or a `postgres://` URL is given
 * (FINAGENT_DATABASE_URL / database.url), else the SQLite file under `<home>/stores/`.
 */
import type { Storage } from '../storage/types.js';
import type { KnowledgeBase } from './base.js';
import { openStore, type OpenStoreOptions } from './store.js';

export interface OpenKnowledgeOptions extends OpenStoreOptions {
  /** The app's storage: PostgreSQL storage puts the store in its database. */
  storage?: Storage | undefined;
  /** A `postgres://` URL (when no storage is at hand, e.g. the `ingest` command): opened and closed with the store. */
  url?: string | undefined;
}

/** True when the options put the store in PostgreSQL. */
export function knowledgeOnPostgres(opts: Pick<OpenKnowledgeOptions, 'storage' | 'url'>): boolean {
  return opts.storage ? opts.storage.pg !== undefined : Boolean(opts.url);
}

export async function openKnowledge(opts: OpenKnowledgeOptions): Promise<KnowledgeBase> {
  if (opts.storage?.pg) {
    const { PgKnowledgeStore } = await import('./pg-store.js');
    return PgKnowledgeStore.open({ ...opts.storage.pg, name: opts.name, create: opts.create });
  }
  if (!opts.storage && opts.url) {
    const { openStorage } = await import('../storage/open.js');
    const storage = await openStorage({ home: opts.home, url: opts.url });
    try {
      const store = await openKnowledge({ ...opts, storage });
      const close = store.close.bind(store);
      // The store owns the storage it opened: closing one closes both.
      return Object.assign(store, {
        close: async () => {
          try {
            await close();
          } finally {
            await storage.close();
          }
        },
      });
    } catch (e) {
      await storage.close();
      throw e;
    }
  }
  return openStore(opts);
}
