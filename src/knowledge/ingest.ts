/**
 * `finagent ingest`: read files/folders, chunk by article, embed, and write to a store.
 * Idempotent: a document whose bytes are unchanged is skipped; a changed one is replaced.
 */
import { resolve, sep } from 'node:path';
import { chunkDocument, sha256 } from './chunker.js';
import { createEmbedder } from './embedders/create.js';
import type { Embedder, EmbedderConfig } from './embedders/types.js';
import { listFiles, readSource } from './readers.js';
import { IngestSummarySchema, type IngestSummary } from './schemas.js';
import type { KnowledgeBase } from './base.js';
import { openKnowledge } from './open.js';
import type { Storage } from '../storage/types.js';

export interface IngestProgress {
  done: number;
  total: number;
  path: string;
  status: 'added' | 'replaced' | 'unchanged' | 'skipped';
}

export interface IngestOptions {
  home: string;
  store?: string;
  paths: string[];
  embedder?: Embedder | EmbedderConfig;
  onProgress?: (p: IngestProgress) => void;
  onWarning?: (message: string) => void;
  maxChars?: number;
  /** Remove documents that were ingested from under `paths` but whose file no longer exists there. */
  prune?: boolean;
  /** The app's storage: on PostgreSQL the store lives in its database. */
  storage?: Storage | undefined;
  /** `postgres://…` (FINAGENT_DATABASE_URL) when no storage is given. */
  url?: string | undefined;
  /** The caller already holds the store's ingest lock (PostgreSQL first use); do not take it again. */
  lockHeld?: boolean;
}

/** The text that gets embedded: the title and path give an article its context. */
export function embeddingText(title: string, path: string[], text: string): string {
  return [title, ...path, text].join('\n');
}

function isEmbedder(e: Embedder | EmbedderConfig): e is Embedder {
  return typeof (e as Embedder).embed === 'function';
}

/** Ingest into an already-open store (used by runIngest and by tests/benchmarks). */
export async function ingestInto(
  store: KnowledgeBase,
  files: string[],
  embedder: Embedder,
  opts: Pick<IngestOptions, 'onProgress' | 'maxChars'> = {},
): Promise<Omit<IngestSummary, 'seconds' | 'store' | 'removed'>> {
  const have = await store.embedderInfo();
  // Refuse a different embedder before doing any work (remote dims may only be known later).
  if (have) await store.bindEmbedder({ name: embedder.name, dim: embedder.dim || have.dim });
  const summary = { documents: 0, articles: 0, unchanged: 0, replaced: 0, skipped: [] as { path: string; reason: string }[] };
  let done = 0;
  for (const path of files) {
    const r = readSource(path);
    let status: IngestProgress['status'];
    if (!r.ok) {
      summary.skipped.push({ path, reason: r.reason });
      status = 'skipped';
    } else {
      const hash = sha256(r.raw);
      const existing = await store.findDocument(path);
      if (existing && existing.hash === hash) {
        summary.unchanged++;
        status = 'unchanged';
      } else {
        const doc = chunkDocument({ text: r.text, source: path }, { maxChars: opts.maxChars });
        if (doc.chunks.length === 0) {
          summary.skipped.push({ path, reason: 'no text found' });
          status = 'skipped';
        } else {
          const vectors = await embedder.embed(doc.chunks.map((c) => embeddingText(c.docTitle, c.path, c.text)));
          await store.bindEmbedder({ name: embedder.name, dim: vectors[0]?.length ?? embedder.dim });
          if (existing) {
            await store.deleteDocument(existing.id);
            summary.replaced++;
            status = 'replaced';
          } else status = 'added';
          await store.insertDocument(path, hash, doc, vectors);
          summary.documents++;
          summary.articles += doc.chunks.length;
        }
      }
    }
    opts.onProgress?.({ done: ++done, total: files.length, path, status });
  }
  await store.flush();
  // Corpus-trained models (LSA, sections) are fitted once, after every document is in.
  if ((await store.corpusModelStale()) && (await store.counts()).chunks > 0) await store.trainCorpusModel();
  return summary;
}

/** Deletes the store's documents that came from under `paths` but are no longer among `files`. */
export async function pruneMissing(store: KnowledgeBase, paths: string[], files: string[]): Promise<number> {
  const roots = paths.map((p) => resolve(p));
  const present = new Set(files);
  let removed = 0;
  for (const d of [...(await store.documents())]) {
    const under = roots.some((r) => d.source === r || d.source.startsWith(r + sep));
    if (under && !present.has(d.source)) {
      await store.deleteDocument(d.id);
      removed++;
    }
  }
  return removed;
}

export async function runIngest(opts: IngestOptions): Promise<IngestSummary> {
  const t0 = performance.now();
  const files = listFiles(opts.paths);
  const embedder = opts.embedder && isEmbedder(opts.embedder) ? opts.embedder : createEmbedder(opts.embedder ?? {});
  const store = await openKnowledge({ home: opts.home, name: opts.store, create: true, onWarning: opts.onWarning, storage: opts.storage, url: opts.url });
  try {
    const work = async () => {
      const removed = opts.prune ? await pruneMissing(store, opts.paths, files) : 0;
      const s = await ingestInto(store, files, embedder, opts);
      return IngestSummarySchema.parse({ store: store.name, ...s, removed, seconds: (performance.now() - t0) / 1000 });
    };
    // On PostgreSQL two ingests of one store (two processes, two instances) take turns: the second
    // sees the first one's documents as unchanged instead of failing on a duplicate source.
    // SQLite serialises writers on the file already.
    return store.withIngestLock && !opts.lockHeld ? await store.withIngestLock(work) : await work();
  } finally {
    await store.close();
  }
}
