import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseCompanyFacts } from './parse-companyfacts.js';

const raw: unknown = JSON.parse(readFileSync(fileURLToPath(new URL('./__fixtures__/companyfacts-traps.json', import.meta.url)), 'utf8'));

describe('parseCompanyFacts', () => {
  const { statement, warnings } = parseCompanyFacts(raw, 'traps.json', { sector: 'manufacturing' });
  const by = (label: string) => statement.periods.find((p) => p.label === label);

  it('builds periods from start/end dates (not fy/fp) and ignores 10-Q and quarterly facts', () => {
    expect(statement.periods.map((p) => [p.label, p.startDate, p.endDate])).toEqual([
      ['FY2017', '2017-01-01', '2017-12-31'],
      ['FY2018', '2018-01-01', '2018-12-31'],
      ['FY2019', '2019-01-01', '2019-12-31'],
      ['FY2020', '2020-01-01', '2020-12-31'],
    ]);
    expect(by('FY2020')?.items.revenue).toBe(1300);
    expect(by('FY2020')?.items.totalAssets).toBe(2200);
    expect(statement.unit).toBe('units');
    expect(statement.currency).toBe('USD');
  });

  it('tries alternate tags in priority order, per period', () => {
    expect(by('FY2017')?.items.revenue).toBe(900);
    expect(by('FY2017')?.sources?.revenue?.tag).toBe('us-gaap:SalesRevenueNet');
    expect(by('FY2018')?.sources?.revenue?.tag).toBe('us-gaap:Revenues');
    expect(by('FY2019')?.items.interestExpense).toBe(20);
    expect(by('FY2019')?.sources?.interestExpense?.tag).toBe('us-gaap:InterestExpense');
    expect(by('FY2020')?.items.interestExpense).toBe(22);
    expect(by('FY2020')?.sources?.interestExpense?.tag).toBe('us-gaap:InterestAndDebtExpense');
  });

  it('dedupes restated values: latest filed wins, and says so', () => {
    expect(by('FY2019')?.items.revenue).toBe(1150);
    expect(by('FY2019')?.sources?.revenue?.label).toContain('0000000001-21-000001, filed 2021-02-12');
    expect(warnings.join('\n')).toContain('FY2019 revenue (us-gaap:Revenues): 1100 as filed 2020-02-14 → 1150 as filed 2021-02-12');
  });

  it('keeps parent and consolidated figures apart; picks explicit units; attaches cover facts by filing', () => {
    expect(by('FY2020')?.items).toMatchObject({ netIncome: 130, netIncomeAttributableToParent: 125, totalEquity: 900, dilutedEps: 1.25, marketValueOfEquity: 5000 });
    expect(by('FY2019')?.items.marketValueOfEquity).toBeUndefined();
    expect(statement.listed).toBe(true);
  });

  it('reports concepts it does not map', () => {
    expect(warnings.join('\n')).toContain('1 concept(s) not in the mapping table, not used: us-gaap:SomethingCustom');
  });

  it('keeps only the newest N years when asked', () => {
    const r = parseCompanyFacts(raw, 'traps.json', { maxPeriods: 2, sector: 'other' });
    expect(r.statement.periods.map((p) => p.label)).toEqual(['FY2019', 'FY2020']);
  });
});
