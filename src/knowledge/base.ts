/**
 * What ingest and retrieval need from a knowledge store, on either engine: the SQLite file with FTS5
 * (store.ts, the default) or PostgreSQL tables with app-side tokens in a GIN-indexed tsvector
 * (pg-store.ts). The SQLite store answers synchronously; callers `await` every method so the same
 * code runs on both.
 */
import type { CorpusModelInfo } from './corpus-model.js';
import type { LsaModel } from './lsa.js';
import type { ParsedDocument } from './schemas.js';
import type { Hnsw } from './vector-index.js';

export type Awaitable<T> = T | Promise<T>;

export interface DocumentRow {
  id: number;
  source: string;
  title: string;
  effective: string | null;
  hash: string;
}

export interface ChunkRow {
  id: number;
  doc_id: number;
  article: number | null;
  article_label: string | null;
  label: string;
  path: string;
  text: string;
}

/** A numbered article (or a part of one) with its document, in document and chunk order. */
export interface ArticleRow {
  doc_id: number;
  source: string;
  title: string;
  effective: string | null;
  article: number;
  article_label: string | null;
  label: string;
  part: number;
  path: string;
  text: string;
}

export interface EmbedderInfo {
  name: string;
  dim: number;
}

/** A ranked hit of one channel: higher score = better. */
export interface Ranked {
  id: number;
  score: number;
}

/**
 * The lexical views: jieba words and CJK bigrams of each chunk (title, path, body), and the
 * corpus-model's chapter sections (bigrams of every article of a chapter).
 */
export type LexicalView = 'words' | 'grams' | 'sections';

export interface KnowledgeBase {
  readonly name: string;
  readonly engine: 'sqlite' | 'postgres';
  embedderInfo(): Awaitable<EmbedderInfo | null>;
  /** Record the embedder on first use; refuse a different one afterwards. */
  bindEmbedder(e: EmbedderInfo): Awaitable<void>;
  documents(): Awaitable<DocumentRow[]>;
  findDocument(source: string): Awaitable<DocumentRow | null>;
  counts(): Awaitable<{ documents: number; chunks: number }>;
  /** Remove a document and everything derived from it; returns the removed chunk ids. */
  deleteDocument(docId: number): Awaitable<number[]>;
  /** Insert a parsed document with one vector per chunk (same order); returns the chunk ids. */
  insertDocument(source: string, hash: string, doc: ParsedDocument, vectors: number[][], now?: Date): Awaitable<number[]>;
  /** Make pending vector changes durable (end of an ingest). */
  flush(): Awaitable<void>;
  /** True when chunks changed since the corpus model (LSA, sections) was last trained. */
  corpusModelStale(): Awaitable<boolean>;
  trainCorpusModel(): Awaitable<CorpusModelInfo>;
  /** The trained LSA model when present and current. */
  semanticModel(): Awaitable<LsaModel | null>;
  /** chunk id → document id (the same Map object until the chunks change). */
  chunkDocMap(): Awaitable<Map<number, number>>;
  /** chunk id → section id from the last corpus-model training (same object until retrained). */
  chunkSectionMap(): Awaitable<Map<number, number>>;
  chunksByIds(ids: number[]): Awaitable<Map<number, ChunkRow>>;
  /**
   * BM25 over one view for the OR of the distinct tokens, exactly as SQLite FTS5's `bm25()` with
   * column weights title 2, path 1, body 1 ranks it; best first (ties: lower id first), `limit`
   * rows or all when null. Score = −bm25 (higher is better).
   */
  lexicalSearch(view: LexicalView, tokens: string[], limit: number | null): Awaitable<Ranked[]>;
  /** Rows of the words view holding `term` (its document frequency), 0 when none. */
  wordDocFreq(term: string): Awaitable<number>;
  /** The vector index (rebuilt from the stored vectors when needed); null without an embedder. */
  vectorIndex(): Awaitable<Hnsw | null>;
  /** Every distinct citation label. */
  labels(): Awaitable<string[]>;
  /** Every numbered article, ordered by document, chunk order and part. */
  articleRows(): Awaitable<ArticleRow[]>;
  close(): Awaitable<void>;
  /** Runs `fn` as the only ingest of this store across processes (PostgreSQL); absent where the engine serialises writers itself. */
  withIngestLock?<T>(fn: () => Promise<T>): Promise<T>;
}
