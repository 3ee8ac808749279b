/**
 * A knowledge store: `<home>/stores/<name>.sqlite` (documents, chunks, vectors, two FTS5 views over
 * pre-tokenised text) plus `<name>.hnsw` (the vector index, verified against SQLite on open).
 */
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { OperationError, UserInputError } from '../runtime/errors.js';
import type { Embedder } from './embedders/types.js';
import type { Chunk, ParsedDocument } from './schemas.js';
import { CORPUS_MODEL_SCHEMA, CORPUS_MODEL_VERSION, loadLsa, trainCorpusModel, type CorpusModelInfo } from './corpus-model.js';
import type { LsaModel } from './lsa.js';
import { ftsOrQuery, gramTokens, wordTokens } from './tokens.js';
import type { ArticleRow, ChunkRow, DocumentRow, EmbedderInfo, KnowledgeBase, LexicalView, Ranked } from './base.js';
import { loadVerified, newIndex, saveIndex, type Hnsw, type IndexRecord } from './vector-index.js';

const SCHEMA_VERSION = '1';
const FTS_OPTS = "tokenize='unicode61 remove_diacritics 0', content='', contentless_delete=1";

export interface OpenStoreOptions {
  home: string;
  name?: string;
  /** Create the store when missing (ingest); retrieval leaves it false to get a clear error. */
  create?: boolean;
  /** Called when something was repaired (e.g. the vector index rebuilt). */
  onWarning?: (message: string) => void;
}

export type { ArticleRow, ChunkRow, DocumentRow, EmbedderInfo } from './base.js';

/** BM25 column weights (title, path, body): a law's title and chapter say what its articles are about. */
export const BM25_WEIGHTS = { title: 2, path: 1, body: 1 } as const;

