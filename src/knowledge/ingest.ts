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
import { openStore, type KnowledgeStore } from './store.js';

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
  store: KnowledgeStore,
  files: string[],
  embedder: Embedder,
  opts: Pick<IngestOptions, 'onProgress' | 'maxChars'> = {},
): Promise<Omit<IngestSummary, 'seconds' | 'store' | 'removed'>> {
  const have = store.embedderInfo();
  // Refuse a different embedder before doing any work (remote dims may only be known later).
  if (have) store.bindEmbedder({ name: embedder.name, dim: embedder.dim || have.dim });
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
      const existing = store.findDocument(path);
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
          store.bindEmbedder({ name: embedder.name, dim: vectors[0]?.length ?? embedder.dim });
          if (existing) {
            store.deleteDocument(existing.id);
            summary.replaced++;
            status = 'replaced';
          } else status = 'added';
          store.insertDocument(path, hash, doc, vectors);
          summary.documents++;
          summary.articles += doc.chunks.length;
        }
      }
    }
    opts.onProgress?.({ done: ++done, total: files.length, path, status });
  }
  store.flush();
  // Corpus-trained models (LSA, sections) are fitted once, after every document is in.
  if (store.corpusModelStale() && store.counts().chunks > 0) store.trainCorpusModel();
  return summary;
}

/** Deletes the store's documents that came from under `paths` but are no longer among `files`. */
export function pruneMissing(store: KnowledgeStore, paths: string[], files: string[]): number {
  const roots = paths.map((p) => resolve(p));
  const present = new Set(files);
  let removed = 0;
  for (const d of store.documents()) {
    const under = roots.some((r) => d.source === r || d.source.startsWith(r + sep));
    if (under && !present.has(d.source)) {
      store.deleteDocument(d.id);
      removed++;
    }
  }
  return removed;
}

export async function runIngest(opts: IngestOptions): Promise<IngestSummary> {
  const t0 = performance.now();
  const files = listFiles(opts.paths);
  const embedder = opts.embedder && isEmbedder(opts.embedder) ? opts.embedder : createEmbedder(opts.embedder ?? {});
  const store = openStore({ home: opts.home, name: opts.store, create: true, onWarning: opts.onWarning });
  try {
    const removed = opts.prune ? pruneMissing(store, opts.paths, files) : 0;
    const s = await ingestInto(store, files, embedder, opts);
    return IngestSummarySchema.parse({ store: store.name, ...s, removed, seconds: (performance.now() - t0) / 1000 });
  } finally {
    store.close();
  }
}
