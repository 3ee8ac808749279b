import { describe, expect, it } from 'vitest';
import { parseCanonicalJson } from './parse-canonical-json.js';

const doc = {
  format: 'finagent-statement/1',
  company: 'Test Co',
  currency: 'CNY',
  unit: '万元',
  sector: 'manufacturing',
  periods: [
    { label: '2024', endDate: '2024-12-31', balanceSheet: { cash: 10, totalAssets: 100, totalLiabilities: 60, totalEquity: 40, widgets: 3 }, incomeStatement: { revenue: 50, interestExpense: null }, cashFlow: { cashFromOperations: 5 }, other: { revenue2: 1 } },
    { label: '2023', endDate: '2023-12-31', incomeStatement: { revenue: 40 }, balanceSheet: { netIncome: 4 } },
  ],
  extra: true,
};

describe('parseCanonicalJson', () => {
  const text = JSON.stringify(doc, null, 2);
  const { statement, warnings } = parseCanonicalJson(text, 'c.json');

  it('reads grouped items, sorts periods oldest first, keeps null as absent', () => {
    expect(statement.periods.map((p) => p.label)).toEqual(['2023', '2024']);
    expect(statement.periods[1]?.items).toEqual({ cash: 10, totalAssets: 100, totalLiabilities: 60, totalEquity: 40, revenue: 50, cashFromOperations: 5 });
    expect(statement.unit).toBe('万元');
  });

  it('cites the JSON line of each figure', () => {
    const line = text.split('\n').findIndex((l) => l.includes('"cashFromOperations"')) + 1;
    expect(statement.periods[1]?.sources?.cashFromOperations).toEqual({ file: 'c.json', line, label: 'cashFlow.cashFromOperations' });
  });

  it('warns about unknown keys, misplaced items and unknown fields', () => {
    const all = warnings.join('\n');
    expect(all).toContain('unknown top-level field(s) ignored: extra');
    expect(all).toMatch(/2 unknown line item\(s\) ignored: periods\[0\]\.balanceSheet\.widgets \(line \d+\), periods\[0\]\.other\.revenue2/u);
    expect(all).toContain('periods[1].balanceSheet.netIncome (a IS item)');
  });
});
