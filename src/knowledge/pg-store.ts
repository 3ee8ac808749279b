/**
 * A knowledge store in PostgreSQL (the app's database, tables `kn_*` of migration 2, keyed by store
 * name): documents, chunks with their vectors, the corpus model, and three lexical views.
 *
 * Lexical search. Each row of a view keeps the app-side tokens (jieba words or CJK bigrams of title,
 * path and body, from tokens.ts) twice: as a tsvector built from the token list itself (no text
 * search configuration touches them, so they round-trip exactly; GIN-indexed, it finds the rows
 * holding any query token) and as term → weighted frequency (jsonb) with the row's length. BM25 is
 * then computed in SQL exactly as SQLite FTS5's `bm25()` computes it — per query term idf =
 * ln((N − n + 0.5)/(n + 0.5)) floored at 1e-6, column-weighted frequency, row length over the mean
 * row length, k1 1.2, b 0.75, the same floating-point operations in the same order — so both engines
 * rank alike and the fused retrieval is the same. N and the token total are running totals that
 * deletes do not decrease, as in FTS5's contentless-delete tables (after a re-ingest SQLite's N still
 * counts the replaced rows; the same numbers here keep the rankings identical). The tokens are split and lower-cased as FTS5's
 * unicode61 tokenizer splits the space-joined text the SQLite store indexes ("2.15" → 2, 15).
 *
 * Vectors: kept in `kn_chunks.vector`; the hnswlib index is built in memory from them when the vector
 * channel is first used (no file; pgvector is not used).
 */
import { createHash } from 'node:crypto';
import { OperationError, UserInputError } from '../runtime/errors.js';
import type { Connection, Driver, Queryable } from '../storage/postgres/driver.js';
import { checkSchemaName } from '../storage/postgres/sql.js';
import type { PgAccess } from '../storage/types.js';
import type { ArticleRow, ChunkRow, DocumentRow, EmbedderInfo, KnowledgeBase, LexicalView, Ranked } from './base.js';
import { computeCorpusModel, CORPUS_MODEL_VERSION, lsaBlobs, lsaFromParts, type ChunkText, type CorpusModelInfo } from './corpus-model.js';
import type { LsaModel } from './lsa.js';
import type { Chunk, ParsedDocument } from './schemas.js';
import { BM25_WEIGHTS } from './store.js';
import { gramTokens, wordTokens } from './tokens.js';
import { newIndex, type Hnsw } from './vector-index.js';

const WORD = /^[\p{L}\p{N}]+$/u;
/** What FTS5's unicode61 tokenizer treats as a separator (its token characters are L*, N*, Co). */
const SEPARATOR = /[^\p{L}\p{N}\p{Co}]+/u;
const K1 = 1.2;
const B = 0.75;
/** Rows per INSERT statement (the payload is one JSON parameter). */
const BATCH = 500;

/** Tokens as FTS5 (unicode61, remove_diacritics 0) reads them from the space-joined token list. */
export function fts5Tokens(tokens: string[]): string[] {
  const out: string[] = [];
  for (const t of tokens) for (const piece of t.toLowerCase().split(SEPARATOR)) if (piece) out.push(piece);
  return out;
}

/** One lexical row: weighted term frequencies (title 2, path 1, body 1) and the row's length in tokens. */
export function lexicalRow(title: string[], path: string[], body: string[]): { tf: Record<string, number>; len: number } {
  const tf: Record<string, number> = {};
  let len = 0;
  const add = (tokens: string[], w: number) => {
    for (const t of fts5Tokens(tokens)) {
      tf[t] = (tf[t] ?? 0) + w;
      len++;
    }
  };
  add(title, BM25_WEIGHTS.title);
  add(path, BM25_WEIGHTS.path);
  add(body, BM25_WEIGHTS.body);
  return { tf, len };
}

/** The query's terms as FTS5 gets them from `ftsOrQuery`: distinct tokens, word characters only, folded. */
export function queryTerms(tokens: string[]): string[] {
  return [...new Set(tokens)].filter((t) => WORD.test(t)).map((t) => t.toLowerCase());
}

