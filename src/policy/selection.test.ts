import { describe, expect, it } from 'vitest';
import { buildAnswer } from './answer.js';
import { DEFAULT_EVIDENCE_OPTIONS, referencedArticles, scoreHits } from './evidence.js';
import type { PolicyHit } from './schemas.js';
import { quoteFor } from './sentences.js';
import { matchTerms, matchText, questionTerms } from './terms.js';
import { missingTopics, questionTopics } from './topics.js';

// Short excerpts written for these tests in the style of the bundled rules (not copied from them).
const EXP = '华信银行费用报销管理办法';
const SAN = 'Huaxin Bank Sanctions Screening Standard';
const CREDIT = '华信银行授信管理办法';
const hit = (label: string, article: number | null, text: string, score: number, doc: string): PolicyHit => ({
  label,
  doc,
  article,
  score,
  channels: [],
  text,
});
const rank = (list: PolicyHit[]): PolicyHit[] => list.map((h, i) => ({ ...h, score: 0.05 - i * 0.001 }));

describe('answer selection', () => {
  it('quotes the article retrieval ranks first when it carries the question\'s own words (出差住宿)', () => {
    // Retrieval order: the lodging rule first. The English alert rule shares only "business" (business
    // hours), which once stood in for both 出差 and 住宿.
    const hits = rank([
      hit(`《${EXP}》第十条`, 10, '第十条 住宿费在以下标准内凭票据实报销：\n（一）一线城市每人每晚不超过八百元；\n（二）其他城市每人每晚不超过四百五十元。', 0, EXP),
      hit(`《${EXP}》第九条`, 9, '第九条 出差交通工具标准如下：\n（一）行长可以乘坐飞机经济舱；\n（二）其他员工乘坐高铁二等座。', 0, EXP),
      hit(`${SAN}, Article 10`, 10, 'Article 10 (Time limits) Alerts on payments shall be decided within two business hours.', 0, SAN),
    ]);
    const r = buildAnswer('出差住宿标准是多少？', hits);
    expect(r.supported).toBe(true);
    expect(r.citations.map((c) => c.label)).toEqual([`《${EXP}》第十条`]);
    expect(r.answer).toContain('住宿费在以下标准内凭票据实报销');
  });

  it('lets one word of the other language stand in for one question term only', () => {
    const terms = questionTerms('交易员的电话录音和聊天记录要保存多久？');
    const m = matchTerms(terms, matchText('Chat records shall be kept.'));
    // "chat"/"record" can serve 聊天记录 or 录音, not both (the glossary links both to record-keeping words).
    const crossed = terms.filter((t, i) => t.lang === 'zh' && t.weight >= 1 && (m[i] ?? 0) > 0 && (m[i] ?? 0) < 1);
    expect(crossed.length).toBeLessThanOrEqual(2);
  });

  it('links a Chinese word to an English glossary phrase, not to the phrase\'s words one by one', () => {
    const [trip] = questionTerms('出差');
    expect(trip?.cross).toContain('business trip');
    const m = (text: string) => matchTerms(questionTerms('出差'), matchText(text))[0];
    expect(m('Alerts shall be decided within two business hours.')).toBe(0);
    expect(m('Staff on a business trip shall ...')).toBeGreaterThan(0);
  });

  it('links through the head of a compound, not its modifier (个人所得税 is not "personal")', () => {
    const [tax] = questionTerms('个人所得税');
    expect(tax?.cross ?? []).not.toContain('person');
  });

  it('does not keep a jieba guess that glues a particle to a word (保证人要 → 人要)', () => {
    const words = questionTerms('保证人要满足什么条件？').map((t) => t.text);
    expect(words).not.toContain('人要');
  });

  it('prefers an article that states the kind of answer asked for (a time limit for "多久")', () => {
    const hits = rank([
      hit('《示例规程》第九条', 9, '第九条 付款触发的制裁筛查警报，经第二复核人同意后方可作为误报关闭。', 0, '示例规程'),
      hit('《示例规程》第十条', 10, '第十条 付款的制裁筛查警报应当在两小时内处理完毕。', 0, '示例规程'),
    ]);
    const d = scoreHits('付款触发制裁筛查警报后要在多长时间内处理？', hits);
    expect(d.terms.some((t) => t.answer === 'duration')).toBe(true);
    expect(d.ranked[0]?.hit.article).toBe(10);
    // Without the answer-type rule the alert-closing article wins on shared words.
    const plain = scoreHits('付款触发制裁筛查警报后要在多长时间内处理？', hits, { ...DEFAULT_EVIDENCE_OPTIONS, answerTypePenalty: 1 });
    expect(plain.ranked[0]?.hit.article).toBe(9);
  });

  it('answers "can I" from a provision that allows or forbids, not from a definition', () => {
    const hits = rank([
      hit(`《${CREDIT}》第十五条`, 15, '第十五条 本办法所称关系人，包括本行董事及其近亲属。近亲属包括配偶、父母、子女、兄弟姐妹。', 0, CREDIT),
      hit(`《${CREDIT}》第十六条`, 16, '第十六条 本行不得向关系人发放信用贷款。', 0, CREDIT),
    ]);
    expect(buildAnswer('Can a relative of one of our directors get an unsecured loan from us?', hits).citations[0]?.article).toBe(16);
  });

  it('quotes the rule itself, not a clause that applies it by reference', () => {
    expect(referencedArticles('第四十二条 有下列情形之一的：\n（一）违反本办法第十六条向关系人发放信用贷款的；')).toEqual([16]);
    expect(referencedArticles('Article 10 (Breaches) ... as provided in Article 11.')).toEqual([11]);
    const hits = rank([
      hit(`《${CREDIT}》第四十二条`, 42, '第四十二条 有下列情形之一的，应当追究相关人员责任：\n（一）违反本办法第十六条向关系人发放信用贷款的；', 0, CREDIT),
      hit(`《${CREDIT}》第十六条`, 16, '第十六条 本行不得向关系人发放信用贷款。', 0, CREDIT),
    ]);
    expect(buildAnswer('给关系人发放信用贷款可以吗？', hits).citations[0]?.article).toBe(16);
    // Asked about the consequence, the accountability clause is the answer.
    expect(buildAnswer('向关系人发放信用贷款会受到什么处分？', hits).citations[0]?.article).toBe(42);
  });
});

