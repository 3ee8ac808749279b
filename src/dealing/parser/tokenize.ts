/**
 * Tokeniser for dealer chat (Chinese interbank shorthand and English dealer chat).
 *
 * Grammar (after NFKC folding and number-word rewriting; matching is case-insensitive except where noted):
 *
 *   message  := (token | separator)*            separator := whitespace , ， 。 、 ; : ! ? ( ) …
 *   token    := date | settle | repocode | phrase | two-way | code | size | tenor | ttl | number | unknown
 *   date     := YYYY-MM-DD | D[-]Mon[-YYYY] | Mon D[st|nd|rd|th][, YYYY] | [YYYY年]M月D[日|号]
 *   settle   := [T] "+" 0..4                      (`+0`, `T+1`; `明天+0` = day word + settle)
 *   repocode := (R|DR|FR|FDR|IBO) NNN             (`DR007` → 7D)
 *   phrase   := longest lexicon entry (lexicon.ts) or bond short name / alias / code from the catalog
 *   two-way  := num "/" num                       (`2.15/2.13`, `-1103/-1097`)
 *   code     := 6, 7 or 9 digits [.IB|.SH|.SZ]    (bond / LGB / NCD code; not followed by a size unit)
 *   size     := num [个] unit [ccy]               unit: 万 w 千万 亿 kw E mm mio mn m bn b yard bucks k
 *                                                 (`m`: million, except `M`/`1m 3m 6m…` with no currency = month;
 *                                                  `w`: 万 from 10 up (`5000w`), else weeks (`1W`, `2w`))
 *   tenor    := num [-] (Y|年|M|个月|W|周|D|天|year|month|week|day)   (`5y`, `5Y`, `5年`, `10-year`, `3个月`)
 *             | ON TN SN SW (upper case) | 隔夜 O/N 001 007 014 021
 *   ttl      := N "s" after `firm` (seconds) or a clock time `10:30`; otherwise `10s` = 10Y (English bond slang)
 *   number   := [-] digits[.digits] [% | bp | bps | 基点 | 个bp | 个基点 | pips | 点]
 *   num      := Arabic digits (with , thousands) or Chinese numerals (一二两三…十百)
 *   unknown  := a run of CJK characters or an ASCII word the lexicon does not know
 */
import type { CatalogBond, InstrumentCatalog } from './catalog.js';
import { LEXICON, PROVINCES, type Tag } from './lexicon.js';
import { asciiLower, normalizeText } from './normalize.js';

interface At {
  raw: string;
  i: number;
}
export type Token =
  | (At & { t: 'tag'; tag: Tag })
  | (At & { t: 'bond'; bond: CatalogBond })
  | (At & { t: 'code'; v: string })
  | (At & { t: 'bondname' })
  | (At & { t: 'size'; v: number; ccy: string | null })
  | (At & { t: 'num'; v: number; dp: number; unit: 'pct' | 'bp' | 'pips' | null })
  | (At & { t: 'two'; a: number; b: number })
  | (At & { t: 'tenor'; v: string })
  | (At & { t: 'ttl' })
  | (At & { t: 'settle'; n: number })
  | (At & { t: 'repocode'; code: string; tenor: string })
  | (At & { t: 'date'; year: number | null; month: number; day: number })
  | (At & { t: 'unk' });

type Entry = { phrase: string; item: { tag: Tag } | { bond: CatalogBond } };

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
};
const MON = '(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\.?';
const CN_NUM = '[零一二两三四五六七八九十百]+';
const NUM = `(?:\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.\\d+)?`;

