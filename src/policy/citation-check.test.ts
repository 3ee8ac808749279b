import { describe, expect, it } from 'vitest';
import { articleIndexFromLabels, verifyPolicyReply } from './citation-check.js';

const store = articleIndexFromLabels([
  '《华信银行授信管理办法》第十五条',
  '《华信银行授信管理办法》第十六条',
  '《华信银行授信管理办法》第十七条',
  'Huaxin Bank Trading Desk Conduct Rules, Article 23',
  'Huaxin Bank Trading Desk Conduct Rules, Article 24',
]);
const retrieved = ['《华信银行授信管理办法》第十六条', 'Huaxin Bank Trading Desk Conduct Rules, Article 23'];

describe('verifyPolicyReply', () => {
  it('passes citations that were retrieved, normalising Arabic article numbers', () => {
    const v = verifyPolicyReply('不可以。依据《华信银行授信管理办法》第16条，本行不得向关系人发放信用贷款。', retrieved, store);
    expect(v.ok).toBe(true);
    expect(v.citations).toEqual(['《华信银行授信管理办法》第十六条']);
    expect(v.reply).toBe('不可以。依据《华信银行授信管理办法》第16条，本行不得向关系人发放信用贷款。');
  });

  it('flags an existing article that was not retrieved and an article that does not exist', () => {
    const v = verifyPolicyReply('见《华信银行授信管理办法》第十七条和《华信银行授信管理办法》第九十九条。', retrieved, store);
    expect(v.ok).toBe(false);
    expect(v.findings.map((f) => [f.label, f.problem])).toEqual([
      ['《华信银行授信管理办法》第十七条', 'not_retrieved'],
      ['《华信银行授信管理办法》第九十九条', 'nonexistent'],
    ]);
    expect(v.reply).toContain('第十七条〔引用未通过核验〕');
    expect(v.reply).toContain('注：以下引用未通过核验');
    expect(v.citations).toEqual([]);
  });

  it('resolves a bare article number to the document cited before it', () => {
    const v = verifyPolicyReply('《华信银行授信管理办法》第十六条禁止此类贷款，第二百条另有规定。', retrieved, store);
    expect(v.findings[1]).toMatchObject({ label: '《华信银行授信管理办法》第二百条', problem: 'nonexistent' });
  });

  it('checks English citations by document title, before or after the article number', () => {
    const v = verifyPolicyReply(
      'No. Huaxin Bank Trading Desk Conduct Rules, Article 23 forbids it; see also Article 24 of the Huaxin Bank Trading Desk Conduct Rules.',
      retrieved,
      store,
    );
    expect(v.findings.map((f) => [f.label, f.ok])).toEqual([
      ['Huaxin Bank Trading Desk Conduct Rules, Article 23', true],
      ['Huaxin Bank Trading Desk Conduct Rules, Article 24', false],
    ]);
    expect(v.reply).toContain('Article 24 of the Huaxin Bank Trading Desk Conduct Rules [unverified citation]');
  });

  it('removes bad citations in remove mode and reports an unresolvable bare one', () => {
    const v = verifyPolicyReply('See Article 7.', retrieved, store, { mode: 'remove' });
    expect(v.findings[0]).toMatchObject({ label: null, problem: 'unresolved' });
    expect(v.reply.startsWith('See [unverified citation removed].')).toBe(true);
  });
});
