import { describe, expect, it } from 'vitest';
import { buildAnswer } from './answer.js';
import { AskResultSchema, type PolicyHit } from './schemas.js';

const CREDIT = '华信银行授信管理办法';
const hit = (label: string, article: number | null, text: string, score: number, doc = CREDIT): PolicyHit => ({
  label,
  doc,
  article,
  score,
  channels: [{ channel: 'words', rank: 1, score: 3 }],
  text,
});

const hits: PolicyHit[] = [
  hit('《华信银行授信管理办法》第十五条', 15, '第十五条 本办法所称关系人，包括：\n（一）本行董事、监事、高级管理人员及其近亲属；\n（二）前项所列人员投资的公司。', 0.032),
  hit(
    '《华信银行授信管理办法》第十六条',
    16,
    '第十六条 本行不得向关系人发放信用贷款。\n向关系人发放担保贷款的，其条件不得优于其他借款人同类贷款的条件。',
    0.031,
  ),
  hit('《华信银行授信管理办法》第三十二条', 32, '第三十二条 流动资金贷款期限一般不超过一年，最长不超过三年。', 0.016),
];

describe('buildAnswer', () => {
  it('quotes the supporting article with its label, in Chinese for a Chinese question', () => {
    const r = buildAnswer('给关系人发放信用贷款可以吗？', hits);
    expect(AskResultSchema.parse(r)).toEqual(r);
    expect(r.supported).toBe(true);
    expect(r.citations[0]).toEqual({ label: '《华信银行授信管理办法》第十六条', doc: CREDIT, article: 16 });
    expect(r.answer).toContain('根据《华信银行授信管理办法》第十六条：“本行不得向关系人发放信用贷款。');
    // The article header is not repeated inside the quote.
    expect(r.answer).not.toContain('“第十六条');
    expect(r.evidence[0]?.label).toBe('《华信银行授信管理办法》第十六条');
  });

  it('brings an item\'s lead-in sentence along', () => {
    const r = buildAnswer('董事的近亲属算关系人吗？', hits);
    expect(r.supported).toBe(true);
    expect(r.citations[0]?.label).toBe('《华信银行授信管理办法》第十五条');
    expect(r.answer).toContain('本办法所称关系人，包括：（一）本行董事、监事、高级管理人员及其近亲属；');
  });

  it('answers in English for an English question', () => {
    const en = [
      hit(
        'Huaxin Bank Trading Desk Conduct Rules, Article 23',
        23,
        'Article 23 (Off-channel communications) Staff shall not use personal mobile phones or personal messaging applications to agree trades. If a client calls on such a channel, move to an approved one.',
        0.03,
        'Huaxin Bank Trading Desk Conduct Rules',
      ),
    ];
    const r = buildAnswer('Can I agree trades on my personal mobile phone?', en);
    expect(r.supported).toBe(true);
    expect(r.answer).toBe(
      'Under Huaxin Bank Trading Desk Conduct Rules, Article 23: "Staff shall not use personal mobile phones or personal messaging applications to agree trades."',
    );
  });

  it('refuses below the evidence threshold and lists the nearest articles', () => {
    const r = buildAnswer('员工过生日发多少福利？', hits);
    expect(r.supported).toBe(false);
    expect(r.citations).toEqual([]);
    expect(r.answer).toMatch(/^未找到支持该问题的规定/);
    expect(r.answer).toContain('《华信银行授信管理办法》第十五条');
    expect(r.evidence).toHaveLength(3);
  });

  it('refuses in English and when nothing was retrieved', () => {
    const r = buildAnswer('How do I reset my VPN password?', []);
    expect(r.supported).toBe(false);
    expect(r.answer).toContain('No supporting rule was found');
    expect(r.evidence).toEqual([]);
  });

  it('cites a further article only when it adds evidence the first one lacks', () => {
    const more = [
      hit('《华信银行授信管理办法》第十六条', 16, '第十六条 本行不得向关系人发放信用贷款。', 0.033),
      hit('《华信银行授信管理办法》第四十二条', 42, '第四十二条 违反本办法第十六条向关系人发放信用贷款的，追究责任。', 0.032),
      hit('《华信银行授信管理办法》第十九条', 19, '第十九条 对单一关系人的授信余额不得超过本行资本净额的百分之十。', 0.031),
    ];
    expect(buildAnswer('关系人信用贷款', more).citations.map((c) => c.article)).toEqual([16]);
    expect(buildAnswer('关系人信用贷款和授信余额上限', more, { citeRatio: 0 }).citations.map((c) => c.article).sort()).toEqual([16, 19]);
  });

  it('honours a stricter threshold', () => {
    expect(buildAnswer('给关系人发放信用贷款可以吗？', hits, { threshold: 1.01 }).supported).toBe(false);
  });

  it('never cites a chunk that is not an article', () => {
    const preamble = [hit('《华信银行授信管理办法》', null, '文号：华信银发〔2023〕58号 关系人 信用贷款', 0.05)];
    expect(buildAnswer('关系人信用贷款', preamble).supported).toBe(false);
  });
});