const RE = {
  sep: /[\s,;:!?()[\]{}"~|，。、；：！？（）【】…·=*<>]+/y,
  isoDate: /(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)/y,
  dayMon: new RegExp(`(\\d{1,2})[-\\s]?${MON}(?:[-\\s,]+(\\d{4}))?(?![a-z])`, 'y'),
  monDay: new RegExp(`${MON}\\s+(\\d{1,2})(?:st|nd|rd|th)?(?:,?\\s+(\\d{4}))?(?![\\d])`, 'y'),
  cnDate: /(?:(\d{4})年)?(\d{1,2})月(\d{1,2})[日号]/y,
  time: /\d{1,2}:\d{2}(?::\d{2})?(?!\d)/y,
  // With an explicit T any day count is a settlement (T+5 is then refused as not offered); a bare +n only up to +4.
  settle: /(?:t\s*\+\s*([0-9])|\+\s*([0-4]))(?![\d.])/y,
  repocode: /(fdr|dr|fr|r|ibo)(\d{3})(?![\d])/y,
  two: /(-?\d+(?:\.\d+)?)\s*\/\s*(-?\d+(?:\.\d+)?)(?![\d.])/y,
  code: /(\d{6}|\d{7}|\d{9})(?:\.(?:ib|sh|sz))?(?![\d.])/y,
  size: new RegExp(
    `(${NUM}|${CN_NUM})\\s*个?\\s*(千万|亿|万|kw|mm|mio|mln|mn|millions?|bn|billions?|yards?|yds?|bucks|e|m|b|k|w)(?![a-z0-9])(?:\\s*(美元|美金|元|人民币|usd|cny|dollars))?`,
    'y',
  ),
  tenor: new RegExp(
    `(\\d+(?:\\.\\d+)?|${CN_NUM})\\s*-?\\s*(years?|yrs?|年期|年|y|months?|mos?|mths?|个月|月|m|weeks?|wks?|w|周|星期|days?|d|天)(?![a-z0-9])`,
    'y',
  ),
  sTenor: /(\d{1,2})s(?![a-z0-9])/y,
  upperTenor: /(ON|TN|SN|SW)(?![A-Za-z0-9])/y,
  number: new RegExp(`(-)?(${NUM})\\s*(%|个\\s*bps?|bps|bp|basis points?|个?基点|pips?|个点|点)?`, 'y'),
  shortName: /\d{2}(?:附息国债|贴现国债|国债|国开|进出|农发|[\u4e00-\u9fa5]{1,6}?债)\d{2,3}(?!\d)/y,
  // A province bond written without its year (`广东债12`): the catalog's aliases catch the known ones first.
  provName: new RegExp(`(?:${Object.keys(PROVINCES).join('|')})(?:地方)?债\\d{2,3}(?!\\d)`, 'y'),
  word: /[a-z$€£¥][a-z0-9'\-.]*/y,
};

const CN_DIGITS: Record<string, number> = { 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** `十五` → 15, `二十` → 20, `五百` → 500, `两` → 2. */
export function cnNumber(s: string): number | null {
  if (/^[\d,.]+$/.test(s)) return Number(s.replace(/,/g, ''));
  let total = 0;
  let cur = 0;
  for (const ch of s) {
    if (ch in CN_DIGITS) cur = CN_DIGITS[ch] ?? 0;
    else if (ch === '十') {
      total += (cur || 1) * 10;
      cur = 0;
    } else if (ch === '百') {
      total += (cur || 1) * 100;
      cur = 0;
    } else return null;
  }
  return total + cur;
}

const SIZE_UNIT: Record<string, number> = {
  千万: 1e7, 亿: 1e8, 万: 1e4, kw: 1e7, e: 1e8, mm: 1e6, mio: 1e6, mln: 1e6, mn: 1e6, million: 1e6,
  millions: 1e6, m: 1e6, bn: 1e9, billion: 1e9, billions: 1e9, b: 1e9, yard: 1e9, yards: 1e9, yd: 1e9,
  yds: 1e9, bucks: 1e6, k: 1e3, w: 1e4,
};
/** `w` (万) below this count is a week tenor (`1W`, `3w`): no one trades 9万 but FX/MM tenors run 1W–4W. */
const MIN_WAN_COUNT = 10;
const CCY_WORD: Record<string, string> = {
  美元: 'USD', 美金: 'USD', usd: 'USD', dollars: 'USD', 元: 'CNY', 人民币: 'CNY', cny: 'CNY',
};
/** Lower-case `m` after these counts is a month tenor (`3m`, `1m`), not millions, absent a currency. */
const MONTH_COUNTS = new Set([1, 2, 3, 4, 6, 9, 12, 18]);

const indexCache = new WeakMap<InstrumentCatalog, Map<string, Entry[]>>();

/** Phrases (fixed lexicon + the catalog's codes, short names and aliases) grouped by first char, longest first. */
function phraseIndex(catalog: InstrumentCatalog): Map<string, Entry[]> {
  const hit = indexCache.get(catalog);
  if (hit) return hit;
  const idx = new Map<string, Entry[]>();
  const add = (phrase: string, item: Entry['item']) => {
    const p = asciiLower(phrase.normalize('NFKC'));
    const first = p[0];
    if (!first) return;
    const list = idx.get(first) ?? [];
    list.push({ phrase: p, item });
    idx.set(first, list);
  };
  for (const [phrase, tag] of LEXICON) add(phrase, { tag });
  for (const b of catalog.bonds) {
    for (const n of [b.shortName, ...b.aliases]) add(n, { bond: b });
  }
  for (const bucket of catalog.ncdBuckets) for (const n of bucket.names) add(n, { tag: { k: 'bucket', v: bucket.id } });
  for (const list of idx.values()) list.sort((a, b) => b.phrase.length - a.phrase.length);
  indexCache.set(catalog, idx);
  return idx;
}

const isWordChar = (c: string | undefined) => c !== undefined && /[a-z0-9]/.test(c);
const HYPHEN_SENSITIVE = new Set<Tag['k']>(['side', 'accept', 'pass', 'cancel', 'confirm', 'refresh', 'amend', 'relative', 'counter', 'hist', 'now']);

function exec(re: RegExp, s: string, i: number): RegExpExecArray | null {
  re.lastIndex = i;
  return re.exec(s);
}

export interface Tokenized {
  text: string;
  tokens: Token[];
}

export function tokenize(input: string, catalog: InstrumentCatalog): Tokenized {
  const text = normalizeText(input).replace(/\s+/g, ' ').trim();
  const low = asciiLower(text);
  const idx = phraseIndex(catalog);
  const codes = new Map<string, CatalogBond>();
  for (const b of catalog.bonds) codes.set(b.code, b);
  const tokens: Token[] = [];
  let unkStart = -1;
  const flushUnk = (end: number) => {
    if (unkStart >= 0) tokens.push({ t: 'unk', raw: text.slice(unkStart, end), i: unkStart });
    unkStart = -1;
  };
  const push = (tok: Token) => {
    flushUnk(tok.i);
    tokens.push(tok);
  };
  const prevTag = (): Tag | null => {
    const p = tokens[tokens.length - 1];
    return p && p.t === 'tag' ? p.tag : null;
  };

  let i = 0;
  while (i < low.length) {
    const atWordStart = !isWordChar(low[i - 1]);
    let m: RegExpExecArray | null;
    // Separators (a lone `-`, `/` or `.` between tokens too).
    if ((m = exec(RE.sep, low, i)) || (/[-/.]/.test(low[i] ?? '') && !/[\d]/.test(low[i + 1] ?? ''))) {
      flushUnk(i);
      i += m ? m[0].length : 1;
      continue;
    }
    if (atWordStart && (m = exec(RE.isoDate, low, i))) {
      push({ t: 'date', year: Number(m[1]), month: Number(m[2]), day: Number(m[3]), raw: m[0], i });
      i += m[0].length;
      continue;
    }
    if (atWordStart && ((m = exec(RE.dayMon, low, i)) || (m = exec(RE.monDay, low, i)))) {
      const dayFirst = /^\d/.test(m[0]);
      const day = Number(dayFirst ? m[1] : m[2]);
      const month = MONTHS[(dayFirst ? m[2] : m[1]) ?? ''] ?? 0;
      if (month && day >= 1 && day <= 31) {
        push({ t: 'date', year: m[3] ? Number(m[3]) : null, month, day, raw: text.slice(i, i + m[0].length), i });
        i += m[0].length;
        continue;
      }
    }
    if ((m = exec(RE.cnDate, low, i))) {
      push({ t: 'date', year: m[1] ? Number(m[1]) : null, month: Number(m[2]), day: Number(m[3]), raw: m[0], i });
      i += m[0].length;
      continue;
    }
    if (atWordStart && (m = exec(RE.time, low, i))) {
      push({ t: 'ttl', raw: m[0], i });
      i += m[0].length;
      continue;
    }
    if ((atWordStart || low[i] === '+') && (m = exec(RE.settle, low, i))) {
      push({ t: 'settle', n: Number(m[1] ?? m[2]), raw: text.slice(i, i + m[0].length), i });
      i += m[0].length;
      continue;
    }
    if (atWordStart && (m = exec(RE.repocode, low, i))) {
      const days = Number(m[2]);
      const prefix = (m[1] ?? '').toUpperCase();
      push({ t: 'repocode', code: `${prefix}${m[2]}`, tenor: `${days}D`, raw: text.slice(i, i + m[0].length), i });
      i += m[0].length;
      continue;
    }
    if (atWordStart && (m = exec(RE.upperTenor, text, i))) {
      push({ t: 'tenor', v: m[1] ?? '', raw: m[0], i });
      i += m[0].length;
      continue;
    }
    // Chinese numerals are also filler words (`一下`), so try `一亿` / `十年` before the lexicon.
    if (/[零一二两三四五六七八九十百]/.test(low[i] ?? '') && (m = exec(RE.size, low, i) ?? exec(RE.tenor, low, i))) {
      const n = cnNumber(m[1] ?? '');
      const unit = m[2] ?? '';
      if (n !== null && unit in SIZE_UNIT && !(unit === 'w' && n < MIN_WAN_COUNT)) {
        push({ t: 'size', v: n * (SIZE_UNIT[unit] ?? 1), ccy: m[3] ? (CCY_WORD[m[3]] ?? null) : null, raw: text.slice(i, i + m[0].length), i });
        i += m[0].length;
        continue;
      }
    }
    // Longest lexicon / catalog phrase.
    const cands = idx.get(low[i] ?? '');
    let matched: Entry | null = null;
    if (cands && (atWordStart || !isWordChar(low[i]))) {
      for (const e of cands) {
        if (!low.startsWith(e.phrase, i)) continue;
        const last = e.phrase[e.phrase.length - 1];
        if (isWordChar(last) && isWordChar(low[i + e.phrase.length])) continue;
        // `pass-through`, `the bid-offer`: a deal word glued by a hyphen to another word is part of that word.
        if (isWordChar(last) && low[i + e.phrase.length] === '-' && /[a-z]/.test(low[i + e.phrase.length + 1] ?? '') && 'tag' in e.item && HYPHEN_SENSITIVE.has(e.item.tag.k)) continue;
        // `1E` must not be eaten by a catalog alias that is a prefix of a longer number.
        matched = e;
        break;
      }
    }
    // `广东债12` (no year, not in the catalog) is a bond name, not the issuer word `广东债` and a level 12.
    if ((m = exec(RE.provName, low, i)) && (!matched || matched.phrase.length < m[0].length)) {
      push({ t: 'bondname', raw: m[0], i });
      i += m[0].length;
      continue;
    }
    if (matched) {
      const raw = text.slice(i, i + matched.phrase.length);
      if ('bond' in matched.item) push({ t: 'bond', bond: matched.item.bond, raw, i });
      else if (matched.item.tag.k === 'tenor') push({ t: 'tenor', v: matched.item.tag.v, raw, i });
      else push({ t: 'tag', tag: matched.item.tag, raw, i });
      i += matched.phrase.length;
      continue;
    }
    if (/[\d零一二两三四五六七八九十百-]/.test(low[i] ?? '') && (atWordStart || !isWordChar(low[i]))) {
      if ((m = exec(RE.shortName, low, i))) {
        push({ t: 'bondname', raw: m[0], i });
        i += m[0].length;
        continue;
      }
      if ((m = exec(RE.two, low, i))) {
        push({ t: 'two', a: Number(m[1]), b: Number(m[2]), raw: m[0], i });
        i += m[0].length;
        continue;
      }
      if ((m = exec(RE.code, low, i)) && !exec(RE.size, low, i)) {
        const code = (m[1] ?? '');
        const known = codes.get(code);
        if (known) push({ t: 'bond', bond: known, raw: m[0], i });
        else push({ t: 'code', v: code, raw: m[0], i });
        i += m[0].length;
        continue;
      }
      if ((m = exec(RE.size, low, i))) {
        const n = cnNumber(m[1] ?? '');
        const unit = m[2] ?? '';
        const origUnit = text[i + m[0].indexOf(unit, (m[1] ?? '').length)];
        const pt = prevTag();
        const ccyBefore = pt?.k === 'ccy' || pt?.k === 'size';
        // `1M` (upper case, a usual month count) is a tenor even after a currency word (`美元 1M远期`).
        const isMonth =
          unit === 'm' && n !== null && !m[3] && ((origUnit === 'M' && MONTH_COUNTS.has(n)) || (!ccyBefore && (origUnit === 'M' || MONTH_COUNTS.has(n))));
        const isWeek = unit === 'w' && n !== null && n < MIN_WAN_COUNT;
        if (n !== null && !isMonth && !isWeek) {
          const ccy = m[3] ? (CCY_WORD[m[3]] ?? null) : unit === 'bucks' ? 'USD' : null;
          push({ t: 'size', v: Math.round(n * (SIZE_UNIT[unit] ?? 1) * 100) / 100, ccy, raw: text.slice(i, i + m[0].length), i });
          i += m[0].length;
          continue;
        }
      }
      if ((m = exec(RE.tenor, low, i))) {
        const n = cnNumber(m[1] ?? '');
        const u = (m[2] ?? '')[0] ?? '';
        const unit = /[y年]/.test(u) ? 'Y' : /[m个月]/.test(u) ? 'M' : /[w周星]/.test(u) ? 'W' : 'D';
        if (n !== null) {
          push({ t: 'tenor', v: `${n}${unit}`, raw: text.slice(i, i + m[0].length), i });
          i += m[0].length;
          continue;
        }
      }
      if ((m = exec(RE.sTenor, low, i))) {
        const pt = prevTag();
        if (pt?.k === 'firm' || tokens[tokens.length - 1]?.t === 'num') push({ t: 'ttl', raw: m[0], i });
        else push({ t: 'tenor', v: `${m[1]}Y`, raw: m[0], i });
        i += m[0].length;
        continue;
      }
      if ((m = exec(RE.number, low, i)) && m[2]) {
        const digits = (m[2] ?? '').replace(/,/g, '');
        const dp = digits.includes('.') ? (digits.split('.')[1] ?? '').length : 0;
        const u = m[3] ?? '';
        const unit = u === '%' ? 'pct' : /(bps?|basis|基点)/.test(u) ? 'bp' : u ? 'pips' : null;
        push({ t: 'num', v: Number((m[1] ?? '') + digits), dp, unit, raw: text.slice(i, i + m[0].length), i });
        i += m[0].length;
        continue;
      }
    }
    if (/[a-z$€£¥]/.test(low[i] ?? '') && atWordStart && (m = exec(RE.word, low, i))) {
      const w = m[0].replace(/[.\-']+$/, '');
      push({ t: 'unk', raw: text.slice(i, i + w.length), i });
      i += Math.max(1, w.length);
      continue;
    }
    // Anything else (CJK or symbols) joins the current unknown run.
    if (unkStart < 0) unkStart = i;
    i += 1;
  }
  flushUnk(low.length);
  return { text, tokens };
}
