/** Result of reading one numeric cell: empty (n/a, never zero), a number, or text that is not a number. */
export type AmountCell = { kind: 'empty' } | { kind: 'number'; value: number } | { kind: 'invalid'; text: string; reason: string };

const EMPTY = new Set(['', '-', '--', '—', '——', '–', '－', 'n/a', 'na', 'n.a.', '不适用', '/']);

/**
 * Parse an amount as printed: thousands separators, (parentheses) or a leading minus for negatives,
 * dashes for "nothing reported". Rejects anything else rather than guessing (e.g. "1,5" or "12%").
 */
export function parseAmount(raw: string): AmountCell {
  let s = raw.normalize('NFKC').replace(/\u00a0/gu, ' ').trim();
  if (EMPTY.has(s.toLowerCase())) return { kind: 'empty' };
  let negative = false;
  if (/^\(.*\)$/u.test(s)) {
    negative = true;
    s = s.slice(1, -1).trim();
  }
  s = s.replace(/^[$¥￥]\s*/u, '');
  if (/^[-\u2212]/u.test(s)) {
    if (negative) return { kind: 'invalid', text: raw, reason: 'both parentheses and a minus sign' };
    negative = true;
    s = s.slice(1).trim();
  }
  s = s.replace(/^[$¥￥]\s*/u, '');
  if (/^\d{1,3}(,\d{3})+(\.\d+)?$/u.test(s) || /^\d{1,3}( \d{3})+(\.\d+)?$/u.test(s)) s = s.replace(/[, ]/gu, '');
  if (!/^\d+(\.\d+)?$/u.test(s)) {
    const reason = /%$/u.test(s) ? 'a percentage, not an amount' : /,/u.test(s) ? 'misplaced thousands separator' : 'not a number';
    return { kind: 'invalid', text: raw, reason };
  }
  const value = Number(s);
  return { kind: 'number', value: negative ? -value : value };
}
