/**
 * Hybrid retrieval: BM25 over two lexical views (jieba words, CJK bigrams; title/path/body columns
 * weighted), glossary expansion, the corpus LSA space, chapter and law routing, within-law BM25 with
 * the law's own statistics, a hierarchical article + chapter + law score, plus the vector index, fused by reciprocal rank (k = 60). Every hit keeps each channel's own rank and raw score.
 * Filters: document (title) and effective date (as-of).
 */
import { UserInputError } from '../runtime/errors.js';
import { createEmbedder } from './embedders/create.js';
import type { Embedder, EmbedderConfig } from './embedders/types.js';
import { RetrieveResultSchema, type ChannelHit, type RetrieveHit, type RetrieveResult } from './schemas.js';
import { cleanQuery, expansionTerms } from './expand.js';
import { projectQuery, searchLsa } from './lsa.js';
import type { DocumentRow, KnowledgeBase, LexicalView, Ranked } from './base.js';
import { openKnowledge } from './open.js';
import { gramTokens, wordTokens } from './tokens.js';

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
  /**
   * Channels to use. Default: words, grams, expanded, semantic, section, law, local, hierarchy — plus vector when the
   * store was built with a real embedding model (the offline hashed vectors are weaker than the LSA
   * channel and would only dilute the fusion). prf and lexical (one BM25 over words + bigrams) are
   * available on request.
   */
  channels?: string[];
  /** Glossary expansion: its own channel (default), appended to the query, or off. */
  expand?: 'append' | 'channel' | 'none';
  /** Strip question boilerplate before lexical search (default true). */
  clean?: boolean;
  /** RRF weight per channel (default 1; the offline hashed vectors are weaker than BM25). */
  weights?: Record<string, number>;
  /** Fusion: reciprocal rank (default), min–max score sum, or both mixed half and half. */
  fusion?: 'rrf' | 'combsum' | 'mixed';
  /** Reciprocal-rank constant (default 60). */
  rrfK?: number;
  /** Law routing: how many top-ranked documents the `law` channel keeps articles of (default 3). */
  laws?: number;
  /** Hierarchical channel: weights of the article's chapter and law scores next to its own. */
  hierarchy?: Partial<HierarchyWeights>;
}

/**
 * Weights of the hierarchical channel. An article's score = words·W + grams·G + glossary·X (each BM25
 * scaled by the list's best) + chapter·C + law·L (its chapter's and its law's best chapter's BM25,
 * scaled the same way): the cluster-smoothing idea of document retrieval, applied to statute structure.
 */
export interface HierarchyWeights {
  words: number;
  grams: number;
  glossary: number;
  chapter: number;
  law: number;
  /** Articles of this many top chapters join the candidates even when no query word is in them. */
  chapters: number;
}

export const DEFAULT_HIERARCHY: HierarchyWeights = { words: 0.5, grams: 0.5, glossary: 0.5, chapter: 1, law: 0.5, chapters: 10 };

const DEFAULT_WEIGHTS: Record<string, number> = { local: 1, hierarchy: 2, words: 1, grams: 1, vector: 1, prf: 0.5, semantic: 0.5, section: 0.3, expanded: 0.5, translated: 1, law: 0.5, lexical: 1 };
const DEFAULT_CHANNELS = ['words', 'grams', 'expanded', 'semantic', 'section', 'law', 'local', 'hierarchy'];
const OFFLINE_EMBEDDER = 'hashed-ngram-v1';
const CJK_G = /[\u3400-\u9fff]/g;
const CJK_1 = /[\u3400-\u9fff]/;
const LATIN_G = /[A-Za-z]/g;
/** Sections (document + chapter) ranked for the section boost. */
const SECTION_LIMIT = 50;
/** Depth of the lexical rankings that the law and lexical channels filter or combine. */
const DEEP_LIMIT = 1000;
/** Pseudo-relevance feedback: terms from the top first-stage hits, weighted by idf. */
const PRF_DOCS = 10;
const PRF_TERMS = 12;

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