function tsqueryLiteral(terms: string[]): string {
  return [...new Set(terms)].map((t) => `'${t.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`).join(' | ');
}

/** A signed 32-bit advisory-lock key. */
function lockKey(text: string): number {
  return createHash('sha256').update(text).digest().readInt32BE(0);
}

export interface OpenPgStoreOptions extends PgAccess {
  name?: string;
  create?: boolean;
}

interface Stats {
  rows: number;
  tokens: number;
}

export class PgKnowledgeStore implements KnowledgeBase {
  readonly engine = 'postgres' as const;
  private readonly driver: Driver;
  private readonly schema: string;
  private meta = new Map<string, string>();
  private docsCache: DocumentRow[] | null = null;
  private chunkDocCache: Map<number, number> | null = null;
  private sectionCache: Map<number, number> | null = null;
  private lsaCache: LsaModel | null | undefined = undefined;
  private stats = new Map<LexicalView, Stats>();
  private index: Hnsw | null = null;
  private indexStale = true;

  private constructor(
    readonly name: string,
    access: PgAccess,
  ) {
    this.driver = access.driver;
    this.schema = checkSchemaName(access.schema);
  }

  /** Opens (or with `create`, creates) the named store; a missing store is a clear error. */
  static async open(opts: OpenPgStoreOptions): Promise<PgKnowledgeStore> {
    const name = opts.name ?? 'default';
    if (!/^[A-Za-z0-9._-]+$/.test(name) || name.startsWith('.')) {
      throw new UserInputError(`invalid store name "${name}": use letters, digits, '.', '_' or '-'`);
    }
    const s = new PgKnowledgeStore(name, opts);
    const found = await s.driver.query(`SELECT 1 FROM ${s.t('kn_stores')} WHERE name = $1`, [name]);
    if (found.rowCount === 0) {
      if (!opts.create) {
        throw new UserInputError(
          `knowledge store "${name}" not found in PostgreSQL (schema ${s.schema}). Ingest documents first: finagent ingest <files or folders> --store ${name}`,
        );
      }
      await s.driver.query(`INSERT INTO ${s.t('kn_stores')} (name, created_at) VALUES ($1, now()) ON CONFLICT (name) DO NOTHING`, [name]);
    }
    await s.loadMeta();
    return s;
  }

  private t(table: string): string {
    return `"${this.schema}"."${table}"`;
  }

  private get lockNs(): number {
    return lockKey(`finagent:${this.schema}:knowledge`);
  }

  private async loadMeta(): Promise<void> {
    const { rows } = await this.driver.query<{ key: string; value: string }>(`SELECT key, value FROM ${this.t('kn_meta')} WHERE store = $1`, [this.name]);
    this.meta = new Map(rows.map((r) => [r.key, r.value]));
  }

  getMeta(key: string): string | null {
    return this.meta.get(key) ?? null;
  }

  async setMeta(key: string, value: string, q: Queryable = this.driver): Promise<void> {
    await q.query(
      `INSERT INTO ${this.t('kn_meta')} (store, key, value) VALUES ($1, $2, $3) ON CONFLICT (store, key) DO UPDATE SET value = excluded.value`,
      [this.name, key, value],
    );
    this.meta.set(key, value);
  }

  /** One transaction on one connection, holding this store's write lock (ids are MAX + 1, as in SQLite). */
  private async tx<T>(fn: (c: Connection) => Promise<T>): Promise<T> {
    const conn = await this.driver.connect();
    let destroy = false;
    try {
      await conn.query('BEGIN');
      try {
        await conn.query('SELECT pg_advisory_xact_lock($1::int, $2::int)', [this.lockNs, lockKey(`write:${this.name}`)]);
        const out = await fn(conn);
        await conn.query('COMMIT');
        return out;
      } catch (e) {
        await conn.query('ROLLBACK').catch(() => {
          destroy = true;
        });
        throw e;
      }
    } finally {
      conn.release(destroy);
    }
  }

