/**
 * Extractive quoting (pure): split an article into sentences and pick the ones that best match
 * the question. A picked item (（一）…) brings its lead-in sentence along, so the quote reads.
 */
import { coverage, matchText, type Term } from './terms.js';

const ZH_HEADER = /^第[零〇一二两三四五六七八九十百千0-9]+条(?:之[零〇一二三四五六七八九十0-9]+)?[\s\u3000]*/;
const EN_HEADER = /^(?:Article|Art\.|Section)\s+\d+\s*(?:\([^)]*\))?[\s.:\-—–]*/;
const ITEM = /^[（(][一二三四五六七八九十]+[)）]/;
/** A list of items this short is quoted whole (thresholds, tiers: the reader needs them all). */
const SHORT_LIST_CHARS = 160;

interface Sentence {
  text: string;
  line: number;
  item: boolean;
  /** The lead-in sentence ends with a colon: the items that follow complete it. */
  leadIn: boolean;
}

/** Sentences of an article body, the article header removed. */
export function splitSentences(articleText: string): Sentence[] {
  const lines = articleText.split('\n').map((l) => l.trim()).filter((l) => l !== '');
  const out: Sentence[] = [];
  lines.forEach((raw, line) => {
    const body = line === 0 ? raw.replace(ZH_HEADER, '').replace(EN_HEADER, '') : raw;
    const item = ITEM.test(body);
    const parts = item ? [body] : body.split(/(?<=[。；！？])|(?<=[.;!?])\s+(?=[A-Z(])/);
    for (const p of parts) {
      const text = p.trim();
      if (text) out.push({ text, line, item, leadIn: /[：:]$/.test(text) });
    }
  });
  return out;
}

/** The best-matching sentences of an article, in article order, joined for quoting. */
export function quoteFor(articleText: string, terms: Term[], maxSentences = 2, maxChars = 360): string {
  const sentences = splitSentences(articleText);
  if (sentences.length === 0) return '';
  const scored = sentences.map((s, i) => ({ i, s, c: coverage(terms, matchText(s.text)) }));
  const picked = new Set<number>(
    [...scored]
      .sort((a, b) => b.c - a.c || a.i - b.i)
      .filter((x, rank) => rank === 0 || x.c > 0)
      .slice(0, maxSentences)
      .map((x) => x.i),
  );
  // An item without its lead-in is a fragment: add the nearest preceding lead-in.
  for (const i of [...picked]) {
    if (!sentences[i]?.item) continue;
    for (let j = i - 1; j >= 0; j--) {
      if (sentences[j]?.leadIn) {
        picked.add(j);
        break;
      }
      if (!sentences[j]?.item) break;
    }
  }
  // A lead-in without any of its items says nothing: add its items when short, else the best one.
  // A short list whose picked item the question does not single out (住宿标准是多少: every tier
  // matches alike) is quoted whole too; 去上海出差住宿 singles out the first-tier-city item.
  for (const i of [...picked]) {
    if (!sentences[i]?.leadIn) continue;
    const items: number[] = [];
    for (let j = i + 1; j < sentences.length && sentences[j]?.item; j++) items.push(j);
    if (items.length === 0) continue;
    const total = items.reduce((n, j) => n + (sentences[j]?.text.length ?? 0), 0);
    const chosen = items.filter((j) => picked.has(j));
    if (chosen.length > 0) {
      const top = Math.max(...chosen.map((j) => scored[j]?.c ?? 0));
      const singled = items.some((j) => !picked.has(j) && (scored[j]?.c ?? 0) < top);
      if (total <= SHORT_LIST_CHARS && !singled) for (const j of items) picked.add(j);
      continue;
    }
    if (total <= SHORT_LIST_CHARS) for (const j of items) picked.add(j);
    else {
      const best = items.reduce((a, b) => ((scored[b]?.c ?? 0) > (scored[a]?.c ?? 0) ? b : a));
      picked.add(best);
    }
  }
  const ordered = [...picked].sort((a, b) => a - b).map((i) => sentences[i]?.text ?? '');
  let quote = '';
  for (const s of ordered) {
    const sep = quote === '' ? '' : /[\u3400-\u9fff。；：]$/.test(quote) ? '' : ' ';
    if (quote !== '' && (quote + sep + s).length > maxChars) break;
    quote += sep + s;
  }
  return quote.length > maxChars ? `${quote.slice(0, maxChars - 1)}…` : quote;
}
