/**
 * Products the desk does not quote that need more than a lexicon word to recognise: other FX pairs
 * (`USD/JPY`, `EURCNH`, `欧元兑人民币`), credit-bond short names (`22华能MTN001`) and `CDS` in capitals
 * (lower-case `cds` are NCDs). Found on the normalised text before tokenising and blanked out, so
 * `USD` in `USDJPY` never turns the line into USD/CNY. Single words (gold, 中票, equity…) are lexicon
 * entries (`unsupported` tags, lexicon.ts).
 */

export interface UnsupportedMatch {
  /** `USD/JPY`-style pair, or a product label (`credit bond`, `CDS`). */
  label: string;
  start: number;
  end: number;
}

const ISO = [
  'USD', 'EUR', 'JPY', 'GBP', 'CNH', 'CNY', 'AUD', 'NZD', 'CAD', 'CHF', 'HKD', 'SGD', 'KRW', 'MYR', 'THB', 'RUB',
  'ZAR', 'SEK', 'NOK', 'DKK', 'MXN', 'TRY', 'INR', 'IDR', 'PHP', 'TWD', 'BRL', 'PLN', 'HUF', 'CZK', 'AED', 'SAR',
  'KZT', 'MOP', 'XAU', 'XAG',
];
const ISO_RE = ISO.join('|');
/** `USD/JPY`, `usdjpy`, `EUR.CNH`, `EUR-CNH`, `USD JPY`. */
const PAIR_EN = new RegExp(`(?<![A-Za-z])(${ISO_RE})\\s?[/.-]?\\s?(${ISO_RE})(?![A-Za-z])`, 'gi');

const ZH_CCY: Record<string, string> = {
  美元: 'USD', 美金: 'USD', 欧元: 'EUR', 日元: 'JPY', 英镑: 'GBP', 港币: 'HKD', 港元: 'HKD', 澳元: 'AUD', 纽元: 'NZD',
  加元: 'CAD', 加币: 'CAD', 瑞郎: 'CHF', 瑞士法郎: 'CHF', 新加坡元: 'SGD', 新元: 'SGD', 韩元: 'KRW', 卢布: 'RUB',
  泰铢: 'THB', 林吉特: 'MYR', 离岸人民币: 'CNH', 人民币: 'CNY',
};
const ZH_RE = Object.keys(ZH_CCY).sort((a, b) => b.length - a.length).join('|');
/** `欧元兑人民币`, `美元兑日元`, `欧元人民币`, `欧元/日元`. */
const PAIR_ZH = new RegExp(`(${ZH_RE})\\s*(?:兑|对|/)?\\s*(${ZH_RE})`, 'g');

/** Market nicknames of pairs. */
const NICKNAMES: [RegExp, string][] = [
  [/\bcable\b/gi, 'GBP/USD'],
  [/\bdollar[\s-]yen\b/gi, 'USD/JPY'],
  [/\baussie\b/gi, 'AUD/USD'],
  [/\bkiwi\b/gi, 'NZD/USD'],
  [/\bloonie\b/gi, 'USD/CAD'],
  [/\bswissy\b/gi, 'USD/CHF'],
];

/** Credit-bond short names (market-conventions §1.1): `22华能MTN001`, `23XXSCP005`, `24XXPPN002`. */
const CREDIT_NAME = /\d{2}[\u4e00-\u9fa5A-Za-z]{1,10}?(?:MTN|SCP|CP|PPN|ABN)\d{2,3}(?!\d)/gi;
/** `CDS` in capitals is a credit default swap, unless NCD words around it say it means CDs. */
const CDS_CAPS = /(?<![A-Za-z])CDS(?![A-Za-z])/g;
const NCD_CONTEXT = /存单|国股|城商|农商|大行|股份|AAA|AA\+|\bncds?\b|\bcity\b|\brural\b|\bstate\b|\bjoint\b|\bjsb\b/i;

function isSupported(a: string, b: string, supported: readonly string[]): boolean {
  const onshore = (c: string) => c === 'CNY' || c === 'CNH';
  if (supported.includes(`${a}/${b}`) || supported.includes(`${b}/${a}`)) return true;
  // USD/CNH is read as USD/CNY (the lexicon's alias): the desk quotes the onshore pair for it.
  return supported.some((p) => {
    const [x, y] = p.split('/');
    return (x === a && onshore(b) && y !== undefined && onshore(y)) || (x === b && onshore(a) && y !== undefined && onshore(y));
  });
}

/** The first unsupported FX pair, credit name or capital `CDS` in `text`, with its span. */
export function findUnsupported(text: string, supportedPairs: readonly string[]): UnsupportedMatch | null {
  const hits: UnsupportedMatch[] = [];
  for (const m of text.matchAll(PAIR_EN)) {
    const a = (m[1] ?? '').toUpperCase();
    const b = (m[2] ?? '').toUpperCase();
    if (a === b || isSupported(a, b, supportedPairs)) continue;
    // Two bare currency words with only a space between are a pair only in capitals (`USD JPY`), not `usd cny settle`.
    hits.push({ label: `${a}/${b}`, start: m.index, end: m.index + m[0].length });
  }
  for (const m of text.matchAll(PAIR_ZH)) {
    const a = ZH_CCY[m[1] ?? ''] ?? '';
    const b = ZH_CCY[m[2] ?? ''] ?? '';
    if (!a || !b || a === b || isSupported(a, b, supportedPairs)) continue;
    hits.push({ label: `${a}/${b}`, start: m.index, end: m.index + m[0].length });
  }
  for (const [re, label] of NICKNAMES) {
    for (const m of text.matchAll(re)) hits.push({ label, start: m.index, end: m.index + m[0].length });
  }
  for (const m of text.matchAll(CREDIT_NAME)) hits.push({ label: 'credit bond', start: m.index, end: m.index + m[0].length });
  if (!NCD_CONTEXT.test(text)) {
    for (const m of text.matchAll(CDS_CAPS)) hits.push({ label: 'CDS', start: m.index, end: m.index + m[0].length });
  }
  return hits.sort((x, y) => x.start - y.start)[0] ?? null;
}