  embedderInfo(): EmbedderInfo | null {
    const raw = this.getMeta('embedder');
    return raw ? (JSON.parse(raw) as EmbedderInfo) : null;
  }

  async bindEmbedder(e: EmbedderInfo): Promise<void> {
    const have = this.embedderInfo();
    if (!have) {
      await this.setMeta('embedder', JSON.stringify({ name: e.name, dim: e.dim }));
      return;
    }
    if (have.name !== e.name || have.dim !== e.dim) {
      throw new UserInputError(
        `store "${this.name}" was built with embedder ${have.name} (dim ${have.dim}); refusing to mix with ${e.name} (dim ${e.dim}). ` +
          `Use the same embedder, or ingest into a new store (--store NAME).`,
      );
    }
  }

  async documents(): Promise<DocumentRow[]> {
    if (!this.docsCache) {
      const { rows } = await this.driver.query<DocumentRow>(
        `SELECT id, source, title, effective, hash FROM ${this.t('kn_documents')} WHERE store = $1 ORDER BY id`,
        [this.name],
      );
      this.docsCache = rows;
    }
    return this.docsCache;
  }

  async findDocument(source: string): Promise<DocumentRow | null> {
    const { rows } = await this.driver.query<DocumentRow>(
      `SELECT id, source, title, effective, hash FROM ${this.t('kn_documents')} WHERE store = $1 AND source = $2`,
      [this.name, source],
    );
    return rows[0] ?? null;
  }

  async counts(): Promise<{ documents: number; chunks: number }> {
    const { rows } = await this.driver.query<{ d: number; c: number }>(
      `SELECT (SELECT count(*)::int FROM ${this.t('kn_documents')} WHERE store = $1) AS d, (SELECT count(*)::int FROM ${this.t('kn_chunks')} WHERE store = $1) AS c`,
      [this.name],
    );
    return { documents: rows[0]?.d ?? 0, chunks: rows[0]?.c ?? 0 };
  }

  async deleteDocument(docId: number): Promise<number[]> {
    const ids = await this.tx(async (c) => {
      const { rows } = await c.query<{ id: number }>(`SELECT id FROM ${this.t('kn_chunks')} WHERE store = $1 AND doc_id = $2 ORDER BY id`, [this.name, docId]);
      const list = rows.map((r) => r.id);
      await c.query(`DELETE FROM ${this.t('kn_lexical')} WHERE store = $1 AND view IN ('words', 'grams') AND id = ANY($2::int[])`, [this.name, list]);
      await c.query(`DELETE FROM ${this.t('kn_chunks')} WHERE store = $1 AND doc_id = $2`, [this.name, docId]);
      await c.query(`DELETE FROM ${this.t('kn_documents')} WHERE store = $1 AND id = $2`, [this.name, docId]);
      if (list.length) await this.setMeta('corpus_model_stale', '1', c);
      return list;
    });
    if (ids.length) this.changed();
    this.docsCache = null;
    return ids;
  }

