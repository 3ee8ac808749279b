import { describe, expect, it } from 'vitest';
import type { Period } from '../model.js';
import { checkBalanceSheetIdentity, checkCurrentAssetsSum } from './checks.js';
import { applyFallbacks } from './derive-fallbacks.js';

describe('checkBalanceSheetIdentity', () => {
  it('passes within tolerance and uses total liabilities and equity when equity is missing', () => {
    const ps: Period[] = [
      { label: 'A', items: { totalAssets: 2989.45, totalLiabilities: 569.33, totalEquity: 2420.11 } },
      { label: 'B', items: { totalAssets: 100, totalLiabilitiesAndEquity: 90 } },
    ];
    const w = checkBalanceSheetIdentity(ps, 0.00001);
    expect(w).toEqual(['B: balance sheet does not balance: total assets 100 ≠ total liabilities and equity = 90 (difference 10, 10.000% of total assets)']);
  });
});

describe('checkCurrentAssetsSum', () => {
  it('runs only on fully itemised files and counts 应收票据及应收账款 once', () => {
    const complete: Period = { label: 'X', items: { cash: 1, notesAndAccountsReceivable: 5, notesReceivable: 2, accountsReceivable: 3, otherCurrentAssets: 1, totalCurrentAssets: 7 } };
    const partial: Period = { label: 'Y', items: { cash: 1, totalCurrentAssets: 7 } };
    const wrong: Period = { label: 'Z', items: { cash: 1, otherCurrentAssets: 1, totalCurrentAssets: 7 } };
    expect(checkCurrentAssetsSum([complete, partial, wrong], 0.00001)).toEqual([
      'Z: current-asset lines sum to 2, not total current assets 7 (difference 5: a line is missing or not recognised)',
    ]);
  });
});

describe('applyFallbacks', () => {
  it('fills equivalents with provenance and reports each fill', () => {
    const p: Period = {
      label: 'FY1',
      items: { equityAttributableToParent: 90, minorityInterest: 10, sellingExpenses: 3, adminExpenses: 4, netIncomeAttributableToParent: 8 },
      sources: { equityAttributableToParent: { file: 'f.csv', line: 4, label: '归属于母公司所有者权益合计' } },
    };
    const w = applyFallbacks([p], 'f.csv');
    expect(p.items).toMatchObject({ totalEquity: 100, sgaExpenses: 7, netIncome: 8 });
    expect(p.sources?.totalEquity).toEqual({ file: 'f.csv', label: 'derived: 归属于母公司所有者权益合计 + minorityInterest' });
    expect(w).toHaveLength(3);
  });

  it('derives non-current totals by subtraction, citing both lines', () => {
    const p: Period = { label: 'FY1', items: { totalLiabilities: 308030, totalCurrentLiabilities: 176392 }, sources: { totalLiabilities: { file: 'a.csv', line: 40, label: 'Total liabilities' }, totalCurrentLiabilities: { file: 'a.csv', line: 36, label: 'Total current liabilities' } } };
    applyFallbacks([p], 'a.csv');
    expect(p.items.totalNonCurrentLiabilities).toBe(131638);
    expect(p.sources?.totalNonCurrentLiabilities).toEqual({ file: 'a.csv', label: 'derived: Total liabilities − Total current liabilities' });
  });

  it('never fills from a minority line alone and never overwrites a printed figure', () => {
    const p: Period = { label: 'FY1', items: { minorityInterest: 10, revenue: 5, totalOperatingRevenue: 6 } };
    applyFallbacks([p], 'f.csv');
    expect(p.items.totalEquity).toBeUndefined();
    expect(p.items.revenue).toBe(5);
  });
});
