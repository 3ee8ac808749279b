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

interface ChunkText {
  id: number;
  doc_id: number;
  title: string;
  path: string;
  text: string;
}

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

/** Retrain both models from the chunks table (called after an ingest that changed something). */
export function trainCorpusModel(db: Database.Database, ftsSectionsTable: string, options: Partial<LsaOptions> = {}): CorpusModelInfo {
  const rows = db
    .prepare('SELECT c.id, c.doc_id, d.title, c.path, c.text FROM chunks c JOIN documents d ON d.id = c.doc_id ORDER BY c.id')
    .all() as ChunkText[];
  // The title and chapter are part of what an article is about, as in the lexical index.
  const lsa = trainLsa(
    rows.map((r) => ({ id: r.id, terms: wordTokens(`${r.title}\n${r.path}\n${r.text}`) })),
    options,
  );

  const sections = new Map<string, { id: number; rows: ChunkText[] }>();
  for (const r of rows) {
    const key = `${r.doc_id}\u0000${r.path}`;
    let s = sections.get(key);
    if (!s) sections.set(key, (s = { id: sections.size + 1, rows: [] }));
    s.rows.push(r);
  }

  db.transaction(() => {
    db.exec(`DELETE FROM lsa_terms; DELETE FROM model_blobs; DELETE FROM chunk_sections; DELETE FROM ${ftsSectionsTable};`);
    if (lsa) {
      const ins = db.prepare('INSERT INTO lsa_terms(term, row, idf) VALUES (?, ?, ?)');
      for (const [t, e] of lsa.terms) ins.run(t, e.row, e.idf);
      const put = db.prepare('INSERT INTO model_blobs(key, value) VALUES (?, ?)');
      put.run('lsa_term_vecs', blob(lsa.termVecs));
      put.run('lsa_doc_ids', blob(lsa.docIds));
      put.run('lsa_doc_vecs', blob(lsa.docVecs));
      put.run('lsa_dim', Buffer.from(String(lsa.dim)));
    }
    const insSec = db.prepare(`INSERT INTO ${ftsSectionsTable}(rowid, title, path, body) VALUES (?, ?, ?, ?)`);
    const insMap = db.prepare('INSERT INTO chunk_sections(chunk_id, section) VALUES (?, ?)');
    for (const s of sections.values()) {
      const first = s.rows[0];
      if (!first) continue;
      insSec.run(s.id, gramTokens(first.title).join(' '), gramTokens(first.path).join(' '), gramTokens(s.rows.map((r) => r.text).join('\n')).join(' '));
      for (const r of s.rows) insMap.run(r.id, s.id);
    }
  })();
  return { version: CORPUS_MODEL_VERSION, chunks: rows.length, dim: lsa?.dim ?? 0, terms: lsa?.terms.size ?? 0, sections: sections.size };
}

/** The stored LSA model, or null when none was trained (e.g. a store from before this version). */
export function loadLsa(db: Database.Database): LsaModel | null {
  const get = db.prepare('SELECT value FROM model_blobs WHERE key = ?');
  const dimRow = get.get('lsa_dim') as { value: Buffer } | undefined;
  const tv = get.get('lsa_term_vecs') as { value: Buffer } | undefined;
  const ids = get.get('lsa_doc_ids') as { value: Buffer } | undefined;
  const dv = get.get('lsa_doc_vecs') as { value: Buffer } | undefined;
  if (!dimRow || !tv || !ids || !dv) return null;
  const dim = Number(dimRow.value.toString());
  const terms = new Map<string, { row: number; idf: number }>();
  for (const r of db.prepare('SELECT term, row, idf FROM lsa_terms').iterate() as IterableIterator<{ term: string; row: number; idf: number }>) {
    terms.set(r.term, { row: r.row, idf: r.idf });
  }
  const model: LsaModel = { dim, terms, termVecs: f32(tv.value), docIds: i32(ids.value), docVecs: f32(dv.value) };
  // A model whose arrays disagree with each other is unusable: skip the channel rather than mis-rank.
  if (!(dim > 0) || model.termVecs.length !== terms.size * dim || model.docVecs.length !== model.docIds.length * dim) return null;
  return model;
}
