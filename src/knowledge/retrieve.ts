/**
 * Hybrid retrieval: BM25 over two lexical views (jieba words, CJK bigrams; title/path/body columns
 * weighted) plus the vector index, fused by reciprocal rank (k = 60). Every hit keeps each channel's
 * own rank and raw score. Filters: document (title) and effective date (as-of).
 */
import { UserInputError } from '../runtime/errors.js';
import { createEmbedder } from './embedders/create.js';
import type { Embedder, EmbedderConfig } from './embedders/types.js';
import { RetrieveResultSchema, type ChannelHit, type RetrieveHit, type RetrieveResult } from './schemas.js';
import { openStore, type DocumentRow, type KnowledgeStore } from './store.js';
import { ftsOrQuery, gramTokens, wordTokens } from './tokens.js';

export const RRF_K = 60;

export interface RetrieveOptions {
  k?: number;
  /** Restrict to documents whose title contains this text (《》 and 中华人民共和国 ignored). */
  doc?: string;
  /** YYYY-MM-DD: only versions in force on that date (latest version per title, not after the date). */
  asOf?: string;
  /** Candidates taken from each channel before fusion. */
  candidates?: number;
  /** Embedder for the query vector; defaults to the store's own (must match it). */
  embedder?: Embedder;
  /** Channels to use (default all): words, grams, vector, prf. */
  channels?: string[];
  /** RRF weight per channel (default 1; the offline hashed vectors are weaker than BM25). */
  weights?: Record<string, number>;
}

const DEFAULT_WEIGHTS: Record<string, number> = { words: 1, grams: 1, vector: 0.3, prf: 0.5 };
/** Pseudo-relevance feedback: terms from the top first-stage hits, weighted by idf. */
const PRF_DOCS = 10;
const PRF_TERMS = 12;

/** BM25 column weights (title, path, body): a law's title and chapter say what its articles are about. */
const WEIGHTS = { title: 2, path: 1, body: 1 };

export function normaliseTitle(t: string): string {
  return t.replace(/[《》\s]/g, '').replace(/^中华人民共和国/, '');
}

/** Document ids allowed by the filters, or null for "all". */
export function allowedDocs(docs: DocumentRow[], opts: Pick<RetrieveOptions, 'doc' | 'asOf'>): Set<number> | null {
  if (!opts.doc && !opts.asOf) return null;
  let list = docs;
  if (opts.doc) {
    const want = normaliseTitle(opts.doc);
    list = list.filter((d) => normaliseTitle(d.title).includes(want));
  }
  if (opts.asOf) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(opts.asOf)) throw new UserInputError(`asOf must be YYYY-MM-DD, got "${opts.asOf}"`);
    const asOf = opts.asOf;
    const latest = new Map<string, string>();
    for (const d of list) {
      if (d.effective && d.effective <= asOf && (latest.get(d.title) ?? '') < d.effective) latest.set(d.title, d.effective);
    }
    list = list.filter((d) => {
      if (!d.effective) return true; // undated documents are always in force
      return d.effective <= asOf && latest.get(d.title) === d.effective;
    });
  }
  return new Set(list.map((d) => d.id));
}

interface Ranked {
  id: number;
  score: number;
}

function ftsChannel(store: KnowledgeStore, table: 'fts_words' | 'fts_grams', tokens: string[], limit: number, allowed: Set<number> | null): Ranked[] {
  const q = ftsOrQuery(tokens);
  if (!q) return [];
  const filter = allowed ? 'AND rowid IN (SELECT id FROM chunks WHERE doc_id IN (SELECT value FROM json_each(?)))' : '';
  const sql = `SELECT rowid AS id, bm25(${table}, ${WEIGHTS.title}, ${WEIGHTS.path}, ${WEIGHTS.body}) AS s FROM ${table} WHERE ${table} MATCH ? ${filter} ORDER BY s LIMIT ?`;
  const args: (string | number)[] = allowed ? [q, JSON.stringify([...allowed]), limit] : [q, limit];
  // bm25() is "lower is better"; flip the sign so every channel reports higher = better.
  return (store.db.prepare(sql).all(...args) as { id: number; s: number }[]).map((r) => ({ id: r.id, score: -r.s }));
}

