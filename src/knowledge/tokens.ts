/**
 * Chinese-aware tokenisation for the lexical index. FTS5's own tokenizers either drop CJK or
 * (trigram) miss 2-character words, so we index pre-tokenised, space-joined text instead:
 * a "words" view (jieba search-mode words + stemmed English) and a "grams" view (CJK bigrams).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Jieba as JiebaType } from '@node-rs/jieba';

// @node-rs/jieba ships CommonJS; createRequire keeps ESM + NodeNext happy.
const require = createRequire(import.meta.url);
let jieba: JiebaType | null = null;

/** The jieba segmenter with its bundled dictionary, loaded once per process (shared by store and policy). */
export function getJieba(): JiebaType {
  if (!jieba) {
    const { Jieba } = require('@node-rs/jieba') as typeof import('@node-rs/jieba');
    // The bytes `@node-rs/jieba/dict` exports as `dict`, read alone: that module also reads the
    // 6 MB IDF table, which segmentation does not use (~40 ms of every cold start).
    jieba = Jieba.withDict(readFileSync(require.resolve('@node-rs/jieba/dict.txt')));
  }
  return jieba;
}

const CJK = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;
const CJK_RUN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+/g;
const WORD = /^[\p{L}\p{N}]+$/u;

/** Function words that carry no retrieval signal. */
const ZH_STOP = new Set(
  '的 了 是 在 和 与 或 及 等 也 都 就 而 之 其 这 那 被 把 对 为 以 于 我 你 他 她 它 们 吗 呢 吧 啊 呀 么 着 过 个 将 并 但 则 即 该 此 所 由 从 向 中 上 下'.split(' '),
);
const EN_STOP = new Set(
  'a an the of to in on at by for and or is are was were be been it its this that these those with as from not no any all can may shall must do does we our you your he she they their i'.split(' '),
);

/** A deliberately light English stemmer: plurals and common verb endings. */
export function stem(word: string): string {
  let w = word.toLowerCase();
  if (w.length <= 3) return w;
  if (w.endsWith('ies') && w.length > 4) w = w.slice(0, -3) + 'y';
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us') && !w.endsWith('is')) w = w.slice(0, -1);
  if (w.endsWith('ing') && w.length > 5) w = w.slice(0, -3);
  else if (w.endsWith('ed') && w.length > 4) w = w.slice(0, -2);
  // trade / trading / traded all meet at "trad".
  if (w.endsWith('e') && w.length > 4) w = w.slice(0, -1);
  return w;
}

/** CJK character bigrams (a 1-character run yields that character). */
export function cjkBigrams(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(CJK_RUN)) {
    const run = m[0];
    if (run.length === 1) out.push(run);
    for (let i = 0; i + 1 < run.length; i++) out.push(run.slice(i, i + 2));
  }
  return out;
}

/** Lower-cased, stemmed ASCII/latin words and numbers, minus stop words. */
export function latinWords(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/[A-Za-z][A-Za-z0-9'-]*|[0-9]+(?:\.[0-9]+)?/g)) {
    const w = m[0].toLowerCase().replace(/'s$/, '').replace(/[-']/g, '');
    if (w && !EN_STOP.has(w)) out.push(stem(w));
  }
  return out;
}

/** jieba search-mode words for CJK text (sub-words of long compounds included), minus stop words. */
export function cjkWords(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(CJK_RUN)) {
    for (const w of getJieba().cutForSearch(m[0], true)) {
      if (WORD.test(w) && CJK.test(w) && !ZH_STOP.has(w)) out.push(w);
    }
  }
  return out;
}

/** Tokens of the "words" view. */
export function wordTokens(text: string): string[] {
  return [...cjkWords(text), ...latinWords(text)];
}

/** Tokens of the "grams" view: CJK bigrams plus Latin words (so English still matches). */
export function gramTokens(text: string): string[] {
  return [...cjkBigrams(text), ...latinWords(text)];
}

/** Quote tokens for an FTS5 MATCH expression (OR of the distinct tokens). */
export function ftsOrQuery(tokens: string[]): string {
  const uniq = [...new Set(tokens)].filter((t) => WORD.test(t));
  return uniq.map((t) => `"${t}"`).join(' OR ');
}