  async insertDocument(source: string, hash: string, doc: ParsedDocument, vectors: number[][], now = new Date()): Promise<number[]> {
    if (vectors.length !== doc.chunks.length) throw new OperationError(`${vectors.length} vectors for ${doc.chunks.length} chunks of ${source}`);
    const ids = await this.tx(async (c) => {
      const d = await c.query<{ n: number }>(`SELECT COALESCE(MAX(id), 0)::int + 1 AS n FROM ${this.t('kn_documents')} WHERE store = $1`, [this.name]);
      const docId = d.rows[0]?.n ?? 1;
      await c.query(
        `INSERT INTO ${this.t('kn_documents')} (store, id, source, title, effective, language, hash, ingested_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [this.name, docId, source, doc.title, doc.effective, doc.language, hash, now.toISOString()],
      );
      const first = await c.query<{ n: number }>(`SELECT COALESCE(MAX(id), 0)::int + 1 AS n FROM ${this.t('kn_chunks')} WHERE store = $1`, [this.name]);
      const base = first.rows[0]?.n ?? 1;
      const chunkIds = doc.chunks.map((_, i) => base + i);
      const paths = doc.chunks.map((ch: Chunk) => ch.path.join(' › '));
      await c.query(
        `INSERT INTO ${this.t('kn_chunks')} (store, id, doc_id, ord, article, article_label, part, parts, label, path, text, hash, vector)
         SELECT $1, u.* FROM unnest($2::int[], $3::int[], $4::int[], $5::int[], $6::text[], $7::int[], $8::int[], $9::text[], $10::text[], $11::text[], $12::text[], $13::bytea[]) AS u`,
        [
          this.name,
          chunkIds,
          chunkIds.map(() => docId),
          chunkIds.map((_, i) => i),
          doc.chunks.map((ch) => ch.article),
          doc.chunks.map((ch) => ch.articleLabel),
          doc.chunks.map((ch) => ch.part),
          doc.chunks.map((ch) => ch.parts),
          doc.chunks.map((ch) => ch.label),
          paths,
          doc.chunks.map((ch) => ch.text),
          doc.chunks.map((ch) => ch.hash),
          doc.chunks.map((_, i) => Buffer.from(new Float32Array(vectors[i] ?? []).buffer)),
        ],
      );
      const lexical: { view: LexicalView; id: number; tf: Record<string, number>; len: number }[] = [];
      doc.chunks.forEach((ch, i) => {
        const id = chunkIds[i] ?? 0;
        const path = paths[i] ?? '';
        lexical.push({ view: 'words', id, ...lexicalRow(wordTokens(ch.docTitle), wordTokens(path), wordTokens(ch.text)) });
        lexical.push({ view: 'grams', id, ...lexicalRow(gramTokens(ch.docTitle), gramTokens(path), gramTokens(ch.text)) });
      });
      await this.insertLexical(c, lexical);
      await this.setMeta('corpus_model_stale', '1', c);
      return chunkIds;
    });
    this.changed();
    this.docsCache = null;
    return ids;
  }

  /**
   * Inserts lexical rows and adds them to the view's running totals (rows, tokens) — which, as in
   * FTS5's contentless-delete tables, deletes never decrease: FTS5 keeps a deleted row in N and in
   * the token total behind avgdl, and BM25 must see the same N and avgdl to rank alike.
   */
  private async insertLexical(c: Queryable, rows: { view: LexicalView; id: number; tf: Record<string, number>; len: number }[]): Promise<void> {
    const added = new Map<LexicalView, Stats>();
    for (const r of rows) {
      const a = added.get(r.view) ?? { rows: 0, tokens: 0 };
      a.rows++;
      a.tokens += r.len;
      added.set(r.view, a);
    }
    for (const [view, a] of added) {
      await c.query(
        `INSERT INTO ${this.t('kn_meta')} (store, key, value) VALUES ($1, $2, $3)
         ON CONFLICT (store, key) DO UPDATE SET value = (${this.t('kn_meta')}.value::jsonb || jsonb_build_object(
           'rows', (${this.t('kn_meta')}.value::jsonb ->> 'rows')::bigint + $4::bigint,
           'tokens', (${this.t('kn_meta')}.value::jsonb ->> 'tokens')::bigint + $5::bigint))::text`,
        [this.name, `fts_totals:${view}`, JSON.stringify(a), a.rows, a.tokens],
      );
    }
    for (let i = 0; i < rows.length; i += BATCH) {
      await c.query(
        `INSERT INTO ${this.t('kn_lexical')} (store, view, id, terms, tf, len)
         SELECT $1, x.view, x.id, array_to_tsvector(ARRAY(SELECT jsonb_object_keys(x.tf))), x.tf, x.len
           FROM jsonb_to_recordset($2::text::jsonb) AS x(view text, id int, tf jsonb, len int)`,
        [this.name, JSON.stringify(rows.slice(i, i + BATCH))],
      );
    }
  }

  private changed(): void {
    this.chunkDocCache = null;
    this.lsaCache = undefined;
    this.stats.clear();
    this.indexStale = true;
  }

  flush(): void {
    // Vectors are rows of kn_chunks already: nothing to write. The in-memory index is rebuilt on next use.
  }

  corpusModelStale(): boolean {
    return this.getMeta('corpus_model_stale') === '1' || this.getMeta('corpus_model') === null;
  }

  async trainCorpusModel(): Promise<CorpusModelInfo> {
    const { rows } = await this.driver.query<ChunkText>(
      `SELECT c.id, c.doc_id, d.title, c.path, c.text FROM ${this.t('kn_chunks')} c JOIN ${this.t('kn_documents')} d ON d.store = c.store AND d.id = c.doc_id
        WHERE c.store = $1 ORDER BY c.id`,
      [this.name],
    );
    const { lsa, sections, info } = computeCorpusModel(rows);
    await this.tx(async (c) => {
      await c.query(`DELETE FROM ${this.t('kn_blobs')} WHERE store = $1`, [this.name]);
      await c.query(`DELETE FROM ${this.t('kn_chunk_sections')} WHERE store = $1`, [this.name]);
      await c.query(`DELETE FROM ${this.t('kn_lexical')} WHERE store = $1 AND view = 'sections'`, [this.name]);
      if (lsa) {
        const terms = JSON.stringify([...lsa.terms].map(([t, e]) => [t, e.row, e.idf]));
        const blobs = [...lsaBlobs(lsa), { key: 'lsa_terms', value: Buffer.from(terms) }];
        await c.query(`INSERT INTO ${this.t('kn_blobs')} (store, key, value) SELECT $1, k, v FROM unnest($2::text[], $3::bytea[]) AS u(k, v)`, [
          this.name,
          blobs.map((b) => b.key),
          blobs.map((b) => b.value),
        ]);
      }
      const chunkIds = sections.flatMap((s) => s.chunkIds);
      const sectionIds = sections.flatMap((s) => s.chunkIds.map(() => s.id));
      await c.query(`INSERT INTO ${this.t('kn_chunk_sections')} (store, chunk_id, section) SELECT $1, a, b FROM unnest($2::int[], $3::int[]) AS u(a, b)`, [
        this.name,
        chunkIds,
        sectionIds,
      ]);
      await this.insertLexical(
        c,
        sections.map((s) => ({ view: 'sections' as const, id: s.id, ...lexicalRow(s.title, s.path, s.body) })),
      );
      await this.setMeta('corpus_model', JSON.stringify(info), c);
      await this.setMeta('corpus_model_stale', '0', c);
    });
    this.lsaCache = undefined;
    this.sectionCache = null;
    this.stats.delete('sections');
    // Fresh planner statistics once an ingest has finished (before autovacuum gets to it).
    await this.driver.query(`ANALYZE ${this.t('kn_lexical')}`);
    return info;
  }

  async semanticModel(): Promise<LsaModel | null> {
    if (this.lsaCache === undefined) {
      const raw = this.getMeta('corpus_model');
      const current = raw !== null && (JSON.parse(raw) as CorpusModelInfo).version === CORPUS_MODEL_VERSION && !this.corpusModelStale();
      this.lsaCache = current ? await this.loadLsa() : null;
    }
    return this.lsaCache;
  }

  private async loadLsa(): Promise<LsaModel | null> {
    const { rows } = await this.driver.query<{ key: string; value: Buffer }>(`SELECT key, value FROM ${this.t('kn_blobs')} WHERE store = $1`, [this.name]);
    const parts = new Map(rows.map((r) => [r.key, r.value]));
    const rawTerms = parts.get('lsa_terms');
    if (!rawTerms) return null;
    const terms = new Map<string, { row: number; idf: number }>();
    for (const [t, row, idf] of JSON.parse(rawTerms.toString()) as [string, number, number][]) terms.set(t, { row, idf });
    return lsaFromParts((k) => parts.get(k), terms);
  }

  async chunkDocMap(): Promise<Map<number, number>> {
    if (!this.chunkDocCache) {
      const { rows } = await this.driver.query<{ id: number; doc_id: number }>(`SELECT id, doc_id FROM ${this.t('kn_chunks')} WHERE store = $1 ORDER BY id`, [this.name]);
      this.chunkDocCache = new Map(rows.map((r) => [r.id, r.doc_id]));
    }
    return this.chunkDocCache;
  }

  async chunkSectionMap(): Promise<Map<number, number>> {
    if (!this.sectionCache) {
      const { rows } = await this.driver.query<{ chunk_id: number; section: number }>(
        `SELECT chunk_id, section FROM ${this.t('kn_chunk_sections')} WHERE store = $1 ORDER BY chunk_id`,
        [this.name],
      );
      this.sectionCache = new Map(rows.map((r) => [r.chunk_id, r.section]));
    }
    return this.sectionCache;
  }

  async chunksByIds(ids: number[]): Promise<Map<number, ChunkRow>> {
    const out = new Map<number, ChunkRow>();
    if (ids.length === 0) return out;
    const { rows } = await this.driver.query<ChunkRow>(
      `SELECT id, doc_id, article, article_label, label, path, text FROM ${this.t('kn_chunks')} WHERE store = $1 AND id = ANY($2::int[])`,
      [this.name, ids],
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const id of ids) {
      const row = byId.get(id);
      if (row) out.set(id, row);
    }
    return out;
  }

  /** N and the token total of a view, as FTS5 counts them (see insertLexical). */
  private async viewStats(view: LexicalView): Promise<Stats> {
    let s = this.stats.get(view);
    if (!s) {
      const { rows } = await this.driver.query<{ value: string }>(`SELECT value FROM ${this.t('kn_meta')} WHERE store = $1 AND key = $2`, [
        this.name,
        `fts_totals:${view}`,
      ]);
      const raw = rows[0] ? (JSON.parse(rows[0].value) as { rows: number | string; tokens: number | string }) : { rows: 0, tokens: 0 };
      s = { rows: Number(raw.rows), tokens: Number(raw.tokens) };
      this.stats.set(view, s);
    }
    return s;
  }

  async lexicalSearch(view: LexicalView, tokens: string[], limit: number | null): Promise<Ranked[]> {
    const terms = queryTerms(tokens);
    if (terms.length === 0) return [];
    const stats = await this.viewStats(view);
    if (stats.rows === 0) return [];
    // FTS5: avgdl = (double)nToken / (double)nRow; per phrase, nHit = rows holding it.
    const avgdl = stats.tokens / stats.rows;
    const params: unknown[] = [this.name, view, tsqueryLiteral(terms), stats.rows, avgdl, K1, B];
    const f: string[] = [];
    const n: string[] = [];
    const idf: string[] = [];
    const score: string[] = [];
    terms.forEach((t, i) => {
      params.push(t);
      const p = `$${params.length}`;
      f.push(`COALESCE((x.tf ->> ${p}::text)::float8, 0) AS f${i}`);
      n.push(`count(*) FILTER (WHERE f${i} > 0)::float8 AS n${i}`);
      idf.push(`ln(($4::int - n${i} + 0.5::float8) / (n${i} + 0.5::float8)) AS r${i}`);
      // idf · ((f · (k1 + 1)) / (f + k1 · (1 − b + b · D / avgdl))), as fts5_aux.c evaluates it.
      score.push(
        `(CASE WHEN r${i} <= 0 THEN 1e-6::float8 ELSE r${i} END) * ((f${i} * ($6::float8 + 1.0::float8)) / (f${i} + $6::float8 * (1::float8 - $7::float8 + $7::float8 * d / $5::float8)))`,
      );
    });
    if (limit !== null) params.push(limit);
    const sql = `
      WITH m AS MATERIALIZED (
        SELECT l.id, l.len::float8 AS d, ${f.join(', ')}
          FROM ${this.t('kn_lexical')} l
          -- decompressed once per row (tf || '{}' is a plain value), not once per query term
          CROSS JOIN LATERAL (SELECT l.tf || '{}'::jsonb AS tf OFFSET 0) x
         WHERE l.store = $1 AND l.view = $2 AND l.terms @@ $3::tsquery
      ), n AS MATERIALIZED (SELECT ${n.join(', ')} FROM m),
      r AS MATERIALIZED (SELECT ${idf.join(', ')} FROM n)
      SELECT id, (0::float8 + ${score.join(' + ')}) AS score FROM m, r
       ORDER BY score DESC, id${limit !== null ? ` LIMIT $${params.length}` : ''}`;
    const { rows } = await this.driver.query<{ id: number; score: number }>(sql, params);
    return rows.map((r) => ({ id: r.id, score: r.score }));
  }

  async wordDocFreq(term: string): Promise<number> {
    const terms = queryTerms([term]);
    if (terms.length === 0) return 0;
    const { rows } = await this.driver.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM ${this.t('kn_lexical')} WHERE store = $1 AND view = 'words' AND terms @@ $2::tsquery`,
      [this.name, tsqueryLiteral(terms)],
    );
    return rows[0]?.n ?? 0;
  }

  async vectorIndex(): Promise<Hnsw | null> {
    const info = this.embedderInfo();
    if (!info) return null;
    if (this.index && !this.indexStale) return this.index;
    const { rows } = await this.driver.query<{ id: number; vector: Buffer }>(
      `SELECT id, vector FROM ${this.t('kn_chunks')} WHERE store = $1 AND vector IS NOT NULL ORDER BY id`,
      [this.name],
    );
    const index = newIndex(info.dim, rows.length);
    for (const r of rows) {
      const v = r.vector;
      index.addPoint(Array.from(new Float32Array(v.buffer.slice(v.byteOffset, v.byteOffset + v.byteLength))), r.id);
    }
    this.index = index;
    this.indexStale = false;
    return index;
  }

  async labels(): Promise<string[]> {
    const { rows } = await this.driver.query<{ label: string }>(`SELECT DISTINCT label FROM ${this.t('kn_chunks')} WHERE store = $1`, [this.name]);
    return rows.map((r) => r.label);
  }

  async articleRows(): Promise<ArticleRow[]> {
    const { rows } = await this.driver.query<ArticleRow>(
      `SELECT c.doc_id, d.source, d.title, d.effective, c.article, c.article_label, c.label, c.part, c.path, c.text
         FROM ${this.t('kn_chunks')} c JOIN ${this.t('kn_documents')} d ON d.store = c.store AND d.id = c.doc_id
        WHERE c.store = $1 AND c.article IS NOT NULL
        ORDER BY d.id, c.ord, c.part`,
      [this.name],
    );
    return rows;
  }

  /**
   * Runs `fn` holding this store's session advisory lock on a connection of its own: two processes
   * ingesting the same store on first use take turns, and the second finds the first one's work.
   */
  async withIngestLock<T>(fn: () => Promise<T>): Promise<T> {
    const conn = await this.driver.connect();
    const key = lockKey(`ingest:${this.name}`);
    let destroy = false;
    try {
      await conn.query('SELECT pg_advisory_lock($1::int, $2::int)', [this.lockNs, key]);
      try {
        // Another process may have written while we waited: re-read what this object cached.
        await this.loadMeta();
        this.docsCache = null;
        this.changed();
        this.sectionCache = null;
        return await fn();
      } finally {
        await conn.query('SELECT pg_advisory_unlock($1::int, $2::int)', [this.lockNs, key]).catch(() => {
          destroy = true;
        });
      }
    } finally {
      conn.release(destroy);
    }
  }

  close(): void {
    this.index = null;
  }
}

/** Names of the knowledge stores in the database. */
export async function existingPgStores(access: PgAccess): Promise<string[]> {
  const { rows } = await access.driver.query<{ name: string }>(`SELECT name FROM "${checkSchemaName(access.schema)}".kn_stores ORDER BY name`);
  return rows.map((r) => r.name);
}
