import { describe, expect, it } from 'vitest';
import { cleanQuery, expansionTerms } from './expand.js';

describe('query cleaning and glossary expansion', () => {
  it('strips question boilerplate but keeps the substance', () => {
    expect(cleanQuery('请问律师，老公欠钱不还怎么办？')).toBe('律师，老公欠钱不还 ？');
    expect(cleanQuery('有什么规定')).toBe('有什么规定'); // nothing left: the original stands
  });

  it('maps colloquial Chinese to statutory wording', () => {
    const t = expansionTerms('我老公欠钱不还，房东还扣押金');
    expect(t).toEqual(expect.arrayContaining(['配偶', '借款', '出租人', '保证金']));
    expect(expansionTerms('天气很好')).toEqual([]);
  });

  it('crosses English and Chinese banking terms in both directions, on whole words', () => {
    expect(expansionTerms('How long do we keep KYC records?')).toEqual(expect.arrayContaining(['客户身份识别', '保存']));
    expect(expansionTerms('给关系人发放信用贷款')).toEqual(expect.arrayContaining(['related', 'party', 'unsecured']));
    // "limit" inside "limitation" or "kyc" inside a longer token is not a match.
    expect(expansionTerms('statute of limitations')).not.toContain('限额');
    expect(expansionTerms('kycx')).toEqual([]);
  });

  it('leaves out terms already in the query', () => {
    expect(expansionTerms('抵押 collateral')).not.toContain('抵押');
  });
});
