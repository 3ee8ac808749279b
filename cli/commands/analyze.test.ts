import { describe, expect, it } from 'vitest';
import { runAnalysis } from '../../src/tools/analyst/analysis-input.js';
import { UserInputError } from '../../src/runtime/errors.js';
import { analyzeArgs, summary } from './analyze-run.js';

function problem(opts: Parameters<typeof analyzeArgs>[0], lang?: string): string {
  try {
    analyzeArgs(opts, lang);
  } catch (e) {
    expect(e).toBeInstanceOf(UserInputError);
    return (e as Error).message;
  }
  throw new Error('expected a UserInputError');
}

describe('analyze options, worded as a reviewer would', () => {
  it('takes percent and amounts as typed and hands the tool a fraction', () => {
    expect(analyzeArgs({ loanAmount: '5,000', tenor: '3', rate: '4.35%', loanUnit: '万' }, 'en')).toEqual({ lang: 'en', loanAmount: 5000, tenorYears: 3, rate: 0.0435, loanUnit: '万元' });
    expect(analyzeArgs({ sector: 'manufacturing' }, undefined)).toEqual({ lang: 'zh', sector: 'manufacturing' });
  });
  it('names the flag, the value, what it is and what is expected', () => {
    expect(problem({ loanAmount: '10', tenor: '3', rate: '500' })).toBe('--rate 500: annual rate in percent, expected 0–30, e.g. 4.35 for 4.35%');
    expect(problem({ loanAmount: '-5', tenor: '3', rate: '4' })).toMatch(/^--loan-amount -5: loan amount, expected a positive number/);
    expect(problem({ loanAmount: '5', tenor: '100', rate: '4' })).toBe('--tenor 100: loan tenor in years, expected more than 0 and at most 50, e.g. 3');
    expect(problem({ loanAmount: '5', tenor: '3', rate: '4', loanUnit: 'foo' })).toMatch(/^--loan-unit foo: unit of --loan-amount, expected one of 元, 千元, 万元/);
    expect(problem({ sector: 'banks' })).toMatch(/^--sector banks: sector \(selects the Altman model\), expected one of manufacturing, non_manufacturing/);
    expect(problem({}, 'fr')).toBe('--lang fr: language of messages and the memo, expected auto, zh or en');
    expect(problem({ loanAmount: '5' })).toBe('--loan-amount 5: the loan view needs --tenor and --rate as well (amount, tenor and rate together)');
    expect(problem({ rate: 'abc', tenor: '0' }).split('\n')).toHaveLength(3);
  });
});

describe('analyze summary', () => {
  it('gives the Altman variant and why, liabilities to equity, and a debt of 0 with its note', () => {
    const moutai = summary(runAnalysis({ path: 'statements/moutai-2024.csv' }).analysis, 'zh');
    expect(moutai).toMatch(/debtToEquity +2023年度: 0\.0000\* +2024年度: 0\.0000\*/);
    expect(moutai).toContain('* debtToEquity: 报表未列示任何借款类科目');
    expect(moutai).toMatch(/liabilitiesToEquity +2023年度: 0\.2193 +2024年度: 0\.2352/);
    expect(moutai).toMatch(/Altman Z′ 2024年度: 无法计算：报表缺少流动资产合计、流动负债合计、未分配利润、营业利润（X1、X2、X3）/);
    const boeing = summary(runAnalysis({ path: 'statements/boeing.csv', lang: 'en' }).analysis, 'en');
    expect(boeing).toContain('Altman Z FY2024: 0.9935 (distress)');
    expect(boeing).toMatch(/variant: listed manufacturer with a market value of equity: "Public float" \(boeing\.csv line 42, FY2024\)/);
    expect(boeing).toMatch(/roe +FY2022: n\.m\. +FY2023: n\.m\./);
  });
});