/** The store's chunk → document and chunk → section maps (same objects until the store changes). */
interface Maps {
  docOf: Map<number, number>;
  secOf: Map<number, number>;
}

async function ftsChannel(store: KnowledgeBase, view: LexicalView, tokens: string[], limit: number, allowed: Set<number> | null): Promise<Ranked[]> {
  const filtered = allowed !== null && view !== 'sections';
  // A document filter is applied to the full ranking here rather than in SQL: FTS5 scores every
  // match anyway, and `rowid IN (SELECT … json_each(?))` made each query ~1,000 times slower
  // (1.6 s instead of 1 ms on the 6,000-article finance corpus).
  const rows = await store.lexicalSearch(view, tokens, filtered ? null : limit);
  if (!filtered || !allowed) return rows;
  const docOf = await store.chunkDocMap();
  return rows.filter((r) => allowed.has(docOf.get(r.id) ?? -1)).slice(0, limit);
}

async function vectorChannel(store: KnowledgeBase, queryVec: number[], limit: number, allowed: Set<number> | null): Promise<Ranked[]> {
  const index = await store.vectorIndex();
  if (!index) return [];
  const n = Math.min(limit, index.getCurrentCount());
  if (n === 0) return [];
  index.setEf(Math.max(n, 64));
  const docOf = await store.chunkDocMap();
  const filter = allowed ? (label: number) => allowed.has(docOf.get(label) ?? -1) : undefined;
  const res = index.searchKnn(queryVec, n, filter);
  // cosine space returns distances (1 - cos): report similarity.
  return res.neighbors.map((id, i) => ({ id, score: 1 - (res.distances[i] ?? 1) }));
}

/** The LSA channel: the query folded into the corpus-trained latent space, exact cosine search. */
async function semanticChannel(store: KnowledgeBase, terms: string[], limit: number, allowed: Set<number> | null): Promise<Ranked[]> {
  const model = await store.semanticModel();
  if (!model) return [];
  const qv = projectQuery(model, terms);
  if (!qv) return [];
  const docOf = await store.chunkDocMap();
  return searchLsa(model, qv, limit, allowed ? (id) => allowed.has(docOf.get(id) ?? -1) : undefined);
}

/**
 * Section boost: rank chapters (all their articles' text) against the query, then give each candidate
 * article its chapter's rank. Only re-orders articles other channels found; it adds none.
 */
function sectionChannel(maps: Maps, sections: Ranked[], candidates: Set<number>): Ranked[] {
  const ranked = sections.slice(0, SECTION_LIMIT);
  const rankOf = new Map(ranked.map((r, i) => [r.id, i]));
  const sectionOf = maps.secOf;
  const out: { id: number; rank: number; score: number }[] = [];
  for (const id of candidates) {
    const sec = sectionOf.get(id);
    const r = sec === undefined ? undefined : rankOf.get(sec);
    if (r !== undefined) out.push({ id, rank: r, score: ranked[r]?.score ?? 0 });
  }
  // Articles of the same chapter tie; the lower id (earlier article) first keeps it deterministic.
  return out.sort((a, b) => a.rank - b.rank || a.id - b.id).map(({ id, score }) => ({ id, score }));
}

/**
 * One BM25 over words and bigrams together: their tokens are disjoint views of the same text, with
 * lengths proportional to each other, so the sum of the two BM25 scores is (nearly) the BM25 of a
 * single field holding both — the terms of each view saturate on their own, and every matching
 * word and bigram adds evidence, where rank fusion only counts each view's vote.
 */
export function sumScores(...lists: Ranked[][]): Ranked[] {
  const acc = new Map<number, number>();
  for (const list of lists) for (const r of list) acc.set(r.id, (acc.get(r.id) ?? 0) + r.score);
  return [...acc.entries()].map(([id, score]) => ({ id, score })).sort((a, b) => b.score - a.score || a.id - b.id);
}

