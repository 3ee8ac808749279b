import { describe, expect, it } from 'vitest';
import { cnToInt, intToCn } from './cn-numerals.js';

describe('cnToInt', () => {
  it.each([
    ['一', 1], ['十', 10], ['十二', 12], ['二十', 20], ['一百零一', 101], ['一百一十', 110],
    ['两千零三', 2003], ['一千二百六十', 1260], ['二〇二四', 2024], ['12', 12], ['１２', 12], ['一万零五', 10005],
  ])('%s → %d', (cn, n) => expect(cnToInt(cn)).toBe(n));

  it('rejects non-numerals instead of returning 0', () => {
    expect(cnToInt('本法')).toBeNull();
    expect(cnToInt('')).toBeNull();
  });
});

describe('intToCn', () => {
  it.each([[1, '一'], [10, '十'], [12, '十二'], [20, '二十'], [101, '一百零一'], [110, '一百一十'], [1010, '一千零一十'], [1260, '一千二百六十']])(
    '%d → %s',
    (n, cn) => expect(intToCn(n)).toBe(cn),
  );

  it('round-trips 1..1300', () => {
    for (let n = 1; n <= 1300; n++) expect(cnToInt(intToCn(n))).toBe(n);
  });
});
