import { describe, expect, it } from 'vitest';
import { dataPath } from '../../runtime/paths.js';
import type { Period, Statement } from '../model.js';
import { loadStatements } from './load-statements.js';
import { convertAmount, unitMultiplier } from './units.js';

/** Golden checks: every file in data/statements loads to the figures of reference credit-analysis §4. */
const load = (name: string, opts = {}) => loadStatements(dataPath('statements', name), opts);
const period = (s: Statement, label: string): Period => {
  const p = s.periods.find((x) => x.label === label);
  if (!p) throw new Error(`no period ${label}`);
  return p;
};
const v = (p: Period, k: keyof Period['items']): number => {
  const x = p.items[k];
  if (x === undefined) throw new Error(`${p.label} has no ${k}`);
  return x;
};

describe('Apple (US GAAP CSV, §4.1)', () => {
  const { statement, warnings } = load('apple.csv');
  const fy24 = period(statement, 'FY2024');

  it('loads three fiscal years with the filed figures', () => {
    expect(statement).toMatchObject({ company: 'Apple Inc.', currency: 'USD', unit: 'millions', sector: 'technology', listed: true });
    expect(statement.periods.map((p) => [p.label, p.endDate])).toEqual([['FY2022', '2022-09-24'], ['FY2023', '2023-09-30'], ['FY2024', '2024-09-28']]);
    expect(fy24.items).toMatchObject({
      revenue: 391035, costOfRevenue: 210352, grossProfit: 180683, operatingProfit: 123216, netIncome: 93736,
      totalCurrentAssets: 152987, totalAssets: 364980, totalCurrentLiabilities: 176392, totalLiabilities: 308030,
      tradingFinancialAssets: 35228, nonCurrentMarketableSecurities: 91479, otherReceivables: 32833,
      commercialPaper: 9967, currentPortionOfLongTermDebt: 10912, longTermBorrowings: 85750,
      retainedEarnings: -19154, equityAttributableToParent: 56950, totalEquity: 56950,
      cashFromOperations: 118254, capitalExpenditure: 9447, depreciationAndAmortization: 11445,
      marketValueOfEquity: 2628553, sharesOutstanding: 15116.786, proceedsFromBorrowings: 0,
    });
    expect(period(statement, 'FY2022').items.nonOperatingIncomeExpenseNet).toBe(-334);
  });

  it('keeps an untagged item n/a rather than zero (FY2024 interest expense)', () => {
    expect(fy24.items.interestExpense).toBeUndefined();
    expect(period(statement, 'FY2023').items.interestExpense).toBe(3933);
  });

  it('reproduces the reference ratios from the loaded figures', () => {
    expect(v(fy24, 'totalCurrentAssets') / v(fy24, 'totalCurrentLiabilities')).toBeCloseTo(0.8673, 4);
    expect(v(fy24, 'commercialPaper') + v(fy24, 'currentPortionOfLongTermDebt') + v(fy24, 'longTermBorrowings')).toBe(106629);
    expect(v(fy24, 'totalLiabilities') / v(fy24, 'totalAssets')).toBeCloseTo(0.844, 3);
  });

  it('cites the CSV line and printed label; balances; current assets tie', () => {
    expect(fy24.sources?.revenue).toEqual({ file: 'apple.csv', line: 3, label: 'Net sales' });
    expect(fy24.sources?.longTermBorrowings).toMatchObject({ label: 'Term debt', line: 38 });
    expect(warnings.filter((w) => /balance|current-asset|unrecognised|unknown/u.test(w))).toEqual([]);
  });
});

