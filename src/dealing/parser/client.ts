/**
 * The counterparty a dealer line names (`for HXCB`, `client Jiangnan RCB`, `客户 江南农商`, `江南城商行要…`).
 * Found on the normalised text before tokenising so the parser can blank the name out: a client called
 * `宁波城商` must not make a bond request look like a city-bank NCD.
 */
import type { InstrumentCatalog } from './catalog.js';
import { LEXICON } from './lexicon.js';
import { asciiLower } from './normalize.js';

export interface ClientMatch {
  name: string;
  /** The span to blank out before tokenising (keyword and name), in the normalised text. */
  start: number;
  end: number;
}

/** English keywords; `for` is also a size word (`for 1 yard`), so after it only a capitalised non-dealing word counts. */
const EN_KEY = /(?<![A-Za-z])(client|customer|cpty|counterparty|c\/p|on behalf of|obo|for)\b\s*[:：]?\s*/gi;
const ZH_KEY = /(客户|客人|交易对手方?|对手方)\s*(?:是|为|:|：)?\s*/g;

/** Institution-type endings of a Chinese client name, longest first. */
const BANK_SUFFIX = [
  '农村商业银行', '城市商业银行', '农村信用社', '农商银行', '城商银行', '村镇银行', '商业银行', '财务公司',
  '农商行', '城商行', '农信社', '信用社', '农商', '城商', '银行', '证券', '基金', '保险', '信托', '理财', '资管', '期货',
];
const SUFFIX_RE = BANK_SUFFIX.join('|');
/** `江南城商行`, `北京农商`, `帮江南农商…`: a 2–6 character name, then a type ending. */
const ZH_NAME = new RegExp(`([\\u4e00-\\u9fa5]{2,7}?)(${SUFFIX_RE})`, 'g');
/** Type words that make `城市商业银行`, `股份制银行`, `国有大行` generic categories, not a name. */
const GENERIC_PREFIX = /^(国有|股份制?|城市|农村|国股|大型|中小|中小型|外资|中资|商业|政策性|民营|地方|区域|全国性?|四大|五大|六大|国有大|其他|一般|各|各家|几家|头部|大中型|本地|上市|货币|资产支持|国家开发|进出口|中国进出口|农业发展|中国农业发展)$/;
/** After the name these make it the issuer of what is traded (`北京农商存单`), not the client. */
const ISSUER_AFTER = /^\s*(同业存单|存单|ncds?|cds?|二级|永续|次级|金融债|债|间)/i;
/** Words before a keywordless name that are not part of it (`帮江南农商问一下`). */
const LEAD_IN = /^[帮替给代为跟]/;
const MONTH_WORD = /^(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?$/i;
const NON_NAME = /^(?:(?:fdr|dr|fr|r|ibo)\d{3}|t\+\d|[a-z]{1,2}\d*)$/i;

type Dict = ReadonlySet<string>;

function dealingWords(catalog: InstrumentCatalog): { all: Dict; meaningful: Dict } {
  const all = new Set<string>();
  const meaningful = new Set<string>();
  for (const [phrase, tag] of LEXICON) {
    all.add(phrase);
    if (tag.k !== 'filler' && tag.k !== 'greet') meaningful.add(phrase);
  }
  for (const b of catalog.ncdBuckets) for (const n of b.names) for (const d of [all, meaningful]) d.add(asciiLower(n));
  for (const b of catalog.bonds) for (const n of [b.code, b.shortName, ...b.aliases]) for (const d of [all, meaningful]) d.add(asciiLower(n));
  return { all, meaningful };
}

const dictCache = new WeakMap<InstrumentCatalog, { all: Dict; meaningful: Dict }>();
function dicts(catalog: InstrumentCatalog) {
  let d = dictCache.get(catalog);
  if (!d) {
    d = dealingWords(catalog);
    dictCache.set(catalog, d);
  }
  return d;
}

/** English name: capitalised words (`Jiangnan RCB`, `Bank of Ningbo`), stopping at a dealing word or a number. */
function readEnName(text: string, from: number, strict: boolean, catalog: InstrumentCatalog): { name: string; end: number } | null {
  const { all, meaningful } = dicts(catalog);
  const words: string[] = [];
  let pos = from;
  let end = from;
  const WORD = /[A-Za-z][A-Za-z0-9&.'-]*/y;
  for (;;) {
    WORD.lastIndex = pos;
    const m = WORD.exec(text);
    if (!m) break;
    const w = m[0].replace(/[.'-]+$/, '');
    const lw = w.toLowerCase();
    const connector = words.length > 0 && /^(of|and|&|de)$/i.test(w);
    const capital = /^[A-Z]/.test(w);
    if (!connector && !capital) break;
    if (!connector && (meaningful.has(lw) || (strict && all.has(lw)) || MONTH_WORD.test(w) || NON_NAME.test(w) || w.length < 2)) break;
    words.push(w);
    if (!connector) end = m.index + w.length;
    const gap = /^\s+/.exec(text.slice(m.index + m[0].length));
    if (!gap || gap[0].includes('\n')) break;
    pos = m.index + m[0].length + gap[0].length;
  }
  while (words.length && /^(of|and|&|de)$/i.test(words[words.length - 1] ?? '')) words.pop();
  if (!words.length) return null;
  return { name: text.slice(from, end), end };
}

/** Chinese (or Latin) name after a keyword: up to a bank-type ending, else up to the next dealing word. */
function readZhName(text: string, from: number, catalog: InstrumentCatalog): { name: string; end: number } | null {
  const run = /^[\u4e00-\u9fa5A-Za-z&]+/.exec(text.slice(from))?.[0] ?? '';
  if (!run) return null;
  const withSuffix = new RegExp(`^(.{0,12}?)(${SUFFIX_RE})`).exec(run);
  if (withSuffix) return { name: withSuffix[0], end: from + withSuffix[0].length };
  const { meaningful } = dicts(catalog);
  const low = asciiLower(run);
  let cut = run.length;
  for (let p = 0; p < low.length && cut === run.length; p++) {
    for (const phrase of meaningful) {
      if (low.startsWith(phrase, p)) {
        cut = p;
        break;
      }
    }
  }
  if (cut < 2) return null;
  return { name: run.slice(0, cut), end: from + cut };
}

/**
 * A prefix that starts with a dealing word is not a name (`收北京农商` = 收 + 北京农商, `国债基金` is a
 * category), except a one-character word that leaves too little to be a name by itself (`成都农商`).
 */
function startsWithDealingWord(prefix: string, catalog: InstrumentCatalog): boolean {
  const { meaningful } = dicts(catalog);
  for (const phrase of meaningful) {
    if (!/^[\u4e00-\u9fa5]/.test(phrase) || !prefix.startsWith(phrase)) continue;
    if (phrase.length >= 2 || prefix.length - phrase.length >= 2) return true;
  }
  return false;
}

/**
 * The first counterparty named in `text` (already normalised: NFKC, digits): after a keyword
 * (`client`, `customer`, `cpty`, `counterparty`, `on behalf of`, `obo`, `for`; `客户`, `客人`, `交易对手`),
 * or, in Chinese, an institution name ending in a bank type (农商/城商/银行/证券/基金…) with a specific
 * (not generic) prefix. A bank name followed by 存单/CD/债 is the issuer of what is traded, not the client.
 */
export function findClient(text: string, catalog: InstrumentCatalog): ClientMatch | null {
  const hits: ClientMatch[] = [];
  for (const m of text.matchAll(EN_KEY)) {
    const keyword = (m[1] ?? '').toLowerCase();
    const from = m.index + m[0].length;
    const next = text[from] ?? '';
    const name = /[\u4e00-\u9fa5]/.test(next) ? readZhName(text, from, catalog) : readEnName(text, from, keyword === 'for', catalog);
    if (name) {
      hits.push({ name: name.name.trim(), start: m.index, end: name.end });
      break;
    }
  }
  for (const m of text.matchAll(ZH_KEY)) {
    const from = m.index + m[0].length;
    const name = readZhName(text, from, catalog) ?? (/[A-Za-z]/.test(text[from] ?? '') ? readEnName(text, from, false, catalog) : null);
    if (name) {
      hits.push({ name: name.name.trim(), start: m.index, end: name.end });
      break;
    }
  }
  if (hits.length) return hits.sort((a, b) => a.start - b.start)[0] ?? null;

  ZH_NAME.lastIndex = 0;
  for (let m = ZH_NAME.exec(text); m; m = ZH_NAME.exec(text)) {
    let start = m.index;
    let prefix = m[1] ?? '';
    const end = start + m[0].length;
    if (LEAD_IN.test(prefix) && prefix.length > 2) {
      prefix = prefix.slice(1);
      start += 1;
    }
    // A generic, dated or issuer match is not a name at any later start either (`股份制银行` must not yield
    // `份制银行`). A leading dealing word may hide a name behind it (`收北京农商`): retry one character on.
    if (GENERIC_PREFIX.test(prefix) || /[个月年天周日号期]/.test(prefix) || ISSUER_AFTER.test(text.slice(end))) {
      ZH_NAME.lastIndex = end;
      continue;
    }
    if (startsWithDealingWord(prefix, catalog)) {
      ZH_NAME.lastIndex = m.index + 1;
      continue;
    }
    const leadStart = start > 0 && LEAD_IN.test(text[start - 1] ?? '') ? start - 1 : start;
    return { name: text.slice(start, end), start: leadStart, end };
  }
  return null;
}
