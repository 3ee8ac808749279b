/**
 * Models trained from a store's own corpus once an ingest has finished (no model files):
 * - the LSA semantic space (lsa.ts) — term coordinates in `lsa_terms` + a blob, article vectors in a blob;
 * - a section index: one FTS5 row per (document, chapter path), so an article whose chapter is about
 *   the question's topic gets credit even when the article itself words it differently.
 * Both are rebuilt from the chunks table, so they can never disagree with it for long.
 */
import type Database from 'better-sqlite3';
import { trainLsa, type LsaModel, type LsaOptions } from './lsa.js';
import { gramTokens, wordTokens } from './tokens.js';

export const CORPUS_MODEL_VERSION = 'lsa-v1';

export const CORPUS_MODEL_SCHEMA = `
CREATE TABLE IF NOT EXISTS lsa_terms(term TEXT PRIMARY KEY, row INTEGER NOT NULL, idf REAL NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS model_blobs(key TEXT PRIMARY KEY, value BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS chunk_sections(chunk_id INTEGER PRIMARY KEY, section INTEGER NOT NULL);
`;

export interface CorpusModelInfo {
  version: string;
  chunks: number;
  dim: number;
  terms: number;
  sections: number;
}

function blob(a: Float32Array | Int32Array): Buffer {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength);
}

/** Copy into a fresh, aligned buffer (SQLite blobs need not be 4-byte aligned). */
function f32(b: Buffer): Float32Array {
  return new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
}

function i32(b: Buffer): Int32Array {
  return new Int32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
}

export interface ChunkText {
  id: number;
  doc_id: number;
  title: string;
  path: string;
  text: string;
}

/** A chapter of a document: one lexical row (bigrams of title, path and every article's text). */
export interface SectionRow {
  id: number;
  title: string[];
  path: string[];
  body: string[];
  chunkIds: number[];
}

export interface CorpusModel {
  lsa: LsaModel | null;
  sections: SectionRow[];
  info: CorpusModelInfo;
}

/** Both models from the chunks (ordered by id), independent of where they are stored. */
export function computeCorpusModel(rows: ChunkText[], options: Partial<LsaOptions> = {}): CorpusModel {
  // The title and chapter are part of what an article is about, as in the lexical index.
  const lsa = trainLsa(
    rows.map((r) => ({ id: r.id, terms: wordTokens(`${r.title}\n${r.path}\n${r.text}`) })),
    options,
  );

  const grouped = new Map<string, { id: number; rows: ChunkText[] }>();
  for (const r of rows) {
    const key = `${r.doc_id}\u0000${r.path}`;
    let s = grouped.get(key);
    if (!s) grouped.set(key, (s = { id: grouped.size + 1, rows: [] }));
    s.rows.push(r);
  }
  const sections: SectionRow[] = [];
  for (const s of grouped.values()) {
    const first = s.rows[0];
    if (!first) continue;
    sections.push({
      id: s.id,
      title: gramTokens(first.title),
      path: gramTokens(first.path),
      body: gramTokens(s.rows.map((r) => r.text).join('\n')),
      chunkIds: s.rows.map((r) => r.id),
    });
  }
  return {
    lsa,
    sections,
    info: { version: CORPUS_MODEL_VERSION, chunks: rows.length, dim: lsa?.dim ?? 0, terms: lsa?.terms.size ?? 0, sections: grouped.size },
  };
}

/** The LSA arrays as stored (blobs), shared by both engines. */
export function lsaBlobs(lsa: LsaModel): { key: string; value: Buffer }[] {
  return [
    { key: 'lsa_term_vecs', value: blob(lsa.termVecs) },
    { key: 'lsa_doc_ids', value: blob(lsa.docIds) },
    { key: 'lsa_doc_vecs', value: blob(lsa.docVecs) },
    { key: 'lsa_dim', value: Buffer.from(String(lsa.dim)) },
  ];
}

/** An LSA model from its stored parts; null when missing or inconsistent. */
export function lsaFromParts(get: (key: string) => Buffer | undefined, terms: Map<string, { row: number; idf: number }>): LsaModel | null {
  const dimRow = get('lsa_dim');
  const tv = get('lsa_term_vecs');
  const ids = get('lsa_doc_ids');
  const dv = get('lsa_doc_vecs');
  if (!dimRow || !tv || !ids || !dv) return null;
  const dim = Number(dimRow.toString());
  const model: LsaModel = { dim, terms, termVecs: f32(tv), docIds: i32(ids), docVecs: f32(dv) };
  // A model whose arrays disagree with each other is unusable: skip the channel rather than mis-rank.
  if (!(dim > 0) || model.termVecs.length !== terms.size * dim || model.docVecs.length !== model.docIds.length * dim) return null;
  return model;
}

/** Retrain both models from the chunks table (called after an ingest that changed something). */
export function trainCorpusModel(db: Database.Database, ftsSectionsTable: string, options: Partial<LsaOptions> = {}): CorpusModelInfo {
  const rows = db
    .prepare('SELECT c.id, c.doc_id, d.title, c.path, c.text FROM chunks c JOIN documents d ON d.id = c.doc_id ORDER BY c.id')
    .all() as ChunkText[];
  const { lsa, sections, info } = computeCorpusModel(rows, options);
  db.transaction(() => {
    db.exec(`DELETE FROM lsa_terms; DELETE FROM model_blobs; DELETE FROM chunk_sections; DELETE FROM ${ftsSectionsTable};`);
    if (lsa) {
      const ins = db.prepare('INSERT INTO lsa_terms(term, row, idf) VALUES (?, ?, ?)');
      for (const [t, e] of lsa.terms) ins.run(t, e.row, e.idf);
      const put = db.prepare('INSERT INTO model_blobs(key, value) VALUES (?, ?)');
      for (const b of lsaBlobs(lsa)) put.run(b.key, b.value);
    }
    const insSec = db.prepare(`INSERT INTO ${ftsSectionsTable}(rowid, title, path, body) VALUES (?, ?, ?, ?)`);
    const insMap = db.prepare('INSERT INTO chunk_sections(chunk_id, section) VALUES (?, ?)');
    for (const s of sections) {
      insSec.run(s.id, s.title.join(' '), s.path.join(' '), s.body.join(' '));
      for (const id of s.chunkIds) insMap.run(id, s.id);
    }
  })();
  return info;
}

/** The stored LSA model, or null when none was trained (e.g. a store from before this version). */
export function loadLsa(db: Database.Database): LsaModel | null {
  const get = db.prepare('SELECT value FROM model_blobs WHERE key = ?');
  const terms = new Map<string, { row: number; idf: number }>();
  const parts = new Map<string, Buffer>();
  for (const key of ['lsa_dim', 'lsa_term_vecs', 'lsa_doc_ids', 'lsa_doc_vecs']) {
    const row = get.get(key) as { value: Buffer } | undefined;
    if (!row) return null;
    parts.set(key, row.value);
  }
  for (const r of db.prepare('SELECT term, row, idf FROM lsa_terms').iterate() as IterableIterator<{ term: string; row: number; idf: number }>) {
    terms.set(r.term, { row: r.row, idf: r.idf });
  }
  return lsaFromParts((k) => parts.get(k), terms);
}
