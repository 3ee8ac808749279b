import { describe, expect, it } from 'vitest';
import { cjkBigrams, ftsOrQuery, gramTokens, latinWords, stem, wordTokens } from './tokens.js';

describe('tokens', () => {
  it('makes CJK bigrams per run, keeping 1-character runs', () => {
    expect(cjkBigrams('关系人，贷')).toEqual(['关系', '系人', '贷']);
  });

  it('segments Chinese words with jieba (2-character words survive) and drops function words', () => {
    const w = wordTokens('商业银行的关系人贷款');
    expect(w).toContain('商业银行');
    expect(w).toContain('银行');
    expect(w).toContain('贷款');
    expect(w).not.toContain('的');
  });

  it('lower-cases and stems English, dropping stop words', () => {
    expect(latinWords('The Records are kept for KYC checks')).toEqual(['record', 'kept', 'kyc', 'check']);
    expect(stem('policies')).toBe('policy');
    expect(stem('trading')).toBe(stem('trade'));
    expect(stem('traded')).toBe('trad');
    expect(gramTokens('KYC 记录')).toEqual(['记录', 'kyc']);
  });

  it('builds a safe FTS5 OR query', () => {
    expect(ftsOrQuery(['贷款', 'a"b', '贷款', 'kyc'])).toBe('"贷款" OR "kyc"');
  });
});
