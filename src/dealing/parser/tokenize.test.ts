import { describe, expect, it } from 'vitest';
import { cnNumber, tokenize } from './tokenize.js';
import { wordsToDigits } from './normalize.js';
import { testCatalog } from './test-catalog.js';

const kinds = (s: string) => tokenize(s, testCatalog()).tokens.map((t) => (t.t === 'tag' ? `tag:${t.tag.k}` : t.t));

describe('tokenize', () => {
  it('splits mixed scripts without spaces', () => {
    expect(kinds('5年国开2.15出1E+0')).toEqual(['tenor', 'tag:issuer', 'num', 'tag:side', 'size', 'settle']);
    expect(kinds('1Y国股CD')).toEqual(['tenor', 'tag:bucket', 'tag:ncd']);
  });
  it('folds full-width characters', () => {
    expect(kinds('１Ｅ ２２国开０５ ＋０')).toEqual(['size', 'bond', 'settle']);
  });
  it('reads two-way quotes, tenors and settlement codes', () => {
    const toks = tokenize('2.15/2.13 5y 5Y 5年 T+1 +0', testCatalog()).tokens;
    expect(toks[0]).toMatchObject({ t: 'two', a: 2.15, b: 2.13 });
    expect(toks.slice(1, 4).map((t) => (t.t === 'tenor' ? t.v : null))).toEqual(['5Y', '5Y', '5Y']);
    expect(toks.slice(4).map((t) => (t.t === 'settle' ? t.n : null))).toEqual([1, 0]);
  });
  it('tells month tenors from millions', () => {
    expect(tokenize('USD/CNY 1M', testCatalog()).tokens[1]).toMatchObject({ t: 'tenor', v: '1M' });
    expect(tokenize('notional 10m', testCatalog()).tokens[1]).toMatchObject({ t: 'size', v: 1e7 });
    expect(tokenize('3m swap', testCatalog()).tokens[0]).toMatchObject({ t: 'tenor', v: '3M' });
  });
  it('distinguishes a bond code from a size and a repo code', () => {
    expect(tokenize('220205', testCatalog()).tokens[0]).toMatchObject({ t: 'bond' });
    expect(tokenize('220299', testCatalog()).tokens[0]).toMatchObject({ t: 'code', v: '220299' });
    expect(tokenize('DR007', testCatalog()).tokens[0]).toMatchObject({ t: 'repocode', code: 'DR007', tenor: '7D' });
  });
  it('converts number words and Chinese numerals', () => {
    expect(wordsToDigits('three point five percent, ten year, two-way')).toBe('3.5 percent, 10 year, two-way');
    expect(wordsToDigits('plus twenty basis points')).toBe('plus 20 basis points');
    expect(cnNumber('十五')).toBe(15);
    expect(cnNumber('二十')).toBe(20);
    expect(cnNumber('两')).toBe(2);
  });
});
