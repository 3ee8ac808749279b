import { describe, expect, it } from 'vitest';
import { analyze } from './analyze.js';
import type { EngineStatement } from './items.js';
import { UserInputError } from '../../runtime/errors.js';

/* Rule tests on synthetic statements (figures invented to sit either side of each threshold). */

function cas(periods: EngineStatement['periods']): EngineStatement {
  return { company: '测试公司', currency: 'CNY', unit: '万元', sector: 'manufacturing', periods };
}

describe('存贷双高', () => {
  const year = (label: string, cash: number, interestIncome: number) => ({
    label,
    items: { cash, totalAssets: 10000, shortTermBorrowings: 2000, longTermBorrowings: 2000, totalEquity: 4000, totalLiabilities: 6000, interestIncome },
  });
  it('fires high after two consecutive years and reports a suspicious implied deposit yield', () => {
    const r = analyze(cas([year('2022', 3000, 20), year('2023', 3200, 15)]));
    const f = r.flags.find((x) => x.code === 'CASH_DEBT_BOTH_HIGH');
    expect(f?.severity).toBe('high');
    expect(f?.evidence.find((e) => e.name === 'impliedDepositYield')?.value).toBeCloseTo(15 / 3100, 12);
    expect(f?.messages.zh).toContain('真实性存疑');
  });
  it('is only medium for a single year and silent below 20% cash', () => {
    expect(analyze(cas([year('2022', 1000, 20), year('2023', 3200, 60)])).flags.find((x) => x.code === 'CASH_DEBT_BOTH_HIGH')?.severity).toBe('medium');
    expect(analyze(cas([year('2022', 1000, 20), year('2023', 1900, 60)])).flags.some((x) => x.code === 'CASH_DEBT_BOTH_HIGH')).toBe(false);
  });
});

describe('receivables surge, other receivables, 短贷长投', () => {
  const base = { revenue: 10000, accountsReceivable: 1000, totalAssets: 20000, totalEquity: 8000, totalLiabilities: 12000 };
  it('AR growth 60% vs revenue 10% → high RECEIVABLES_SURGE', () => {
    const r = analyze(cas([{ label: '2022', items: base }, { label: '2023', items: { ...base, revenue: 11000, accountsReceivable: 1600 } }]));
    const f = r.flags.find((x) => x.code === 'RECEIVABLES_SURGE');
    expect(f?.severity).toBe('high');
    expect(f?.evidence[0]?.value).toBeCloseTo(0.6, 12);
  });
  it('other receivables at 8% of assets → OTHER_RECEIVABLES_HIGH', () => {
    const r = analyze(cas([{ label: '2023', items: { ...base, otherReceivables: 1600 } }]));
    expect(r.flags.find((x) => x.code === 'OTHER_RECEIVABLES_HIGH')?.evidence[0]?.value).toBeCloseTo(0.08, 12);
  });
  it('negative working capital, short debt dominant and capex above CFO → 短贷长投', () => {
    const items = {
      ...base, totalCurrentAssets: 5000, totalCurrentLiabilities: 7000, shortTermBorrowings: 4000, longTermBorrowings: 1000,
      capitalExpenditure: 3000, cashFromOperations: 800,
    };
    const r = analyze(cas([{ label: '2023', items }]));
    expect(r.flags.find((x) => x.code === 'SHORT_DEBT_LONG_INVEST')?.severity).toBe('high');
    const ok = analyze(cas([{ label: '2023', items: { ...items, totalCurrentAssets: 8000 } }]));
    expect(ok.flags.some((x) => x.code === 'SHORT_DEBT_LONG_INVEST')).toBe(false);
  });
});

