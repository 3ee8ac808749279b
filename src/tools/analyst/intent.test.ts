import { describe, expect, it } from 'vitest';
import { figuresIn } from './figure-aliases.js';
import { readQuestion, subjectOf } from './intent.js';

/** How ordinary questions (zh/en) are read: subject, mode and period. */
describe('reading a question', () => {
  const figure = (name: string) => ({ kind: 'figure', name });
  const topic = (t: string) => ({ kind: 'topic', topic: t });
  const cases: Array<[string, unknown]> = [
    // Figures and line items
    ['净利润是多少', figure('netIncome')],
    ['净利润率多少', figure('netMargin')],
    ['净利润增长了多少', figure('netIncomeGrowth')],
    ['归母净利润', figure('netIncomeAttributableToParent')],
    ['营业收入多少', figure('revenue')],
    ['收入增长多少', figure('revenueGrowth')],
    ["what's the interest cover", figure('interestCoverage')],
    ['利息保障倍数', figure('interestCoverage')],
    ['what is the DSO?', figure('dso')],
    ['应收账款周转天数是多少', figure('dso')],
    ['应收账款多少', figure('accountsReceivable')],
    ['Z值多少', figure('altmanZ')],
    ['is there earnings manipulation risk', figure('beneishM')],
    ['有没有财务造假迹象', figure('beneishM')],
    ['how good is the earnings quality?', figure('cfoToNetIncome')],
    ['what is the debt to equity', figure('debtToEquity')],
    ['有息负债/EBITDA', figure('debtToEbitda')],
    ['有息负债多少', figure('totalDebt')],
    ['经营现金流多少', figure('cashFromOperations')],
    ['what is free cash flow', figure('freeCashFlow')],
    ['capex?', figure('capitalExpenditure')],
    ['能贷多少', figure('newLoanCapacity')],
    ['how much working-capital loan can they take?', figure('newLoanCapacity')],
    ['流动资金贷款需求测算', figure('newLoanCapacity')],
    ["what's the DSCR", figure('dscr')],
    ['总市值多少', figure('marketValueOfEquity')],
    // Topics
    ['现金流怎么样', topic('cashflow')],
    ['偿债能力如何', topic('solvency')],
    ['短期偿债能力', topic('liquidity')],
    ['how leveraged is it', topic('leverage')],
    ['杠杆怎么样', topic('leverage')],
    ['how profitable is it', topic('profitability')],
    ['盈利能力', topic('profitability')],
    ['营运能力怎么样', topic('efficiency')],
    ['DSO, DIO, DPO?', topic('efficiency')],
    ['毛利率和净利率', topic('profitability')],
    ['ROE 杜邦分解', topic('dupont')],
    ['成长性怎么样', topic('growth')],
    ['growth?', topic('growth')],
    ['评分怎么样', topic('scores')],
    ['整体情况怎么样', topic('overview')],
    // Red flags
    ['有什么风险/红旗', { kind: 'flags' }],
    ['red flags?', { kind: 'flags' }],
    ['any concerns?', { kind: 'flags' }],
    // One rule by name
    ['存贷双高吗', { kind: 'flags', code: 'CASH_DEBT_BOTH_HIGH' }],
    ['三道红线', { kind: 'flags', code: 'THREE_RED_LINES' }],
    ['有没有关联方资金占用', { kind: 'flags', code: 'RELATED_PARTY_FUND_OCCUPATION' }],
    ['is it insolvent?', { kind: 'flags', code: 'NEGATIVE_EQUITY' }],
    ['收现比', figure('cashCollectionRatio')],
    // Nothing to answer from the statements
    ['今天天气怎么样', null],
    ["what's the weather like today?", null],
  ];
  it.each(cases)('%s', (text, subject) => {
    expect(subjectOf(text)).toEqual(subject);
  });

  it('reads the mode and the period', () => {
    expect(readQuestion('毛利率趋势')).toMatchObject({ subject: figure('grossMargin'), mode: 'trend', followUp: false });
    expect(readQuestion('revenue growth trend')).toMatchObject({ subject: figure('revenueGrowth'), mode: 'trend' });
    expect(readQuestion('为什么Z值偏低？')).toMatchObject({ subject: figure('altmanZ'), mode: 'why' });
    expect(readQuestion('毛利率和去年比呢')).toMatchObject({ subject: figure('grossMargin'), mode: 'compare', period: null });
    expect(readQuestion('2023年的流动比率')).toMatchObject({ subject: figure('currentRatio'), period: '2023' });
    expect(readQuestion('去年的毛利率')).toMatchObject({ period: 'latest-1', mode: 'value' });
    expect(readQuestion('对比2023和2024年的偿债能力')).toMatchObject({ subject: topic('solvency'), mode: 'compare', periods: ['2023', '2024'] });
  });

  it('marks follow-ups that name no subject', () => {
    expect(readQuestion('和去年比呢')).toMatchObject({ subject: null, mode: 'compare', followUp: true });
    expect(readQuestion('what about 2022?')).toMatchObject({ subject: null, period: '2022', followUp: true });
    expect(readQuestion('why?')).toMatchObject({ subject: null, mode: 'why', followUp: true });
    expect(readQuestion('那2023年呢')).toMatchObject({ subject: null, period: '2023', followUp: true });
    expect(readQuestion('hello')).toMatchObject({ subject: null, followUp: false });
  });

  it('counts each phrase once, most specific first, in text order', () => {
    expect(figuresIn('净利润率和净利润')).toEqual(['netMargin', 'netIncome']);
    expect(figuresIn('有息负债/EBITDA')).toEqual(['debtToEbitda']);
    expect(figuresIn('cash conversion cycle')).toEqual(['cashConversionCycle']);
  });
});