/** section id → document id, derived from chunk → section and chunk → document. */
function sectionDocs(maps: Maps): Map<number, number> {
  const docOf = maps.docOf;
  const out = new Map<number, number>();
  for (const [chunk, sec] of maps.secOf) {
    const d = docOf.get(chunk);
    if (d !== undefined) out.set(sec, d);
  }
  return out;
}

const sectionDocCache = new WeakMap<Map<number, number>, Map<number, number>>();

/**
 * Law routing: a question is usually answered inside one or two laws. Rank documents by their best
 * chapters (section BM25); the `law` channels then keep, from deep first-stage rankings, only the
 * articles of the top few laws — so an article that loses globally to look-alikes of other laws can
 * still surface within its own law.
 */
function routeLaws(maps: Maps, sections: Ranked[], laws: number, allowed: Set<number> | null): Set<number> {
  const top = new Set<number>();
  if (laws <= 0) return top;
  // Keyed by the store's section map object: a retrain replaces it, and so this derived map.
  const secMap = maps.secOf;
  let secDoc = sectionDocCache.get(secMap);
  if (!secDoc) sectionDocCache.set(secMap, (secDoc = sectionDocs(maps)));
  for (const r of sections) {
    const d = secDoc.get(r.id);
    if (d === undefined || (allowed && !allowed.has(d))) continue;
    top.add(d);
    if (top.size >= laws) break;
  }
  return top;
}

/** The top laws with their routing weight (their best chapter's score, scaled to the first law's). */
function routedLaws(maps: Maps, sections: Ranked[], laws: number, allowed: Set<number> | null): { doc: number; weight: number }[] {
  const order = [...routeLaws(maps, sections, laws, allowed)];
  const secMap = maps.secOf;
  const secDoc = sectionDocCache.get(secMap);
  const best = new Map<number, number>();
  for (const r of sections) {
    const d = secDoc?.get(r.id);
    if (d !== undefined && !best.has(d)) best.set(d, r.score);
  }
  const top = best.get(order[0] ?? -1) ?? 1;
  return order.map((doc) => ({ doc, weight: top > 0 ? (best.get(doc) ?? 0) / top : 0 }));
}

function withinLaws(maps: Maps, deep: Ranked[], laws: Set<number>, limit: number): Ranked[] {
  if (laws.size === 0) return [];
  const docOf = maps.docOf;
  return deep.filter((r) => laws.has(docOf.get(r.id) ?? -1)).slice(0, limit);
}

/** One law's articles as BM25 sees them, with the law's own document frequencies. */
interface LawStats {
  ids: number[];
  tf: Map<string, number>[];
  len: number[];
  df: Map<string, number>;
  avgLen: number;
}

const lawStatsCache = new WeakMap<Map<number, number>, Map<number, LawStats>>();

async function lawStats(store: KnowledgeBase, docOf: Map<number, number>, doc: number): Promise<LawStats> {
  // Keyed by the store's chunk → document map: a re-ingest replaces it, and so these statistics.
  let perLaw = lawStatsCache.get(docOf);
  if (!perLaw) lawStatsCache.set(docOf, (perLaw = new Map()));
  const known = perLaw.get(doc);
  if (known) return known;
  const members = [...docOf].filter(([, d]) => d === doc).map(([id]) => id);
  const rows = [...(await store.chunksByIds(members)).values()].filter((r) => r.article_label !== null);
  const tf = rows.map((r) => {
    const m = new Map<string, number>();
    for (const t of wordTokens(r.text)) m.set(t, (m.get(t) ?? 0) + 1);
    return m;
  });
  const df = new Map<string, number>();
  for (const m of tf) for (const t of m.keys()) df.set(t, (df.get(t) ?? 0) + 1);
  const len = tf.map((m) => [...m.values()].reduce((a, b) => a + b, 0));
  const stats = { ids: rows.map((r) => r.id), tf, len, df, avgLen: len.reduce((a, b) => a + b, 0) / (len.length || 1) };
  perLaw.set(doc, stats);
  return stats;
}