describe('bad input and edge cases', () => {
  it('duplicate periods are a UserInputError naming the period', () => {
    expect(() => analyze(cas([{ label: '2023', items: {} }, { label: '2023', items: {} }]))).toThrow(UserInputError);
    expect(() => analyze(cas([{ label: '2023', items: {} }, { label: '2023', items: {} }]))).toThrow(/duplicate period "2023"/);
  });
  it('no periods and bad options are UserInputErrors', () => {
    expect(() => analyze(cas([]))).toThrow(/no periods/);
    expect(() => analyze(cas([{ label: '2023', items: {} }]), { dayCount: 300 as 360 })).toThrow(UserInputError);
  });
  it('zero denominators are not meaningful, never Infinity', () => {
    const r = analyze(cas([{ label: '2023', items: { totalCurrentAssets: 100, totalCurrentLiabilities: 0, revenue: 0, netIncome: 5 } }]));
    expect(r.ratios.currentRatio?.[0]).toMatchObject({ value: null, note: 'not meaningful: totalCurrentLiabilities is zero' });
    expect(r.ratios.netMargin?.[0]?.note).toBe('not meaningful: revenue is zero');
  });
  it('warns when the balance sheet does not tie', () => {
    const r = analyze(cas([{ label: '2023', items: { totalAssets: 1000, totalLiabilities: 600, totalEquity: 300 } }]));
    expect(r.warnings.some((w) => w.includes('2023: balance sheet does not tie') && w.includes('difference 100'))).toBe(true);
  });
  it('360-day option changes DSO by 360/365 exactly', () => {
    const st = cas([{ label: '2023', items: { revenue: 1000, accountsReceivable: 100 } }]);
    expect(analyze(st, { dayCount: 360 }).ratios.dso?.[0]?.value).toBe(36);
    expect(analyze(st).ratios.dso?.[0]?.value).toBe(36.5);
  });
  it('decimal-exact: 0.1 + 0.2 style sums do not leak float error', () => {
    const r = analyze(cas([{ label: '2023', items: { cash: 0.1, tradingFinancialAssets: 0.2, totalCurrentLiabilities: 0.3 } }]));
    expect(r.ratios.cashRatio?.[0]?.value).toBe(1);
  });
});

describe('loan view (流动资金贷款需求测算)', () => {
  const st = cas([
    { label: '2022', items: { revenue: 10000, costOfRevenue: 8000, accountsReceivable: 1500, inventory: 2000, accountsPayable: 1000, prepayments: 200, advancesFromCustomers: 300, totalCurrentAssets: 6000, totalCurrentLiabilities: 4000, shortTermBorrowings: 1000 } },
    {
      label: '2023',
      items: {
        revenue: 12000, costOfRevenue: 9600, operatingProfit: 1200, profitBeforeTax: 1100, interestExpense: 100, depreciationAndAmortization: 300,
        incomeTaxExpense: 275, accountsReceivable: 2500, inventory: 2400, accountsPayable: 1400, prepayments: 200, advancesFromCustomers: 500,
        totalCurrentAssets: 7000, totalCurrentLiabilities: 5000, shortTermBorrowings: 1500, currentPortionOfLongTermDebt: 200,
        totalAssets: 12000, totalLiabilities: 7000, totalEquity: 5000,
      },
    },
  ]);
  it('computes turnover days, 营运资金量 and the new-loan capacity by the 360-day formula', () => {
    const r = analyze(st, { loan: { loanAmount: 500, tenorYears: 3, rate: 0.05, ownFunds: 1000 } });
    const wc = r.loan?.workingCapital;
    expect(wc?.turnoverDays.receivables?.value).toBe(60);
    expect(wc?.turnoverDays.inventory?.value).toBe(82.5);
    expect(wc?.turnoverDays.payables?.value).toBe(45);
    expect(wc?.turnoverDays.prepayments?.value).toBe(7.5);
    expect(wc?.turnoverDays.advances?.value).toBe(12);
    expect(wc?.turnoverCount.value).toBeCloseTo(360 / 93, 12);
    expect(wc?.workingCapitalRequired.value).toBeCloseTo(3348, 9);
    expect(wc?.newLoanCapacity.value).toBeCloseTo(848, 9);
    expect(wc?.requestWithinNeed).toBe(true);
  });
  it('DSCR and leverage after the loan', () => {
    const r = analyze(st, { loan: { loanAmount: 500, tenorYears: 3, rate: 0.05 } });
    expect(r.loan?.firstYearInterest).toBe(25);
    expect(r.loan?.dscr.value).toBeCloseTo(1225 / (100 + 200 + 25 + 500 / 3), 12);
    expect(r.loan?.debtToAssetsAfter.value).toBe(0.6);
    // default own funds = CA − CL = 2000 → capacity 3348 − 2000 − 1500 < 0
    expect(r.loan?.workingCapital.newLoanCapacity.value).toBeCloseTo(-152, 9);
    expect(r.loan?.workingCapital.requestWithinNeed).toBe(false);
  });
  it('annuity repayment splits the level payment', () => {
    const r = analyze(st, { loan: { loanAmount: 1000, tenorYears: 2, rate: 0.1, repayment: 'annuity' } });
    const pay = (1000 * 0.1) / (1 - 1.1 ** -2);
    expect(r.loan?.firstYearPrincipal).toBeCloseTo(pay - 100, 9);
  });
});
