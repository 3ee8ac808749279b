import { describe, expect, it } from 'vitest';
import { cnNumber, tokenize } from './tokenize.js';
import { amountsToDigits, wordsToDigits } from './normalize.js';
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
  it('reads w as 万 from 10 up and as weeks below', () => {
    expect(tokenize('5000W', testCatalog()).tokens[0]).toMatchObject({ t: 'size', v: 5e7 });
    expect(tokenize('5000w', testCatalog()).tokens[0]).toMatchObject({ t: 'size', v: 5e7 });
    expect(tokenize('10w', testCatalog()).tokens[0]).toMatchObject({ t: 'size', v: 1e5 });
    expect(tokenize('1W', testCatalog()).tokens[0]).toMatchObject({ t: 'tenor', v: '1W' });
    expect(tokenize('3w', testCatalog()).tokens[0]).toMatchObject({ t: 'tenor', v: '3W' });
  });
  it('spells out basis-point amounts and reads 个bp', () => {
    expect(amountsToDigits('give me half a bp')).toBe('give me 0.5bp');
    expect(amountsToDigits('a quarter of a bp better')).toBe('0.25bp better');
    expect(amountsToDigits('one pip better')).toBe('1pip better');
    expect(amountsToDigits('再让半个bp')).toBe('再让0.5bp');
    expect(amountsToDigits('让两个基点')).toBe('让2基点');
    // "一点" is "a little", not one point.
    expect(amountsToDigits('好一点')).toBe('好一点');
    expect(tokenize('让1个bp', testCatalog()).tokens[1]).toMatchObject({ t: 'num', v: 1, unit: 'bp' });
  });
  it('does not match a deal word glued by a hyphen to another word', () => {
    expect(kinds('pass-through')).toEqual(['unk']);
    expect(kinds('the bid-offer')).toEqual(['tag:filler', 'tag:rfq']);
    expect(kinds('two-way')).toEqual(['tag:rfq']);
  });
  it('reads a province bond name without its year as a bond name', () => {
    expect(tokenize('广东债12', testCatalog()).tokens[0]).toMatchObject({ t: 'bondname', raw: '广东债12' });
    expect(tokenize('广东债 1E', testCatalog()).tokens[0]).toMatchObject({ t: 'tag', tag: { k: 'issuer', v: 'LGB-GD' } });
  });
});
