import { describe, expect, it } from 'vitest';
import { findClient } from './client.js';
import { testCatalog } from './test-catalog.js';

const name = (s: string) => findClient(s, testCatalog())?.name ?? null;

describe('findClient', () => {
  it('reads the planner\'s former cases and more keywords', () => {
    expect(name('for HXCB 220205 bid 50mm')).toBe('HXCB');
    expect(name('客户 江南农商 220205 收 5kw')).toBe('江南农商');
    expect(name('220205 5kw')).toBeNull();
    expect(name('client Jiangnan RCB 5y CDB')).toBe('Jiangnan RCB');
    expect(name('cpty: ABC 10y')).toBe('ABC');
    expect(name('customer Bank of Ningbo, 5y CDB')).toBe('Bank of Ningbo');
    expect(name('obo Sunrise Capital sell 220205')).toBe('Sunrise Capital');
    expect(name('客户是江南农商')).toBe('江南农商');
    expect(name('交易对手 华信证券 要 220205')).toBe('华信证券');
  });
  it('reads a keywordless Chinese institution name with a bank-type ending', () => {
    expect(name('江南城商行要 5年国开 1E')).toBe('江南城商行');
    expect(name('收北京农商 1Y国股存单 2E')).toBe('北京农商');
    expect(name('替平安理财问 7天')).toBe('平安理财');
    expect(name('成都农商 10年国债 出 2E')).toBe('成都农商');
  });
  it('returns the span to blank, keyword included', () => {
    const text = '客户 宁波城商 5年国开 1E 出';
    const hit = findClient(text, testCatalog());
    expect(hit && text.slice(hit.start, hit.end)).toBe('客户 宁波城商');
  });
  it('ignores sizes, dates, dealing words, generic bank types and NCD issuers after `for`/without keyword', () => {
    for (const s of [
      'bid 220205 at 1.89 for 1 yard', 'for CGB 10y', 'for AAA NCD 1Y', 'for March delivery', 'for T+1', 'for Monday',
      'for USD/CNY spot', 'client pays fixed', '3M城商CD 1.70', '6个月农商存单', '北京农商存单 1Y', '城市商业银行存单',
      '股份制银行 3M', '在银行间市场', '国家开发银行 5Y', '国债期货 T2603',
    ]) expect(name(s), s).toBeNull();
  });
});