describe('Apple (companyfacts-style JSON) agrees with the CSV', () => {
  const csv = load('apple.csv').statement;
  const { statement, warnings } = load('apple-companyfacts.json', { targetUnit: 'millions', sector: 'technology' });

  it('same periods and the same figure for every item both carry', () => {
    expect(statement.periods.map((p) => [p.label, p.startDate, p.endDate])).toEqual([
      ['FY2022', '2021-09-26', '2022-09-24'],
      ['FY2023', '2022-09-25', '2023-09-30'],
      ['FY2024', '2023-10-01', '2024-09-28'],
    ]);
    let compared = 0;
    for (const p of statement.periods) {
      const c = period(csv, p.label);
      for (const [k, val] of Object.entries(p.items)) {
        const other = c.items[k as keyof Period['items']];
        if (other === undefined) continue;
        expect([p.label, k, val]).toEqual([p.label, k, other]);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(140);
  });

  it('cites tag and accession; the FY2023 10-K is the source of interest expense', () => {
    const fy23 = period(statement, 'FY2023');
    expect(fy23.sources?.revenue?.tag).toBe('us-gaap:RevenueFromContractWithCustomerExcludingAssessedTax');
    expect(fy23.sources?.revenue?.label).toContain('0000320193-24-000123');
    expect(fy23.sources?.interestExpense?.label).toContain('0000320193-23-000106');
    expect(period(statement, 'FY2024').items.interestExpense).toBeUndefined();
    expect(warnings.some((w) => w.includes('restated'))).toBe(false);
  });
});

describe('Boeing (distressed, negative equity, §4.3)', () => {
  const { statement, warnings } = load('boeing.csv');
  const fy24 = period(statement, 'FY2024');
  const fy23 = period(statement, 'FY2023');

  it('loads negative equity and operating losses as filed', () => {
    expect(fy24.items).toMatchObject({ totalEquity: -3914, equityAttributableToParent: -3908, operatingProfit: -10707, cashFromOperations: -12080, grossProfit: -1991, totalDebt: 53864, marketValueOfEquity: 112000, sharesOutstanding: 750.07 });
    expect(period(statement, 'FY2022').items.totalEquity).toBe(-15848);
    expect(fy23.items.totalEquity).toBe(-17228);
  });

  it('reproduces the reference liquidity and leverage figures', () => {
    expect(v(fy24, 'totalCurrentAssets') / v(fy24, 'totalCurrentLiabilities')).toBeCloseTo(1.3185, 4);
    expect((v(fy24, 'totalCurrentAssets') - v(fy24, 'inventory')) / v(fy24, 'totalCurrentLiabilities')).toBeCloseTo(0.4167, 4);
    expect(v(fy24, 'totalLiabilities') / v(fy24, 'totalAssets')).toBeCloseTo(1.025, 3);
    expect(v(fy23, 'totalLiabilities') / v(fy23, 'totalAssets')).toBeCloseTo(1.126, 3);
    expect(v(fy24, 'currentPortionOfLongTermDebt') + v(fy24, 'longTermBorrowings')).toBe(v(fy24, 'totalDebt'));
  });

  it('balances exactly and reports the SG&A fill from G&A', () => {
    expect(warnings.filter((w) => w.includes('balance'))).toEqual([]);
    expect(fy24.items.sgaExpenses).toBe(5021);
    expect(warnings.some((w) => w.startsWith('sgaExpenses derived'))).toBe(true);
  });
});

describe('Enron (§4.4)', () => {
  const { statement } = load('enron.csv');
  it('maps "Operating expenses" to SG&A through the meta labelMap', () => {
    expect(period(statement, '2000').items).toMatchObject({ revenue: 100789, costOfRevenue: 94517, sgaExpenses: 3184, depreciationAndAmortization: 855, accountsReceivable: 10396, cashFromOperations: 4779, longTermBorrowings: 8550 });
    expect(period(statement, '1999').items).toMatchObject({ revenue: 40112, netIncome: 893, totalAssets: 33381 });
  });
});

describe('NVIDIA (canonical JSON, §4.2)', () => {
  const { statement } = load('nvidia.json');
  const fy25 = period(statement, 'FY2025');
  it('loads the documented JSON format with JSON-line provenance', () => {
    expect(statement.periods.map((p) => p.label)).toEqual(['FY2023', 'FY2024', 'FY2025']);
    expect(v(fy25, 'totalCurrentAssets') / v(fy25, 'totalCurrentLiabilities')).toBeCloseTo(4.4399, 4);
    expect(v(fy25, 'totalLiabilities') / v(fy25, 'totalAssets')).toBeCloseTo(0.2892, 4);
    expect(period(statement, 'FY2023').items.totalEquity).toBe(22101);
    expect(fy25.items.incomeTaxExpense).toBe(11146);
    expect(fy25.sources?.revenue?.line).toBeGreaterThan(1);
  });
});

describe('贵州茅台 (CAS CSV, §4.5)', () => {
  const { statement, warnings } = load('moutai-2024.csv');
  const y24 = period(statement, '2024年度');

  it('loads 亿元 figures, exposes the multiplier, rescales exactly', () => {
    expect(statement).toMatchObject({ currency: 'CNY', unit: '亿元', sector: 'manufacturing' });
    expect(unitMultiplier(statement.unit)).toBe(1e8);
    expect(y24.items).toMatchObject({ totalAssets: 2989.45, totalLiabilities: 569.33, totalEquity: 2420.11, totalOperatingRevenue: 1741.44, netIncome: 893.35 });
    expect(v(y24, 'totalLiabilities') / v(y24, 'totalAssets')).toBeCloseTo(0.1904, 4);
    expect(load('moutai-2024.csv', { targetUnit: '元' }).statement.periods[1]?.items.totalAssets).toBe(298945000000);
    expect(convertAmount(v(y24, 'totalAssets'), '亿元', '万元')).toBe(29894500);
  });

  it('uses 营业总收入 as revenue only with a warning', () => {
    expect(y24.items.revenue).toBe(1741.44);
    expect(warnings.some((w) => w.startsWith('revenue derived for 2023年度, 2024年度'))).toBe(true);
  });

  it('flags that the 2023 figures as given do not balance (2,726.70 vs 490.43 + 2,236.56)', () => {
    expect(warnings.filter((w) => w.includes('does not balance'))).toEqual([
      '2023年度: balance sheet does not balance: total assets 2,726.7 ≠ total liabilities 490.43 + total equity 2,236.56 = 2,726.99 (difference -0.29, 0.011% of total assets)',
    ]);
  });
});

describe('贵州茅台 current assets in 元 (§4.5 ingest self-check)', () => {
  const { statement, warnings } = load('moutai-2024-current-assets.csv');
  it('accepts finance-company lines and the items sum exactly to 流动资产合计', () => {
    expect(statement).toMatchObject({ unit: '元', currency: 'CNY' });
    const y24 = period(statement, '2024年12月31日');
    expect(y24.endDate).toBe('2024-12-31');
    expect(y24.items).toMatchObject({ fundsLent: 127187293298.17, reverseRepoAssets: 7220310691.1, cash: 59295822956.89, totalCurrentAssets: 251726674636.66 });
    expect(period(statement, '2023年12月31日').items.nonCurrentAssetsDueWithinOneYear).toBeUndefined();
    expect(warnings.filter((w) => /current-asset|unrecognised|unknown/u.test(w))).toEqual([]);
    expect(y24.sources?.cash).toEqual({ file: 'moutai-2024-current-assets.csv', line: 6, label: '货币资金' });
  });
});

describe('康美药业 (restated, §4.5)', () => {
  const { statement } = load('kangmei.csv');
  it('profit without cash for three years; related-party funds in 2018', () => {
    expect(statement.periods.map((p) => [p.label, p.items.netIncomeAttributableToParent, p.items.cashFromOperations])).toEqual([
      ['2016年度', 18.42, -23.05],
      ['2017年度', 21.5, -48.4],
      ['2018年度', 11.35, -31.92],
    ]);
    const y18 = period(statement, '2018年度');
    expect(convertAmount(v(y18, 'relatedPartyOtherReceivables'), '亿元', '万元')).toBe(887904.76);
    expect(statement.unit).toBe('亿元');
  });
});

describe('中国恒大 (negative equity, §4.5)', () => {
  const { statement } = load('evergrande.csv');
  it('资产负债率 above 100% and negative equity', () => {
    const y22 = period(statement, '2022年度');
    expect(y22.items).toMatchObject({ revenue: 2300.7, netIncome: -1258.1, totalEquity: -5990.74, totalDebt: 6123.9, contractLiabilities: 7210.2 });
    expect(v(y22, 'totalLiabilities') / v(y22, 'totalAssets')).toBeCloseTo(1.326, 3);
    expect(period(statement, '2021年度').items.totalEquity).toBeUndefined();
  });
});

describe('data/statements/README.md', () => {
  it('its canonical JSON example is a valid statement', async () => {
    const { readFileSync } = await import('node:fs');
    const { parseStatements } = await import('./load-statements.js');
    const md = readFileSync(dataPath('statements', 'README.md'), 'utf8');
    const block = /```json\n(\{\n {2}"format"[\s\S]*?)```/u.exec(md)?.[1];
    expect(block).toBeDefined();
    const { statement, warnings } = parseStatements(block ?? '', 'README.json');
    expect(statement.periods[0]?.items).toMatchObject({ totalAssets: 1000, revenue: 800 });
    expect(statement.periods[0]?.items.interestExpense).toBeUndefined();
    expect(warnings).toEqual([]);
  });
});