/**
 * Within-law ranking: BM25 over each routed law's articles with the law's own document frequencies.
 * A word common across the corpus but rare inside the law (投资, 限额 inside 存款保险条例) then tells the
 * law's articles apart, where corpus-wide IDF cannot: the law channel only filters a global ranking.
 * Each law's scores are scaled to its best and weighted by the law's routing score.
 */
async function localChannel(store: KnowledgeBase, docOf: Map<number, number>, laws: { doc: number; weight: number }[], terms: { t: string; w: number }[], among: Set<number>, limit: number): Promise<Ranked[]> {
  const K1 = 1.2;
  const B = 0.75;
  const out: Ranked[] = [];
  for (const law of laws) {
    const s = await lawStats(store, docOf, law.doc);
    const n = s.ids.length;
    const scores = s.ids.map((_, i) => {
      let score = 0;
      for (const { t, w } of terms) {
        const f = s.tf[i]?.get(t) ?? 0;
        if (f === 0) continue;
        const df = s.df.get(t) ?? 0;
        const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
        score += w * idf * ((f * (K1 + 1)) / (f + K1 * (1 - B + (B * (s.len[i] ?? 0)) / (s.avgLen || 1))));
      }
      return score;
    });
    const top = Math.max(0, ...scores);
    if (top <= 0) continue;
    s.ids.forEach((id, i) => {
      const v = scores[i] ?? 0;
      if (v > 0 && among.has(id)) out.push({ id, score: (v / top) * law.weight });
    });
  }
  return out.sort((a, b) => b.score - a.score || a.id - b.id).slice(0, limit);
}

/** Each list's scores divided by its best, so lists of different scales can be added. */
function scaled(list: Ranked[]): Map<number, number> {
  const top = list[0]?.score ?? 0;
  const out = new Map<number, number>();
  if (top <= 0) return out;
  for (const r of list) out.set(r.id, r.score / top);
  return out;
}

const sectionMembersCache = new WeakMap<Map<number, number>, Map<number, number[]>>();

function sectionMembers(maps: Maps): Map<number, number[]> {
  const secMap = maps.secOf;
  let members = sectionMembersCache.get(secMap);
  if (!members) {
    members = new Map();
    for (const [chunk, sec] of secMap) {
      const list = members.get(sec);
      if (list) list.push(chunk);
      else members.set(sec, [chunk]);
    }
    sectionMembersCache.set(secMap, members);
  }
  return members;
}

interface HierarchyInput {
  words: Ranked[];
  grams: Ranked[];
  glossaryWords: Ranked[];
  glossaryGrams: Ranked[];
  sections: Ranked[];
}

/**
 * The hierarchical channel: an article's own BM25 (words, bigrams, glossary terms) plus its chapter's
 * and its law's, all scaled to [0, 1] and added (weights in HierarchyWeights). A question answered by
 * an article that words it differently still lands in the right chapter of the right law; this lets
 * that evidence lift every article of the chapter, not only those the article-level search found.
 */