async function vectorChannel(store: KnowledgeStore, queryVec: number[], limit: number, allowed: Set<number> | null): Promise<Ranked[]> {
  const index = store.vectorIndex();
  if (!index) return [];
  const n = Math.min(limit, index.getCurrentCount());
  if (n === 0) return [];
  index.setEf(Math.max(n, 64));
  const docOf = store.chunkDocMap();
  const filter = allowed ? (label: number) => allowed.has(docOf.get(label) ?? -1) : undefined;
  const res = index.searchKnn(queryVec, n, filter);
  // cosine space returns distances (1 - cos): report similarity.
  return res.neighbors.map((id, i) => ({ id, score: 1 - (res.distances[i] ?? 1) }));
}

/** Expansion terms: in many of the top hits and rare in the corpus (idf from FTS5's vocabulary). */
function feedbackTerms(store: KnowledgeStore, ids: number[], exclude: Set<string>): string[] {
  if (ids.length === 0) return [];
  const rows = store.chunksByIds(ids);
  const inDocs = new Map<string, number>();
  for (const r of rows.values()) {
    for (const t of new Set(wordTokens(r.text))) if (t.length >= 2 && !exclude.has(t)) inDocs.set(t, (inDocs.get(t) ?? 0) + 1);
  }
  const n = store.chunkDocMap().size || 1;
  const df = store.db.prepare('SELECT doc FROM fts_words_vocab WHERE term = ?');
  const scored: { t: string; s: number }[] = [];
  for (const [t, c] of inDocs) {
    if (c < 2) continue; // a term in a single hit is that hit's topic, not the query's
    const d = (df.get(t) as { doc: number } | undefined)?.doc ?? 1;
    scored.push({ t, s: (c / ids.length) * Math.log(1 + n / d) });
  }
  return scored.sort((a, b) => b.s - a.s || (a.t < b.t ? -1 : 1)).slice(0, PRF_TERMS).map((x) => x.t);
}

/** Reciprocal-rank fusion of named channels; keeps each channel's rank and score per hit. */
export function fuse(
  channels: Record<string, Ranked[]>,
  weights: Record<string, number> = {},
  rrfK = RRF_K,
): { id: number; score: number; channels: ChannelHit[] }[] {
  const acc = new Map<number, { score: number; channels: ChannelHit[] }>();
  for (const [channel, list] of Object.entries(channels)) {
    const w = weights[channel] ?? 1;
    list.forEach((r, i) => {
      const e = acc.get(r.id) ?? { score: 0, channels: [] };
      e.score += w / (rrfK + i + 1);
      e.channels.push({ channel, rank: i + 1, score: r.score });
      acc.set(r.id, e);
    });
  }
  return [...acc.entries()].map(([id, e]) => ({ id, ...e })).sort((a, b) => b.score - a.score || a.id - b.id);
}

/** The embedder a store was built with (offline hashed one rebuilt locally; remote ones must be passed). */
export function storeEmbedder(store: KnowledgeStore, given?: Embedder | EmbedderConfig): Embedder | null {
  const info = store.embedderInfo();
  if (!info) return null;
  let e: Embedder;
  if (given && typeof (given as Embedder).embed === 'function') e = given as Embedder;
  else if (given) e = createEmbedder(given as EmbedderConfig);
  else if (info.name === 'hashed-ngram-v1') e = createEmbedder({ provider: 'hashed', dim: info.dim });
  else throw new UserInputError(`store "${store.name}" was built with embedder ${info.name}: configure that embedder to query it`);
  if (e.name !== info.name || (e.dim !== 0 && e.dim !== info.dim)) {
    throw new UserInputError(`store "${store.name}" was built with ${info.name} (dim ${info.dim}); cannot query it with ${e.name} (dim ${e.dim})`);
  }
  return e;
}

