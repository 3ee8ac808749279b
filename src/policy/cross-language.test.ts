import { describe, expect, it } from 'vitest';
import { buildAnswer } from './answer.js';
import { DEFAULT_EVIDENCE_OPTIONS, scoreHits } from './evidence.js';
import type { PolicyHit } from './schemas.js';
import { coverage, expandedQuery, matchText, questionTerms } from './terms.js';

const AML = '华信银行客户身份识别与反洗钱操作规程';
const DESK = 'Huaxin Bank Trading Desk Conduct Rules';
const hit = (label: string, article: number, text: string, score: number, doc: string): PolicyHit => ({
  label,
  doc,
  article,
  score,
  channels: [{ channel: 'words', rank: 1, score: 3 }],
  text,
});

// The store's order puts the English recording rule first (shared words "keep", "records").
const hits: PolicyHit[] = [
  hit(
    `${DESK}, Article 24`,
    24,
    'Article 24 (Retention of records) Recordings of voice and electronic communications relating to trading shall be retained for at least five years.',
    0.033,
    DESK,
  ),
  hit(`${DESK}, Article 22`, 22, 'Article 22 (Approved channels) Business communications shall be conducted only on recorded channels: recorded desk telephones and approved chat systems.', 0.032, DESK),
  hit(`《${AML}》第十四条`, 14, '第十四条 本行应当妥善保存客户身份资料和交易记录，确保能够完整重现每笔交易。', 0.03, AML),
  hit(`《${AML}》第十五条`, 15, '第十五条 客户身份资料自业务关系结束之日起至少保存五年；交易记录自交易记账当年计起至少保存五年。', 0.029, AML),
];

describe('cross-language evidence', () => {
  it('links an English question word to the Chinese rules\' wording and back', () => {
    const en = questionTerms('How long do we keep KYC records?');
    expect(en.find((t) => t.text === 'kyc')?.cross).toContain('身份资料');
    expect(coverage(en, matchText('客户身份资料至少保存五年'))).toBeGreaterThan(0.5);
    const zh = questionTerms('交易员的电话录音要保存多久？');
    expect(coverage(zh, matchText(hits[0]?.text ?? ''))).toBeGreaterThan(0.5);
    expect(coverage(questionTerms('员工生日福利'), matchText(hits[0]?.text ?? ''))).toBe(0);
  });

  it('answers an English KYC question from the Chinese article, quoted in Chinese with term pairs', () => {
    // As the two retrieval passes rank them: the English recording rule first (the question's own
    // words "keep", "records"), the KYC rule second (the re-worded pass ranks it first).
    const order = [0, 3, 1, 2].map((i, rank) => ({ ...(hits[i] as PolicyHit), score: 0.033 - rank * 0.001 }));
    const r = buildAnswer('How long do we keep KYC records?', order);
    expect(r.supported).toBe(true);
    expect(r.citations.map((c) => c.label)).toEqual([`《${AML}》第十五条`]);
    expect(r.answer).toContain(`Under 《${AML}》第十五条 (quoted in Chinese): "客户身份资料自业务关系结束之日起至少保存五年`);
    expect(r.answer).toContain('KYC = 身份资料');
    expect(r.answer).not.toContain('Article 24');
  });

  it('answers a Chinese question from the English article', () => {
    const r = buildAnswer('交易员的电话录音要保存多久？', [...hits].reverse());
    expect(r.citations[0]?.label).toBe(`${DESK}, Article 24`);
    expect(r.answer).toContain(`根据${DESK}, Article 24（英文原文）：“Recordings of voice`);
    expect(r.answer).toMatch(/术语对照：.*电话录音 = Recordings/);
  });

  it('ranks down an article that misses a distinctive question term (key-term rule)', () => {
    // Among more retrieved articles, KYC (身份资料) is matched by few of them: distinctive.
    const filler = [5, 6, 7, 8].map((n) => hit(`${DESK}, Article ${n}`, n, `Article ${n} Trades shall be recorded and kept within limits.`, 0.01, DESK));
    const many = [...hits, ...filler];
    const d = scoreHits('How long do we keep KYC records?', many);
    const rank = (label: string) => d.ranked.findIndex((x) => x.hit.label === label);
    expect(rank(`《${AML}》第十五条`)).toBeLessThan(rank(`${DESK}, Article 24`));
    const noKey = scoreHits('How long do we keep KYC records?', many, { ...defaults(), keyTermPenalty: 1 });
    const withKey = d.ranked.find((x) => x.hit.label === `${DESK}, Article 24`)?.score ?? 1;
    expect(withKey).toBeLessThan(noKey.ranked.find((x) => x.hit.label === `${DESK}, Article 24`)?.score ?? 0);
  });

  it('does not treat weak words alone as support (产假有多少天)', () => {
    const r = buildAnswer('产假有多少天？', [hit('《华信银行授信管理办法》第三十五条', 35, '第三十五条 贷款发放后，客户经理应当在十五个工作日内进行首次跟踪检查。', 0.03, '华信银行授信管理办法')]);
    expect(r.supported).toBe(false);
    expect(r.citations).toEqual([]);
  });

  it('re-words a question in the rules\' vocabulary for the second retrieval pass', () => {
    expect(expandedQuery('How long do we keep KYC records?')).toContain('身份资料');
    expect(expandedQuery('交易员可以用个人手机和客户谈交易吗？')).toMatch(/mobile/);
    expect(expandedQuery('网点撤并了，留存的客户资料怎么处理？')).toContain('营业机构');
  });
});

function defaults() {
  return { ...DEFAULT_EVIDENCE_OPTIONS };
}
