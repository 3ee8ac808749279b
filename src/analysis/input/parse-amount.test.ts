import { describe, expect, it } from 'vitest';
import { parseAmount } from './parse-amount.js';

describe('parseAmount', () => {
  it.each([
    ['394,328', 394328],
    ['(3,068)', -3068],
    ['-23.05', -23.05],
    ['−1,991', -1991],
    ['69,070,136,376.12', 69070136376.12],
    ['16,325.819', 16325.819],
    ['$ 1,234', 1234],
    ['（1,234.5）', -1234.5],
    ['0', 0],
    ['1 234 567', 1234567],
  ])('%s → %d', (raw, value) => {
    expect(parseAmount(raw)).toEqual({ kind: 'number', value });
  });

  it.each(['', '-', '—', '--', '－', 'n/a', '不适用'])('"%s" is empty (n/a), never zero', (raw) => {
    expect(parseAmount(raw)).toEqual({ kind: 'empty' });
  });

  it.each([
    ['abc', 'not a number'],
    ['12%', 'a percentage, not an amount'],
    ['1,5', 'misplaced thousands separator'],
    ['(-5)', 'both parentheses and a minus sign'],
  ])('rejects "%s" (%s)', (raw, reason) => {
    expect(parseAmount(raw)).toEqual({ kind: 'invalid', text: raw, reason });
  });
});