export async function retrieve(store: KnowledgeStore, query: string, opts: RetrieveOptions = {}): Promise<RetrieveResult> {
  const q = query.trim();
  if (!q) throw new UserInputError('empty query: give the question to search for');
  const k = opts.k ?? 10;
  if (!Number.isInteger(k) || k < 1 || k > 1000) throw new UserInputError(`k must be an integer between 1 and 1000, got ${k}`);
  const limit = opts.candidates ?? Math.max(100, k * 3);
  const docs = store.documents();
  const allowed = allowedDocs(docs, opts);
  const use = new Set(opts.channels ?? ['words', 'grams', 'vector', 'prf']);
  const channels: Record<string, Ranked[]> = {};
  if (use.has('words')) channels['words'] = ftsChannel(store, 'fts_words', wordTokens(q), limit, allowed);
  if (use.has('grams')) channels['grams'] = ftsChannel(store, 'fts_grams', gramTokens(q), limit, allowed);
  const embedder = use.has('vector') ? (opts.embedder ?? storeEmbedder(store)) : null;
  if (embedder) {
    const [vec] = await embedder.embed([q]);
    if (vec) channels['vector'] = await vectorChannel(store, vec, limit, allowed);
  }
  const weights = { ...DEFAULT_WEIGHTS, ...opts.weights };
  if (use.has('prf')) {
    const first = fuse(channels, weights).slice(0, PRF_DOCS);
    const terms = feedbackTerms(store, first.map((f) => f.id), new Set(wordTokens(q)));
    // Expanded query = the question's words plus the feedback terms (RM3-style, unweighted in FTS5).
    if (terms.length) channels['prf'] = ftsChannel(store, 'fts_words', [...wordTokens(q), ...terms], limit, allowed);
  }
  const fused = fuse(channels, weights).slice(0, k);
  const rows = store.chunksByIds(fused.map((f) => f.id));
  const docById = new Map(docs.map((d) => [d.id, d]));
  const hits: RetrieveHit[] = [];
  for (const f of fused) {
    const row = rows.get(f.id);
    if (!row) continue;
    const d = docById.get(row.doc_id);
    hits.push({
      chunkId: row.id,
      label: row.label,
      doc: d?.title ?? '',
      article: row.article,
      articleLabel: row.article_label,
      path: row.path ? row.path.split(' › ') : [],
      effective: d?.effective ?? null,
      score: f.score,
      channels: f.channels,
      text: row.text,
    });
  }
  return RetrieveResultSchema.parse({ query: q, hits });
}

export async function retrieveBatch(store: KnowledgeStore, queries: string[], opts: RetrieveOptions = {}): Promise<RetrieveResult[]> {
  const out: RetrieveResult[] = [];
  for (const q of queries) out.push(await retrieve(store, q, opts));
  return out;
}

export interface RunRetrieveOptions extends RetrieveOptions {
  home: string;
  store?: string;
  query: string;
  onWarning?: (message: string) => void;
}

/** CLI entry: open the store (clear error when missing), retrieve, close. */
export async function runRetrieve(opts: RunRetrieveOptions): Promise<RetrieveResult> {
  if (!opts.query.trim()) throw new UserInputError('empty query: give the question to search for');
  const store = openStore({ home: opts.home, name: opts.store, onWarning: opts.onWarning });
  try {
    return await retrieve(store, opts.query, opts);
  } finally {
    store.close();
  }
}

/** CLI `--batch`: one result per query, same order. */
export async function runRetrieveBatch(opts: Omit<RunRetrieveOptions, 'query'> & { queries: string[] }): Promise<RetrieveResult[]> {
  const store = openStore({ home: opts.home, name: opts.store, onWarning: opts.onWarning });
  try {
    return await retrieveBatch(store, opts.queries.filter((q) => q.trim() !== ''), opts);
  } finally {
    store.close();
  }
}
