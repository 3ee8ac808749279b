import { describe, expect, it } from 'vitest';
import { stem } from '../knowledge/tokens.js';
import { coverage, matchText, questionTerms } from './terms.js';

describe('question terms', () => {
  it('drops question words and keeps the content words of a Chinese question', () => {
    const terms = questionTerms('给关系人发放信用贷款可以吗？').map((t) => t.text);
    expect(terms).toContain('关系人');
    expect(terms).toContain('信用贷款');
    expect(terms).not.toContain('可以');
    expect(terms).not.toContain('吗');
  });

  it('stems English words and drops stop words', () => {
    expect(stem('trading')).toBe(stem('trades'));
    const terms = questionTerms('How long do we keep the recordings?').map((t) => t.text);
    expect(terms).not.toContain('how');
    expect(terms).toContain('record');
  });

  it('matches staff jargon through the rules\' wording', () => {
    const t = matchText('流动资金贷款期限一般不超过一年，最长不超过三年。');
    expect(coverage(questionTerms('流贷'), t)).toBe(1);
    expect(coverage(questionTerms('员工生日福利'), t)).toBe(0);
  });

  it('gives partial credit to a compound found only in pieces', () => {
    expect(questionTerms('信用贷款').map((t) => t.text)).toEqual(['信用贷款']);
    const c = coverage(questionTerms('信用贷款'), matchText('信用良好的企业可以获得贷款'));
    expect(c).toBeGreaterThan(0);
    expect(c).toBeLessThan(1);
  });
});