const FTS_TABLES: Record<LexicalView, string> = { words: 'fts_words', grams: 'fts_grams', sections: 'fts_sections' };

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents(
  id INTEGER PRIMARY KEY, source TEXT NOT NULL UNIQUE, title TEXT NOT NULL, effective TEXT,
  language TEXT NOT NULL, hash TEXT NOT NULL, ingested_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS chunks(
  id INTEGER PRIMARY KEY, doc_id INTEGER NOT NULL REFERENCES documents(id), ord INTEGER NOT NULL,
  article INTEGER, article_label TEXT, part INTEGER NOT NULL, parts INTEGER NOT NULL, label TEXT NOT NULL,
  path TEXT NOT NULL, text TEXT NOT NULL, hash TEXT NOT NULL, vector BLOB);
CREATE INDEX IF NOT EXISTS chunks_doc ON chunks(doc_id);
CREATE VIRTUAL TABLE IF NOT EXISTS fts_words USING fts5(title, path, body, ${FTS_OPTS});
CREATE VIRTUAL TABLE IF NOT EXISTS fts_grams USING fts5(title, path, body, ${FTS_OPTS});
CREATE VIRTUAL TABLE IF NOT EXISTS fts_words_vocab USING fts5vocab(fts_words, 'row');
CREATE VIRTUAL TABLE IF NOT EXISTS fts_sections USING fts5(title, path, body, ${FTS_OPTS});
${CORPUS_MODEL_SCHEMA}
`;

export function storePaths(home: string, name: string): { dir: string; sqlite: string; hnsw: string } {
  if (!/^[A-Za-z0-9._-]+$/.test(name) || name.startsWith('.')) {
    throw new UserInputError(`invalid store name "${name}": use letters, digits, '.', '_' or '-'`);
  }
  const dir = join(home, 'stores');
  return { dir, sqlite: join(dir, `${name}.sqlite`), hnsw: join(dir, `${name}.hnsw`) };
}

/** Names of the knowledge stores under `home` (those with a database file). */
export function existingStores(home: string): string[] {
  const dir = join(home, 'stores');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.sqlite'))
    .map((f) => f.slice(0, -'.sqlite'.length))
    .sort();
}

export class KnowledgeStore implements KnowledgeBase {
  readonly engine = 'sqlite' as const;
  readonly db: Database.Database;
  private index: Hnsw | null = null;
  private chunkDocCache: Map<number, number> | null = null;
  /** Set when chunks changed since the index was last saved. */
  private dirty = false;
  /** undefined = not loaded yet; null = no trained model in this store. */
  private lsaCache: LsaModel | null | undefined = undefined;
  private sectionCache: Map<number, number> | null = null;

  constructor(
    readonly name: string,
    readonly paths: { sqlite: string; hnsw: string },
    private readonly onWarning: (m: string) => void,
  ) {
    try {
      this.db = new Database(paths.sqlite);
      this.db.pragma('journal_mode = WAL');
      this.db.pragma('synchronous = NORMAL');
      this.db.exec(SCHEMA);
    } catch (e) {
      throw new OperationError(`cannot open knowledge store ${paths.sqlite}: ${(e as Error).message}`);
    }
    const v = this.getMeta('schema_version');
    if (v === null) this.setMeta('schema_version', SCHEMA_VERSION);
    else if (v !== SCHEMA_VERSION) throw new OperationError(`store ${paths.sqlite} has schema ${v}, expected ${SCHEMA_VERSION}: re-ingest into a new store`);
  }

  getMeta(key: string): string | null {
    const row = this.db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
    return row?.value ?? null;
  }

  setMeta(key: string, value: string): void {
    this.db.prepare('INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
  }

  embedderInfo(): EmbedderInfo | null {
    const raw = this.getMeta('embedder');
    return raw ? (JSON.parse(raw) as EmbedderInfo) : null;
  }

  /** Record the embedder on first use; refuse a different one afterwards. */
  bindEmbedder(e: EmbedderInfo): void {
    const have = this.embedderInfo();
    if (!have) {
      this.setMeta('embedder', JSON.stringify({ name: e.name, dim: e.dim }));
      return;
    }
    if (have.name !== e.name || have.dim !== e.dim) {
      throw new UserInputError(
        `store "${this.name}" was built with embedder ${have.name} (dim ${have.dim}); refusing to mix with ${e.name} (dim ${e.dim}). ` +
          `Use the same embedder, or ingest into a new store (--store NAME).`,
      );
    }
  }

  documents(): DocumentRow[] {
    return this.db.prepare('SELECT id, source, title, effective, hash FROM documents ORDER BY id').all() as DocumentRow[];
  }

  findDocument(source: string): DocumentRow | null {
    return (this.db.prepare('SELECT id, source, title, effective, hash FROM documents WHERE source = ?').get(source) as DocumentRow | undefined) ?? null;
  }

  counts(): { documents: number; chunks: number } {
    const d = this.db.prepare('SELECT count(*) AS n FROM documents').get() as { n: number };
    const c = this.db.prepare('SELECT count(*) AS n FROM chunks').get() as { n: number };
    return { documents: d.n, chunks: c.n };
  }

  /** Remove a document and everything derived from it; returns the removed chunk ids. */
  deleteDocument(docId: number): number[] {
    const ids = (this.db.prepare('SELECT id FROM chunks WHERE doc_id = ?').all(docId) as { id: number }[]).map((r) => r.id);
    const delW = this.db.prepare('DELETE FROM fts_words WHERE rowid = ?');
    const delG = this.db.prepare('DELETE FROM fts_grams WHERE rowid = ?');
    this.db.transaction(() => {
      for (const id of ids) {
        delW.run(id);
        delG.run(id);
      }
      this.db.prepare('DELETE FROM chunks WHERE doc_id = ?').run(docId);
      this.db.prepare('DELETE FROM documents WHERE id = ?').run(docId);
    })();
    if (ids.length) this.markChanged(ids, []);
    return ids;
  }

  /** Insert a parsed document with one vector per chunk (same order). */
  insertDocument(source: string, hash: string, doc: ParsedDocument, vectors: number[][], now = new Date()): number[] {
    if (vectors.length !== doc.chunks.length) throw new OperationError(`${vectors.length} vectors for ${doc.chunks.length} chunks of ${source}`);
    const insDoc = this.db.prepare('INSERT INTO documents(source, title, effective, language, hash, ingested_at) VALUES (?, ?, ?, ?, ?, ?)');
    const insChunk = this.db.prepare(
      'INSERT INTO chunks(doc_id, ord, article, article_label, part, parts, label, path, text, hash, vector) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const insW = this.db.prepare('INSERT INTO fts_words(rowid, title, path, body) VALUES (?, ?, ?, ?)');
    const insG = this.db.prepare('INSERT INTO fts_grams(rowid, title, path, body) VALUES (?, ?, ?, ?)');
    const ids: number[] = [];
    this.db.transaction(() => {
      const docId = Number(insDoc.run(source, doc.title, doc.effective, doc.language, hash, now.toISOString()).lastInsertRowid);
      doc.chunks.forEach((c: Chunk, i) => {
        const vec = Buffer.from(new Float32Array(vectors[i] ?? []).buffer);
        const path = c.path.join(' › ');
        const id = Number(
          insChunk.run(docId, i, c.article, c.articleLabel, c.part, c.parts, c.label, path, c.text, c.hash, vec).lastInsertRowid,
        );
        insW.run(id, wordTokens(c.docTitle).join(' '), wordTokens(path).join(' '), wordTokens(c.text).join(' '));
        insG.run(id, gramTokens(c.docTitle).join(' '), gramTokens(path).join(' '), gramTokens(c.text).join(' '));
        ids.push(id);
      });
    })();
    this.markChanged([], ids);
    return ids;
  }

  private pendingAdds: number[] = [];
  private pendingDeletes: number[] = [];

  private markChanged(deleted: number[], added: number[]): void {
    this.pendingDeletes.push(...deleted);
    this.pendingAdds.push(...added);
    this.chunkDocCache = null;
    this.dirty = true;
    this.lsaCache = undefined;
    this.setMeta('corpus_model_stale', '1');
  }

  /** True when chunks changed since the corpus model (LSA, sections) was last trained. */
  corpusModelStale(): boolean {
    return this.getMeta('corpus_model_stale') === '1' || this.getMeta('corpus_model') === null;
  }

  /** Retrain the corpus-derived models from the chunks (once per ingest, after all documents are in). */
  trainCorpusModel(): CorpusModelInfo {
    const info = trainCorpusModel(this.db, 'fts_sections');
    this.setMeta('corpus_model', JSON.stringify(info));
    this.setMeta('corpus_model_stale', '0');
    this.lsaCache = undefined;
    this.sectionCache = null;
    return info;
  }

  /** The trained LSA model when present and current (a stale one is not used: it would mis-rank). */
  semanticModel(): LsaModel | null {
    if (this.lsaCache === undefined) {
      const raw = this.getMeta('corpus_model');
      const current = raw !== null && (JSON.parse(raw) as CorpusModelInfo).version === CORPUS_MODEL_VERSION && !this.corpusModelStale();
      this.lsaCache = current ? loadLsa(this.db) : null;
    }
    return this.lsaCache;
  }

  chunkDocMap(): Map<number, number> {
    if (!this.chunkDocCache) {
      const rows = this.db.prepare('SELECT id, doc_id FROM chunks').all() as { id: number; doc_id: number }[];
      this.chunkDocCache = new Map(rows.map((r) => [r.id, r.doc_id]));
    }
    return this.chunkDocCache;
  }

  /** chunk id → section id (document + chapter path) from the last corpus-model training. */
  chunkSectionMap(): Map<number, number> {
    if (!this.sectionCache) {
      const rows = this.db.prepare('SELECT chunk_id, section FROM chunk_sections').all() as { chunk_id: number; section: number }[];
      this.sectionCache = new Map(rows.map((r) => [r.chunk_id, r.section]));
    }
    return this.sectionCache;
  }

  chunksByIds(ids: number[]): Map<number, ChunkRow> {
    const out = new Map<number, ChunkRow>();
    const stmt = this.db.prepare('SELECT id, doc_id, article, article_label, label, path, text FROM chunks WHERE id = ?');
    for (const id of ids) {
      const row = stmt.get(id) as ChunkRow | undefined;
      if (row) out.set(id, row);
    }
    return out;
  }

  lexicalSearch(view: LexicalView, tokens: string[], limit: number | null): Ranked[] {
    const q = ftsOrQuery(tokens);
    if (!q) return [];
    const table = FTS_TABLES[view];
    const w = BM25_WEIGHTS;
    const sql = `SELECT rowid AS id, bm25(${table}, ${w.title}, ${w.path}, ${w.body}) AS s FROM ${table} WHERE ${table} MATCH ? ORDER BY s${limit === null ? '' : ' LIMIT ?'}`;
    const rows = this.db.prepare(sql).all(...(limit === null ? [q] : [q, limit])) as { id: number; s: number }[];
    // bm25() is "lower is better"; flip the sign so every channel reports higher = better.
    return rows.map((r) => ({ id: r.id, score: -r.s }));
  }

  wordDocFreq(term: string): number {
    return (this.db.prepare('SELECT doc FROM fts_words_vocab WHERE term = ?').get(term) as { doc: number } | undefined)?.doc ?? 0;
  }

  labels(): string[] {
    return (this.db.prepare('SELECT DISTINCT label FROM chunks').all() as { label: string }[]).map((r) => r.label);
  }

  articleRows(): ArticleRow[] {
    return this.db
      .prepare(
        `SELECT c.doc_id, d.source, d.title, d.effective, c.article, c.article_label, c.label, c.part, c.path, c.text
           FROM chunks c JOIN documents d ON d.id = c.doc_id
          WHERE c.article IS NOT NULL
          ORDER BY d.id, c.ord, c.part`,
      )
      .all() as ArticleRow[];
  }

  private vectorOf(buf: Buffer): number[] {
    return Array.from(new Float32Array(buf.buffer, buf.byteOffset, buf.byteLength / 4));
  }

  private indexRecord(): IndexRecord | null {
    const raw = this.getMeta('hnsw');
    return raw ? (JSON.parse(raw) as IndexRecord) : null;
  }

  /** Rebuild the vector index from the vectors kept in SQLite. */
  private rebuildIndex(dim: number): Hnsw {
    const { n } = this.db.prepare('SELECT count(*) AS n FROM chunks').get() as { n: number };
    const index = newIndex(dim, n);
    for (const row of this.db.prepare('SELECT id, vector FROM chunks WHERE vector IS NOT NULL').iterate() as IterableIterator<{ id: number; vector: Buffer }>) {
      index.addPoint(this.vectorOf(row.vector), row.id);
    }
    return index;
  }

  /** The verified vector index (rebuilt from SQLite when the file is missing or does not match). */
  vectorIndex(): Hnsw | null {
    const info = this.embedderInfo();
    if (!info) return null;
    if (this.dirty) this.flush();
    if (this.index) return this.index;
    const { index, problem } = loadVerified(this.paths.hnsw, info.dim, this.indexRecord());
    if (index) {
      this.index = index;
      return index;
    }
    if (this.counts().chunks > 0) this.onWarning(`${problem}; rebuilding the vector index of store "${this.name}" from SQLite`);
    this.index = this.rebuildIndex(info.dim);
    this.setMeta('hnsw', JSON.stringify(saveIndex(this.index, this.paths.hnsw)));
    return this.index;
  }

  /** Apply pending vector changes and save the index file (called at the end of an ingest). */
  flush(): void {
    if (!this.dirty) return;
    this.dirty = false;
    const info = this.embedderInfo();
    if (!info) return;
    const adds = this.pendingAdds;
    const dels = this.pendingDeletes;
    this.pendingAdds = [];
    this.pendingDeletes = [];
    let index = this.index ?? loadVerified(this.paths.hnsw, info.dim, this.indexRecord()).index;
    const live = this.counts().chunks;
    // Incremental when the file is sound and churn is small; otherwise a clean rebuild.
    if (!index || dels.length > live * 0.3) {
      index = this.rebuildIndex(info.dim);
    } else {
      for (const id of dels) {
        try {
          index.markDelete(id);
        } catch {
          /* already absent */
        }
      }
      if (adds.length) {
        index.resizeIndex(index.getCurrentCount() + adds.length);
        const stmt = this.db.prepare('SELECT vector FROM chunks WHERE id = ?');
        for (const id of adds) {
          const row = stmt.get(id) as { vector: Buffer | null } | undefined;
          if (row?.vector) index.addPoint(this.vectorOf(row.vector), id);
        }
      }
    }
    this.index = index;
    this.setMeta('hnsw', JSON.stringify(saveIndex(index, this.paths.hnsw)));
  }

  close(): void {
    if (this.dirty) this.flush();
    this.db.close();
  }
}

/** Open `<home>/stores/<name>.sqlite`; a missing store is a clear error unless `create`. */
export function openStore(opts: OpenStoreOptions): KnowledgeStore {
  const name = opts.name ?? 'default';
  const p = storePaths(opts.home, name);
  if (!existsSync(p.sqlite)) {
    if (!opts.create) {
      throw new UserInputError(
        `knowledge store "${name}" not found (${p.sqlite}). Ingest documents first: finagent ingest <files or folders> --store ${name}`,
      );
    }
    mkdirSync(p.dir, { recursive: true });
    rmSync(p.hnsw, { force: true }); // a stale index without its database is meaningless
  }
  return new KnowledgeStore(name, p, opts.onWarning ?? ((m) => process.emitWarning(m)));
}

/** Helper for embedders' identity in a store. */
export function embedderInfoOf(e: Embedder, dim: number): EmbedderInfo {
  return { name: e.name, dim };
}