describe('quoting a list of tiers', () => {
  const tiers = '第十条 住宿费在以下标准内凭票据实报销：\n（一）一线城市每人每晚不超过八百元；\n（二）省会城市每人每晚不超过五百五十元；\n（三）其他城市每人每晚不超过四百五十元。';
  it('quotes every tier when the question names none, and the named one when it does', () => {
    expect(quoteFor(tiers, questionTerms('出差住宿标准是多少？'))).toContain('（三）其他城市每人每晚不超过四百五十元');
    const shanghai = quoteFor(tiers, questionTerms('去上海出差住一晚能报多少'));
    expect(shanghai).toContain('（一）一线城市每人每晚不超过八百元');
    expect(shanghai).not.toContain('（二）');
  });
});

describe('refusal of questions the rules do not cover', () => {
  const hits = rank([
    hit(`《${CREDIT}》第十六条`, 16, '第十六条 本行不得向关系人发放信用贷款。向关系人发放担保贷款的，其条件不得优于其他借款人，包括利率。', 0, CREDIT),
    hit(`《${CREDIT}》第二条`, 2, '第二条 本办法所称授信，包括贷款、票据承兑与贴现、透支、保理、开立信用证等业务。', 0, CREDIT),
  ]);

  it('refuses a question on a subject no retrieved article names, and says which', () => {
    expect(questionTopics('信用卡透支利率是多少？').map((t) => t.asked[0])).toEqual(['信用卡']);
    const r = buildAnswer('信用卡透支利率是多少？', hits);
    expect(r.supported).toBe(false);
    expect(r.answer).toContain('检索到的条文均未提及“信用卡”');
    expect(r.answer).toContain('最接近的条文（不构成依据）');
    const en = buildAnswer("What's the interest rate on a credit card overdraft?", hits);
    expect(en.supported).toBe(false);
    expect(en.answer).toContain('None of the retrieved articles mentions "credit card"');
  });

  it('matches subjects as whole English words and across languages', () => {
    const [card] = questionTopics('credit cards');
    expect(card && missingTopics([card], '本行信用卡透支按日计息')).toEqual([]);
    expect(questionTopics('discard the paper')).toEqual([]);
  });

  it('does not answer a question made only of weak words', () => {
    expect(buildAnswer('公司年会在哪里办', hits).supported).toBe(false);
  });
});
