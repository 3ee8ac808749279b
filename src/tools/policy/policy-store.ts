/**
 * Opens the policy store, ingesting the bundled corpus on first use (the issue: "`ask` ingests it
 * into the default store on first use"). Only dated rule files are ingested, not the README.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { runIngest } from '../../knowledge/ingest.js';
import { openStore, storePaths, type KnowledgeStore } from '../../knowledge/store.js';
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

export async function ensurePolicyStore(home: string, store: string, corpus: string): Promise<void> {
  const key = storePaths(home, store).sqlite;
  let p = pending.get(key);
  if (!p) {
    if (storeReady(home, store)) return;
    p = (async () => {
      const summary = await runIngest({ home, store, paths: corpusFiles(corpus) });
      if (summary.articles === 0 && summary.unchanged === 0) {
        throw new OperationError(`ingesting ${corpus} into store "${store}" produced no articles`);
      }
    })().finally(() => pending.delete(key));
    pending.set(key, p);
  }
  await p;
}

export async function withPolicyStore<T>(home: string, store: string, corpus: string, fn: (s: KnowledgeStore) => Promise<T>): Promise<T> {
  await ensurePolicyStore(home, store, corpus);
  const s = openStore({ home, name: store });
  try {
    return await fn(s);
  } finally {
    s.close();
  }
}

/** All citation labels of a store (for the citation post-check). */
export function storeLabels(s: KnowledgeStore): string[] {
  return (s.db.prepare('SELECT DISTINCT label FROM chunks').all() as { label: string }[]).map((r) => r.label);
}

/** The citation index of a store (all labels), for `verifyPolicyReply`; missing store → clear error. */
export function loadArticleIndex(home: string, store: string): ArticleIndex {
  const s = openStore({ home, name: store });
  try {
    return articleIndexFromLabels(storeLabels(s));
  } finally {
    s.close();
  }
}