function hierarchyChannel(maps: Maps, input: HierarchyInput, w: HierarchyWeights, limit: number, allowed: Set<number> | null): Ranked[] {
  const words = scaled(sumScores(input.words, input.glossaryWords.map((r) => ({ id: r.id, score: r.score * w.glossary }))));
  const grams = scaled(sumScores(input.grams, input.glossaryGrams.map((r) => ({ id: r.id, score: r.score * w.glossary }))));
  const sections = scaled(input.sections);
  const docOf = maps.docOf;
  const sectionOf = maps.secOf;
  const members = sectionMembers(maps);
  // A law's score is its best chapter's.
  const lawScore = new Map<number, number>();
  for (const r of input.sections) {
    const first = members.get(r.id)?.[0];
    const d = first === undefined ? undefined : docOf.get(first);
    if (d !== undefined && !lawScore.has(d)) lawScore.set(d, sections.get(r.id) ?? 0);
  }
  const candidates = new Set<number>([...words.keys(), ...grams.keys()]);
  for (const r of input.sections.slice(0, w.chapters)) for (const id of members.get(r.id) ?? []) candidates.add(id);
  const out: Ranked[] = [];
  for (const id of candidates) {
    const d = docOf.get(id);
    if (d === undefined || (allowed && !allowed.has(d))) continue;
    const sec = sectionOf.get(id);
    const score =
      w.words * (words.get(id) ?? 0) +
      w.grams * (grams.get(id) ?? 0) +
      w.chapter * (sec === undefined ? 0 : (sections.get(sec) ?? 0)) +
      w.law * (lawScore.get(d) ?? 0);
    if (score > 0) out.push({ id, score });
  }
  return out.sort((a, b) => b.score - a.score || a.id - b.id).slice(0, limit);
}

