import { describe, expect, it } from 'vitest';
import { expansionTerms } from '../expand.js';
import { ZH_ALL_GLOSSARY_LINES } from './index.js';

describe('colloquial → statutory glossaries', () => {
  it('every line is "left|left => 1–4 terms", keys of at least two characters', () => {
    const bad = ZH_ALL_GLOSSARY_LINES.filter((line) => {
      const [left, right, extra] = line.split('=>');
      if (left === undefined || right === undefined || extra !== undefined) return true;
      const keys = left.split('|').map((k) => k.trim());
      const terms = right.trim().split(/\s+/);
      return keys.some((k) => [...k].length < 2) || terms.length < 1 || terms.length > 4 || terms.some((t) => t === '');
    });
    expect(bad).toEqual([]);
  });

  it('reaches the legal right or institution behind an everyday situation, in each field', () => {
    expect(expansionTerms('在网上用了我的照片做头像')).toEqual(expect.arrayContaining(['肖像权']));
    expect(expansionTerms('包工头跑路了，农民工工资谁给')).toEqual(expect.arrayContaining(['劳动报酬']));
    expect(expansionTerms('房东押金不退')).toEqual(expect.arrayContaining(['返还', '租赁合同']));
    expect(expansionTerms('有人卖盗版软件')).toEqual(expect.arrayContaining(['软件著作权']));
  });

  it('matches keys mixing Latin letters and Chinese whatever the case of the question', () => {
    expect(expansionTerms('朋友把我P图了')).toContain('肖像权');
    expect(expansionTerms('朋友把我p图了')).toContain('肖像权');
  });

  it('reaches the statutory wording of desk jargon in banking and securities', () => {
    expect(expansionTerms('存保最多保多少')).toEqual(expect.arrayContaining(['存款保险', '最高偿付限额']));
    expect(expansionTerms('两融爆仓了券商能强平吗')).toEqual(expect.arrayContaining(['强行平仓', '证券公司']));
    expect(expansionTerms('老鼠仓')).toContain('利用未公开的信息');
    expect(expansionTerms('降准')).toContain('存款准备金');
    expect(expansionTerms('客户KYC资料')).toContain('客户尽职调查');
  });

  it('leaves everyday questions alone where a finance word is part of another (人行道, 保险受益人, 公司高管)', () => {
    expect(expansionTerms('走在人行道上被车撞了')).not.toContain('中国人民银行');
    expect(expansionTerms('保险的受益人是谁')).not.toContain('受益所有人');
    expect(expansionTerms('公司高管和公司是劳动关系吗')).not.toContain('高级管理人员');
    expect(expansionTerms('朋友之间资金拆借')).not.toContain('同业拆借');
  });
});
