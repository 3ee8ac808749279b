/**
 * The LLM-path guard: every number in a model-written narrative must be one some tool output
 * contains. Matching forgives presentation only — percent vs fraction, thousands separators, sign,
 * and rounding to the decimals shown — never arithmetic the model did itself. Years, dates, article
 * and section numbers, list indices, footnote marks and identifiers (FY2024, X1, M8) are not figures.
 */

export interface UnsupportedNumber {
  /** The number as written, e.g. "12.5%". */
  text: string;
  value: number;
  index: number;
}

export interface NumberCheck {
  ok: boolean;
  /** Numbers no tool output contains, in order of appearance. */
  unsupported: UnsupportedNumber[];
  /** How many numbers were checked (after the ignore rules). */
  checked: number;
}

const NUMBER = /(?<![A-Za-z_\d.,])([-−–]?)(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(\s*%|\s*‰)?/g;

/** Spans that hold digits but no figure. Replaced by spaces so indices stay aligned. */
const IGNORE: RegExp[] = [
  /\[\d+(?:\s*[,，-]\s*\d+)*\]/g, // footnote marks [3] [3, 4]
  /^\s*(?:[-*+]\s+)?\(?\d+[.)、）]\s/gm, // list indices "1. " "2) " "3、"
  /^\s*[（(]\d+[）)]/gm, // "(1)" "（1）" at line start
  /第\s*\d+\s*[条节章款项年]/g, // 第12条, 第三节 in digits
  /(?:Article|Art\.|Section|section|Sec\.|§|Chapter|chapter|Rule|rule)\s*\d+(?:\.\d+)*/g,
  /\d{4}[-/.]\d{1,2}[-/.]\d{1,2}/g, // dates
  /\d{4}年\d{1,2}月(?:\d{1,2}日)?/g,
  /^#+\s*\d+(?:\.\d+)*\.?/gm, // numbered headings "## 2.1 Liquidity"
];

function isYear(raw: string): boolean {
  return /^(19|20)\d{2}$/.test(raw);
}

function numbersIn(text: string): Array<{ text: string; value: number; decimals: number; percent: boolean; permille: boolean; index: number; raw: string }> {
  let t = text;
  for (const re of IGNORE) t = t.replace(re, (m) => ' '.repeat(m.length));
  const out: Array<{ text: string; value: number; decimals: number; percent: boolean; permille: boolean; index: number; raw: string }> = [];
  for (const m of t.matchAll(NUMBER)) {
    const raw = m[2] ?? '';
    const plain = raw.replace(/,/g, '');
    const frac = plain.split('.')[1];
    const suffix = (m[3] ?? '').trim();
    out.push({
      text: text.slice(m.index, m.index + m[0].length).trim(),
      value: Number(plain) * (m[1] ? -1 : 1),
      decimals: frac ? frac.length : 0,
      percent: suffix === '%',
      permille: suffix === '‰',
      index: m.index,
      raw,
    });
  }
  return out;
}

/** Every number in a tool output: numeric fields and numbers written inside strings (formulas, notes). */
export function collectNumbers(values: readonly unknown[]): number[] {
  const set = new Set<number>();
  const walk = (v: unknown, depth: number): void => {
    if (depth > 40) return;
    if (typeof v === 'number') {
      if (Number.isFinite(v)) set.add(Math.abs(v));
    } else if (typeof v === 'string') {
      // "84.4%" inside a message stands for the fraction 0.844 as well.
      for (const n of numbersIn(v)) {
        set.add(Math.abs(n.value));
        if (n.percent) set.add(Math.abs(n.value) / 100);
        if (n.permille) set.add(Math.abs(n.value) / 1000);
      }
    } else if (Array.isArray(v)) {
      for (const x of v) walk(x, depth + 1);
    } else if (v && typeof v === 'object') {
      for (const x of Object.values(v)) walk(x, depth + 1);
    }
  };
  for (const v of values) walk(v, 0);
  return [...set].sort((a, b) => a - b);
}

/** Is some known value within [lo, hi]? (known is sorted ascending) */
function anyWithin(known: readonly number[], lo: number, hi: number): boolean {
  let a = 0;
  let b = known.length;
  while (a < b) {
    const mid = (a + b) >> 1;
    if ((known[mid] as number) < lo) a = mid + 1;
    else b = mid;
  }
  return a < known.length && (known[a] as number) <= hi;
}

/** A shown number matches a known value when the known value rounds to it at the shown decimals. */
function supported(known: readonly number[], shown: number, decimals: number, scales: readonly number[]): boolean {
  const half = 0.5 * 10 ** -decimals;
  const eps = 1e-9 * Math.max(1, shown);
  return scales.some((s) => anyWithin(known, (shown - half - eps) / s, (shown + half + eps) / s));
}

/**
 * Checks a narrative against tool outputs (`analysis` first, then any other outputs of the turn).
 * Returns the numbers it cannot find; `ok` when there are none.
 */
export function validateMemoNumbers(text: string, analysis: unknown, ...more: unknown[]): NumberCheck {
  const known = collectNumbers([analysis, ...more]);
  const unsupported: UnsupportedNumber[] = [];
  let checked = 0;
  for (const n of numbersIn(text)) {
    const abs = Math.abs(n.value);
    if (!n.percent && !n.permille && n.decimals === 0 && !n.raw.includes(',') && isYear(n.raw)) continue;
    // 0 and 1 are thresholds and counts in every sentence, not figures a model could invent.
    if (!n.percent && n.decimals === 0 && abs <= 1) continue;
    checked++;
    // 12.5% ↔ 0.125; a bare 12.5 may also be a percentage written without the sign.
    const scales = n.percent ? [100] : n.permille ? [1000] : [1, 100];
    if (!supported(known, abs, n.decimals, scales)) unsupported.push({ text: n.text, value: n.value, index: n.index });
  }
  return { ok: unsupported.length === 0, unsupported, checked };
}
