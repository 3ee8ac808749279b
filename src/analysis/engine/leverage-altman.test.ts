import { describe, expect, it } from 'vitest';
import { dataPath } from '../../runtime/paths.js';
import { loadStatements, parseStatements } from '../input/load-statements.js';
import { analyze } from './analyze.js';
import { NO_BORROWINGS_NOTE } from './figure.js';

const analyzeFile = (file: string, lang: 'zh' | 'en' = 'zh') => analyze(loadStatements(dataPath('statements', file)).statement, { lang });

describe('leverage when the statements print no borrowings line (issue #16)', () => {
  it('Moutai: interest-bearing debt and D/E are 0 with a note; liabilities to equity is given', () => {
    const r = analyzeFile('moutai-2024.csv');
    const de = r.ratios.debtToEquity?.find((f) => f.period === '2024年度');
    expect(de).toMatchObject({ value: 0, note: NO_BORROWINGS_NOTE });
    expect(r.ratios.totalDebt?.find((f) => f.period === '2024年度')).toMatchObject({ value: 0, note: NO_BORROWINGS_NOTE });
    expect(r.ratios.liabilitiesToEquity?.find((f) => f.period === '2024年度')?.value).toBeCloseTo(569.33 / 2420.11, 12);
    // CFO over a zero debt is not a ratio: not meaningful, with the reason.
    expect(r.ratios.cfoToDebt?.find((f) => f.period === '2023年度')?.note).toBe('not meaningful: interest-bearing debt is zero');
  });

  it('stays unknown when a borrowings line is blank in one period but printed in another (Evergrande 2021)', () => {
    const r = analyzeFile('evergrande.csv');
    const debt2021 = r.ratios.totalDebt?.find((f) => f.period === '2021年度');
    expect(debt2021?.value).toBeNull();
    expect(debt2021?.note).toMatch(/^n\/a: missing interest-bearing debt/);
    expect(r.ratios.totalDebt?.find((f) => f.period === '2022年度')?.value).toBe(6123.9);
  });

  it('stays unknown without a balance sheet (Kangmei) and for a period without liabilities (NVIDIA FY2023)', () => {
    expect(analyzeFile('kangmei.csv').ratios.totalDebt?.every((f) => f.value === null && /^n\/a/.test(f.note ?? ''))).toBe(true);
    const nv = analyzeFile('nvidia.json').ratios.totalDebt;
    expect(nv?.[0]?.value).toBeNull();
    expect(nv?.[2]?.value).toBe(8463);
  });
});

describe('Altman variant from a 10-K cover page or 总市值 (issue #16)', () => {
  const tenK = [
    'Widget Manufacturing Inc. (in millions of USD),,',
    'item,FY2023,FY2024',
    'Net sales,"10,000","11,000"',
    'Cost of sales,"7,000","7,600"',
    'Operating income,"1,200","1,300"',
    'Net income,900,950',
    'Total current assets,"5,000","5,400"',
    'Total assets,"12,000","12,600"',
    'Total current liabilities,"3,000","3,100"',
    'Total liabilities,"6,000","6,200"',
    'Retained earnings,"4,000","4,500"',
    "Total shareholders' equity,\"6,000\",\"6,400\"",
    '"Aggregate market value of the voting and non-voting common equity held by non-affiliates of the registrant, computed by reference to the price at which the common equity was last sold",,"18,600"',
  ].join('\n');
  const meta = { text: JSON.stringify({ currency: 'USD', unit: 'millions', sector: 'manufacturing', listed: true }), file: 'widget.meta.json' };

  it('reads the cover-page sentence as the market value of equity and selects Z, naming the line', () => {
    const { statement } = parseStatements(tenK, 'widget.csv', {}, meta);
    expect(statement.periods[1]?.items.marketValueOfEquity).toBe(18600);
    const r = analyze(statement, { lang: 'en' });
    expect(r.scores.altmanZ.selected).toBe('z');
    expect(r.scores.altmanZ.reason).toMatch(/"Aggregate market value of the voting and non-voting common equity held by non-affiliates[^"]*" \(widget\.csv line 13, FY2024\)/);
    expect(r.scores.altmanZ.reasons.zh).toMatch(/上市制造业企业，报表给出股权市值 .*widget\.csv 第 13 行，FY2024/);
    // X4 = 18,600 / 6,200 = 3; Z = 1.2·X1 + 1.4·X2 + 3.3·X3 + 0.6·X4 + 1.0·X5
    const z = r.scores.altmanZ.periods[1]?.z;
    const expected = 1.2 * (2300 / 12600) + 1.4 * (4500 / 12600) + 3.3 * (1300 / 12600) + 0.6 * 3 + 11000 / 12600;
    expect(z?.value).toBeCloseTo(expected, 12);
    expect(z?.zone).toBe('safe');
  });

  it('a 中文年报 总市值 line does the same; without it Z′ says what would have selected Z', () => {
    const cas = ['项目,2023年度,2024年度', '营业收入,100,110', '资产总计,200,210', '负债合计,80,90', '所有者权益合计,120,120', '总市值,,360'].join('\n');
    const casMeta = { text: JSON.stringify({ currency: 'CNY', unit: '亿元', sector: 'manufacturing', listed: true }), file: 'x.meta.json' };
    const withMve = analyze(parseStatements(cas, 'x.csv', {}, casMeta).statement);
    expect(withMve.scores.altmanZ.selected).toBe('z');
    expect(withMve.scores.altmanZ.reason).toContain('“总市值”（x.csv 第 6 行，2024年度）');
    const without = analyze(parseStatements(cas.split('\n').slice(0, 5).join('\n'), 'x.csv', {}, casMeta).statement, { lang: 'en' });
    expect(without.scores.altmanZ.selected).toBe('zPrime');
    expect(without.scores.altmanZ.reason).toMatch(/no market value of equity \(a 10-K cover-page "Aggregate market value … held by non-affiliates" or an annual report 总市值 line would supply it\)/);
  });
});

describe('red flags carry periods and units (issue #16)', () => {
  it('Enron receivables surge names both years; Boeing negative equity names its unit and period', () => {
    const enron = analyzeFile('enron.csv');
    expect(enron.flags.find((f) => f.code === 'RECEIVABLES_SURGE')?.messages.zh).toMatch(/应收账款增长 243\.1%（1999→2000），营业收入增长 151\.3%，差距 91\.8 个百分点/);
    const boeing = analyzeFile('boeing.csv', 'en');
    expect(boeing.flags.find((f) => f.code === 'NEGATIVE_EQUITY')?.message).toBe(
      'Negative equity (-3,914 USD millions, FY2024): liabilities exceed assets; ROE and D/E are not meaningful.',
    );
    expect(boeing.flags.find((f) => f.code === 'NEGATIVE_EQUITY')?.messages.zh).toContain('-3,914 百万美元（FY2024）');
    expect(boeing.flags.find((f) => f.code === 'ALTMAN_DISTRESS')?.messages.en).toMatch(/^Altman Z = 0\.99 \(FY2024\)/);
    const kangmei = analyzeFile('kangmei.csv');
    expect(kangmei.flags.find((f) => f.code === 'RELATED_PARTY_FUND_OCCUPATION')?.messages.zh).toContain('88.790476 亿元（2018年度）');
    expect(kangmei.flags.find((f) => f.code === 'PROFIT_WITHOUT_CASH')?.messages.zh).toContain('连续 3 年（2016年度→2018年度）');
  });
});
