/**
 * Opens the policy store, ingesting the bundled corpus on first use (the issue: "`ask` ingests it
 * into the default store on first use"). Only dated rule files are ingested, not the README.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { runIngest } from '../../knowledge/ingest.js';
import type { KnowledgeBase } from '../../knowledge/base.js';
import { openKnowledge } from '../../knowledge/open.js';
import { openStore, storePaths } from '../../knowledge/store.js';
import type { PgAccess, Storage } from '../../storage/types.js';
import { articleIndexFromLabels, type ArticleIndex } from '../../policy/citation-check.js';
import { OperationError, UserInputError } from '../../runtime/errors.js';

/** Rule files of a corpus folder: `YYYY-MM-DD-*.md|txt|html`; a single file is taken as given. */
export function corpusFiles(corpus: string): string[] {
  if (!existsSync(corpus)) throw new UserInputError(`policy corpus not found: ${corpus}`);
  if (statSync(corpus).isFile()) return [corpus];
  const files = readdirSync(corpus)
    .filter((f) => /^\d{4}-\d{2}-\d{2}-.+\.(md|markdown|txt|html?)$/i.test(f))
    .sort()
    .map((f) => join(corpus, f));
  if (files.length === 0) throw new UserInputError(`policy corpus ${corpus} holds no rule files (expected YYYY-MM-DD-<name>.md)`);
  return files;
}

// One ingest per store and process, even when two tool calls race on first use.
const pending = new Map<string, Promise<void>>();

/** True when the store exists and holds at least one chunk (an interrupted first ingest leaves it empty). */
function storeReady(home: string, store: string): boolean {
  if (!existsSync(storePaths(home, store).sqlite)) return false;
  const s = openStore({ home, name: store });
  try {
    return s.counts().chunks > 0;
  } finally {
    s.close();
  }
}

async function ingestCorpus(home: string, store: string, corpus: string, storage: Storage | undefined, lockHeld = false): Promise<void> {
  const summary = await runIngest({ home, store, paths: corpusFiles(corpus), storage, lockHeld });
  if (summary.articles === 0 && summary.unchanged === 0) {
    throw new OperationError(`ingesting ${corpus} into store "${store}" produced no articles`);
  }
}

/**
 * PostgreSQL: the store is created empty, then filled under its advisory lock — a second process
 * starting at the same time waits for the first one's ingest and finds the store ready.
 */
async function ensurePgPolicyStore(home: string, store: string, corpus: string, storage: Storage & { pg: PgAccess }): Promise<void> {
  const { PgKnowledgeStore } = await import('../../knowledge/pg-store.js');
  const s = await PgKnowledgeStore.open({ ...storage.pg, name: store, create: true });
  if ((await s.counts()).chunks > 0) return;
  await s.withIngestLock(async () => {
    if ((await s.counts()).chunks > 0) return;
    await ingestCorpus(home, store, corpus, storage, true);
  });
}

/**
 * Makes sure the policy store exists, ingesting the bundled corpus on first use. The engine follows
 * the app's storage: PostgreSQL storage keeps the store in its database, otherwise a SQLite file
 * under `<home>/stores/`.
 */
export async function ensurePolicyStore(home: string, store: string, corpus: string, storage?: Storage): Promise<void> {
  const pg = storage?.pg;
  const key = pg ? `postgres:${storage.location}:${pg.schema}:${store}` : storePaths(home, store).sqlite;
  let p = pending.get(key);
  if (!p) {
    if (!pg && storeReady(home, store)) return;
    p = (pg && storage ? ensurePgPolicyStore(home, store, corpus, { ...storage, pg }) : ingestCorpus(home, store, corpus, undefined)).finally(() => pending.delete(key));
    pending.set(key, p);
  }
  await p;
}

export async function withPolicyStore<T>(home: string, store: string, corpus: string, fn: (s: KnowledgeBase) => Promise<T>, storage?: Storage): Promise<T> {
  await ensurePolicyStore(home, store, corpus, storage);
  const s = await openKnowledge({ home, name: store, storage });
  try {
    return await fn(s);
  } finally {
    await s.close();
  }
}

/** All citation labels of a store (for the citation post-check). */
export async function storeLabels(s: KnowledgeBase): Promise<string[]> {
  return s.labels();
}

/** The citation index of a store (all labels), for `verifyPolicyReply`; missing store → clear error. */
export async function loadArticleIndex(home: string, store: string, storage?: Storage): Promise<ArticleIndex> {
  const s = await openKnowledge({ home, name: store, storage });
  try {
    return articleIndexFromLabels(await s.labels());
  } finally {
    await s.close();
  }
}