/** Expansion terms: in many of the top hits and rare in the corpus (idf from FTS5's vocabulary). */
async function feedbackTerms(store: KnowledgeBase, ids: number[], exclude: Set<string>): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await store.chunksByIds(ids);
  const inDocs = new Map<string, number>();
  for (const r of rows.values()) {
    for (const t of new Set(wordTokens(r.text))) if (t.length >= 2 && !exclude.has(t)) inDocs.set(t, (inDocs.get(t) ?? 0) + 1);
  }
  const n = (await store.chunkDocMap()).size || 1;
  const scored: { t: string; s: number }[] = [];
  for (const [t, c] of inDocs) {
    if (c < 2) continue; // a term in a single hit is that hit's topic, not the query's
    const d = (await store.wordDocFreq(t)) || 1;
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

/**
 * Score fusion (CombSUM): each channel's scores scaled to [0, 1] over its own list (min–max), summed
 * with channel weights. Unlike RRF it keeps how far ahead a hit is, not just its rank.
 */
export function fuseScores(channels: Record<string, Ranked[]>, weights: Record<string, number> = {}): { id: number; score: number; channels: ChannelHit[] }[] {
  const acc = new Map<number, { score: number; channels: ChannelHit[] }>();
  for (const [channel, list] of Object.entries(channels)) {
    if (list.length === 0) continue;
    const w = weights[channel] ?? 1;
    let hi = -Infinity;
    let lo = Infinity;
    for (const r of list) {
      hi = Math.max(hi, r.score);
      lo = Math.min(lo, r.score);
    }
    const span = hi - lo || 1;
    list.forEach((r, i) => {
      const e = acc.get(r.id) ?? { score: 0, channels: [] };
      e.score += (w * (r.score - lo)) / span;
      e.channels.push({ channel, rank: i + 1, score: r.score });
      acc.set(r.id, e);
    });
  }
  return [...acc.entries()].map(([id, e]) => ({ id, ...e })).sort((a, b) => b.score - a.score || a.id - b.id);
}

/**
 * Both at once: the RRF score plus the CombSUM score scaled to RRF's range (a rank-1 hit in every
 * channel scores the same in each), so ranks decide and score margins break near-ties.
 */
export function fuseMixed(channels: Record<string, Ranked[]>, weights: Record<string, number> = {}, rrfK = RRF_K, mix = 0.5): { id: number; score: number; channels: ChannelHit[] }[] {
  const sums = new Map(fuseScores(channels, weights).map((h) => [h.id, h.score]));
  return fuse(channels, weights, rrfK)
    .map((h) => ({ ...h, score: (1 - mix) * h.score + (mix * (sums.get(h.id) ?? 0)) / (rrfK + 1) }))
    .sort((a, b) => b.score - a.score || a.id - b.id);
}

/** How many of the fused hits the within-law ranking may re-order. */
const LOCAL_HEAD = 30;

/**
 * The within-law ranking votes on the head of the fused list only (RRF, its own weight): it decides
 * between the few articles of the right law that the other channels put near each other, and it
 * cannot change which articles make the top 100 — as a full channel it churned that boundary.
 */
function rerankHead<T extends { id: number; score: number; channels: ChannelHit[] }>(fused: T[], local: Ranked[], weight: number, rrfK: number): T[] {
  const rankOf = new Map(local.map((r, i) => [r.id, { rank: i + 1, score: r.score }]));
  const head = fused.slice(0, LOCAL_HEAD).map((f) => {
    const l = rankOf.get(f.id);
    if (!l) return f;
    return { ...f, score: f.score + weight / (rrfK + l.rank), channels: [...f.channels, { channel: 'local', rank: l.rank, score: l.score }] };
  });
  head.sort((a, b) => b.score - a.score || a.id - b.id);
  return [...head, ...fused.slice(LOCAL_HEAD)];
}

/** Top hits of the cross-language channel guaranteed a place in the top ten (at these ranks). */
const TRANSLATED_SLOTS = [4, 8];

/**
 * RRF favours articles many channels agree on, and an article in the other language is found by
 * only one: without a reserved place it would never reach the top. Its best hits are moved up to
 * fixed ranks (taking the score of the hit above, so scores stay non-increasing).
 */
function reserveTranslated<T extends { id: number; score: number }>(fused: T[], translated: Ranked[]): T[] {
  const out = [...fused];
  let slot = 0;
  for (const t of translated) {
    const at = TRANSLATED_SLOTS[slot];
    if (at === undefined || out.length <= at) break;
    const i = out.findIndex((f) => f.id === t.id);
    if (i < 0) continue;
    slot++;
    if (i <= at) continue;
    const [hit] = out.splice(i, 1);
    if (hit) out.splice(at, 0, { ...hit, score: out[at - 1]?.score ?? hit.score });
  }
  return out;
}

/** The embedder a store was built with (offline hashed one rebuilt locally; remote ones must be passed). */
export async function storeEmbedder(store: KnowledgeBase, given?: Embedder | EmbedderConfig): Promise<Embedder | null> {
  const info = await store.embedderInfo();
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

export async function retrieve(store: KnowledgeBase, query: string, opts: RetrieveOptions = {}): Promise<RetrieveResult> {
  const q = query.trim();
  if (!q) throw new UserInputError('empty query: give the question to search for');
  const k = opts.k ?? 10;
  if (!Number.isInteger(k) || k < 1 || k > 1000) throw new UserInputError(`k must be an integer between 1 and 1000, got ${k}`);
  const limit = opts.candidates ?? Math.max(100, k * 3);
  const docs = await store.documents();
  const allowed = allowedDocs(docs, opts);
  const info = await store.embedderInfo();
  const use = new Set(opts.channels ?? (info && info.name !== OFFLINE_EMBEDDER ? [...DEFAULT_CHANNELS, 'vector'] : DEFAULT_CHANNELS));
  const cleaned = opts.clean === false ? q : cleanQuery(q);
  const mode = use.has('expanded') || use.has('hierarchy') ? (opts.expand ?? 'channel') : (opts.expand ?? 'none');
  const extra = mode === 'none' ? [] : expansionTerms(q);
  // Glossary terms in the question's own language widen it; terms in the other language (English ↔
  // Chinese) search on their own, since the question's words cannot match a text in the other language.
  const zhQuery = (q.match(CJK_G) ?? []).length >= (q.match(LATIN_G) ?? []).length;
  const same = extra.filter((t) => CJK_1.test(t) === zhQuery);
  const other = extra.filter((t) => CJK_1.test(t) !== zhQuery);
  const words = wordTokens(cleaned);
  const grams = gramTokens(cleaned);
  const xWords = same.length ? wordTokens(same.join(' ')) : [];
  const xGrams = same.length ? gramTokens(same.join(' ')) : [];
  const oWords = other.length ? wordTokens(other.join(' ')) : [];
  const append = mode === 'append';
  const channels: Record<string, Ranked[]> = {};
  // The lexical and law channels re-read the rankings far below the fused cut-off: one FTS query
  // per view serves every channel (FTS5 scores all matches anyway; the limit only cuts the list).
  const stale = await store.corpusModelStale();
  const hier = use.has('hierarchy') && !stale;
  let mapsLoaded: Maps | null = null;
  const maps = async (): Promise<Maps> => (mapsLoaded ??= { docOf: await store.chunkDocMap(), secOf: await store.chunkSectionMap() });
  const deep = use.has('lexical') || use.has('law') || hier;
  const deepWords = use.has('words') || use.has('lexical') || hier || mode === 'channel' ? await ftsChannel(store, 'words', append ? [...words, ...xWords, ...oWords] : words, use.has('lexical') || hier ? DEEP_LIMIT : limit, allowed) : [];
  const deepGrams = use.has('grams') || deep ? await ftsChannel(store, 'grams', append ? [...grams, ...xGrams] : grams, deep ? DEEP_LIMIT : limit, allowed) : [];
  if (use.has('words')) channels['words'] = deepWords.slice(0, limit);
  if (use.has('grams')) channels['grams'] = deepGrams.slice(0, limit);
  const lexical = use.has('lexical') ? sumScores(deepWords, deepGrams) : [];
  if (use.has('lexical')) channels['lexical'] = lexical.slice(0, limit);
  // Glossary terms in a channel of their own: they widen recall without outvoting the question's words.
  // The glossary terms' own BM25 lists serve the expanded and hierarchical channels: BM25 adds up over
  // query terms, so words + glossary scores equal one search for both (up to terms in both lists).
  const glossaryWords = mode === 'channel' && xWords.length ? await ftsChannel(store, 'words', xWords, hier ? DEEP_LIMIT : limit, allowed) : [];
  if (glossaryWords.length) channels['expanded'] = sumScores(deepWords, glossaryWords).slice(0, limit);
  if (mode === 'channel' && oWords.length) channels['translated'] = await ftsChannel(store, 'words', oWords, limit, allowed);
  if (use.has('semantic')) channels['semantic'] = await semanticChannel(store, [...words, ...xWords], limit, allowed);
  const embedder = use.has('vector') ? (opts.embedder ?? (await storeEmbedder(store))) : null;
  if (embedder) {
    const [vec] = await embedder.embed([q]);
    if (vec) channels['vector'] = await vectorChannel(store, vec, limit, allowed);
  }
  const weights = { ...DEFAULT_WEIGHTS, ...opts.weights };
  if (use.has('prf')) {
    const first = fuse(channels, weights).slice(0, PRF_DOCS);
    const terms = await feedbackTerms(store, first.map((f) => f.id), new Set(words));
    // Expanded query = the question's words plus the feedback terms (RM3-style, unweighted in FTS5).
    if (terms.length) channels['prf'] = await ftsChannel(store, 'words', [...words, ...terms], limit, allowed);
  }
  // One chapter ranking serves the law, hierarchy and section channels (none without a current corpus model).
  const sectionsWanted = (use.has('law') || use.has('local') || hier || use.has('section')) && !stale;
  const sections = sectionsWanted ? await ftsChannel(store, 'sections', [...grams, ...xGrams], SECTION_LIMIT * 4, null) : [];
  if (use.has('law')) {
    const m = await maps();
    const laws = routeLaws(m, sections, opts.laws ?? 3, allowed);
    channels['law'] = withinLaws(m, use.has('lexical') ? lexical : deepGrams, laws, limit);
  }
  let local: Ranked[] = [];
  if (use.has('local') && sections.length) {
    // Glossary words count half, as in the expanded channel. Only articles the lexical, semantic and
    // law channels found are ranked: adding a routed law's other articles pushed deeper answers out
    // of the top 100 (STARD R@100 −0.002).
    const terms = [...new Set(words)].map((t) => ({ t, w: 1 })).concat([...new Set(xWords)].filter((t) => !words.includes(t)).map((t) => ({ t, w: 0.5 })));
    const found = new Set(Object.values(channels).flatMap((list) => list.map((r) => r.id)));
    const m = await maps();
    local = await localChannel(store, m.docOf, routedLaws(m, sections, opts.laws ?? 3, allowed), terms, found, limit);
    // Score fusions have no rank to add to: there the ranking is an ordinary channel.
    if (opts.fusion === 'combsum' || opts.fusion === 'mixed') channels['local'] = local;
  }
  if (hier) {
    const w = { ...DEFAULT_HIERARCHY, ...opts.hierarchy };
    const glossary = w.glossary > 0 && glossaryWords.length > 0;
    channels['hierarchy'] = hierarchyChannel(
      await maps(),
      {
        words: deepWords,
        grams: deepGrams,
        glossaryWords: glossary ? glossaryWords : [],
        glossaryGrams: glossary ? await ftsChannel(store, 'grams', xGrams, DEEP_LIMIT, allowed) : [],
        sections,
      },
      w,
      limit,
      allowed,
    );
  }
  if (use.has('section')) {
    const candidates = new Set(Object.values(channels).flatMap((list) => list.map((r) => r.id)));
    channels['section'] = sectionChannel(await maps(), sections, candidates);
  }
  const rrf = opts.fusion !== 'combsum' && opts.fusion !== 'mixed';
  const all = rrf ? fuse(channels, weights, opts.rrfK ?? RRF_K) : opts.fusion === 'combsum' ? fuseScores(channels, weights) : fuseMixed(channels, weights, opts.rrfK ?? RRF_K);
  const headed = rrf && local.length ? rerankHead(all, local, weights['local'] ?? 0, opts.rrfK ?? RRF_K) : all;
  const fused = reserveTranslated(headed, channels['translated'] ?? []).slice(0, k);
  const rows = await store.chunksByIds(fused.map((f) => f.id));
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

export async function retrieveBatch(store: KnowledgeBase, queries: string[], opts: RetrieveOptions = {}): Promise<RetrieveResult[]> {
  const out: RetrieveResult[] = [];
  for (const q of queries) out.push(await retrieve(store, q, opts));
  return out;
}

export interface RunRetrieveOptions extends RetrieveOptions {
  home: string;
  store?: string;
  /** `postgres://…` (FINAGENT_DATABASE_URL): the store lives in PostgreSQL. */
  url?: string | undefined;
  query: string;
  onWarning?: (message: string) => void;
}

/** CLI entry: open the store (clear error when missing), retrieve, close. */
export async function runRetrieve(opts: RunRetrieveOptions): Promise<RetrieveResult> {
  if (!opts.query.trim()) throw new UserInputError('empty query: give the question to search for');
  const store = await openKnowledge({ home: opts.home, name: opts.store, url: opts.url, onWarning: opts.onWarning });
  try {
    return await retrieve(store, opts.query, opts);
  } finally {
    await store.close();
  }
}

/** CLI `--batch`: one result per query, same order. */
export async function runRetrieveBatch(opts: Omit<RunRetrieveOptions, 'query'> & { queries: string[] }): Promise<RetrieveResult[]> {
  const store = await openKnowledge({ home: opts.home, name: opts.store, url: opts.url, onWarning: opts.onWarning });
  try {
    return await retrieveBatch(store, opts.queries.filter((q) => q.trim() !== ''), opts);
  } finally {
    await store.close();
  }
}
