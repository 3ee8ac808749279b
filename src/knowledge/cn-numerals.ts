/** Chinese numerals ↔ integers, as used in statute numbering (第一百零一条, 第二十三章). */

const DIGITS: Record<string, number> = {
  零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};
const UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
const CN_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** The character class for regexes matching a statute number (Chinese or Arabic digits). */
export const CN_NUMBER_CLASS = '[零〇一二两三四五六七八九十百千万0-9０-９]';

/**
 * Parse a Chinese (or Arabic, incl. full-width) numeral. Returns null for anything that is not one,
 * so a caller never silently gets 0 for garbage.
 */
export function cnToInt(raw: string): number | null {
  const s = raw.trim().replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
  if (s === '') return null;
  if (/^[0-9]+$/.test(s)) return Number(s);
  // Positional form without units, e.g. 二〇二四 (years).
  if (/^[零〇一二三四五六七八九]{2,}$/.test(s)) {
    return Number([...s].map((c) => DIGITS[c]).join(''));
  }
  let total = 0;
  let section = 0; // value below 万
  let digit: number | null = null;
  for (const c of s) {
    if (c in DIGITS) {
      digit = DIGITS[c] ?? 0;
    } else if (c in UNITS) {
      // A bare unit (十二) means one of it.
      section += (digit ?? 1) * (UNITS[c] ?? 0);
      digit = null;
    } else if (c === '万') {
      total += (section + (digit ?? 0)) * 10000;
      section = 0;
      digit = null;
    } else {
      return null;
    }
  }
  return total + section + (digit ?? 0);
}

/** 101 → 一百零一, 10 → 十, 110 → 一百一十 (the style used in statute headings). */
export function intToCn(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 99999999) throw new RangeError(`cannot render ${n} in Chinese numerals`);
  if (n === 0) return '零';
  if (n >= 10000) {
    const high = Math.floor(n / 10000);
    const low = n % 10000;
    if (low === 0) return `${intToCn(high)}万`;
    return `${intToCn(high)}万${low < 1000 ? '零' : ''}${intToCn(low)}`;
  }
  const units = ['千', '百', '十', ''];
  const parts = [Math.floor(n / 1000), Math.floor(n / 100) % 10, Math.floor(n / 10) % 10, n % 10];
  let out = '';
  let pendingZero = false;
  parts.forEach((d, i) => {
    if (d === 0) {
      if (out !== '') pendingZero = true;
      return;
    }
    if (pendingZero) out += '零';
    pendingZero = false;
    out += (CN_DIGITS[d] ?? '') + (units[i] ?? '');
  });
  // 一十二 → 十二 only when ten is the leading unit.
  return out.startsWith('一十') ? out.slice(1) : out;
}
