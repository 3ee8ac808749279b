import { Decimal } from 'decimal.js';
import type { ItemKey } from './items.js';
import { type Ctx, type FigureDef, type Outcome, growth, NotMeaningful, ratio } from './figure.js';

/*
 * The ratio registry (§1.2–§1.8). Conventions: ratios are plain fractions; flows over balances use
 * the opening/closing average when the opening balance exists (else closing, basis "ending"); days =
 * policy.dayCount; debt = interest-bearing items in policy.debtItems (never total liabilities).
 */

const days = (c: Ctx) => c.policy.dayCount;
const debtSet = (c: Ctx) => c.policy.debtItems.join(' + ');
const ebitText = (c: Ctx) =>
  c.ebitMode() === 'pretaxPlusInterest' ? 'EBIT (profitBeforeTax + interestExpense)' : 'EBIT (operatingProfit)';

function positive(x: Decimal, what: string): NotMeaningful | null {
  if (x.isNaN()) return null;
  return x.lte(0) ? new NotMeaningful(`${what} ≤ 0 (${x.toNumber()})`) : null;
}

function simple(num: ItemKey, den: ItemKey, formula: string): FigureDef {
  return { formula, compute: (c) => ratio(c.item(num), c.item(den), den) };
}

function growthOf(key: ItemKey, zh: string): FigureDef {
  return {
    formula: `${key}_t / ${key}_{t−1} − 1 (${zh}增长率; null on a base ≤ 0 unless growthBase = mechanical)`,
    compute: (c) => growth(c.item(key), c.item(key, -1), c.policy, key),
  };
}

/** Receivables / revenue turnover in days-equivalent parts, reused by DSO/DIO/DPO and the CCC. */
function dsoOut(c: Ctx): Outcome {
  const r = c.avg('accountsReceivable', (o) => c.receivables(o));
  return ratio(r.mul(days(c)), c.item('revenue'), 'revenue');
}
function dioOut(c: Ctx): Outcome {
  return ratio(c.avg('inventory').mul(days(c)), c.item('costOfRevenue'), 'cost of revenue');
}
function dpoOut(c: Ctx): Outcome {
  return ratio(c.avg('accountsPayable').mul(days(c)), c.item('costOfRevenue'), 'cost of revenue');
}

function equityGuard(c: Ctx, eq: Decimal, what = 'equity'): NotMeaningful | null {
  return positive(eq, what) ?? (c.peek('totalEquity') !== undefined && (c.peek('totalEquity') ?? 0) <= 0
    ? new NotMeaningful(`total equity ≤ 0 (${c.peek('totalEquity')})`)
    : null);
}

export const RATIOS = {
  // ── Liquidity §1.2
  currentRatio: simple('totalCurrentAssets', 'totalCurrentLiabilities', 'totalCurrentAssets / totalCurrentLiabilities (流动比率)'),
  quickRatio: {
    formula: '(totalCurrentAssets − inventory) / totalCurrentLiabilities (速动比率, Chinese textbook form)',
    compute: (c) => ratio(c.item('totalCurrentAssets').minus(c.item('inventory')), c.item('totalCurrentLiabilities'), 'current liabilities'),
  },
  quickRatioConservative: {
    formula: '(cash + tradingFinancialAssets + notesReceivable + accountsReceivable + otherReceivables) / totalCurrentLiabilities (acid test; absent optional lines = 0)',
    compute: (c) =>
      ratio(
        c.item('cash').plus(c.opt('tradingFinancialAssets')).plus(c.opt('notesReceivable')).plus(c.item('accountsReceivable')).plus(c.opt('otherReceivables')),
        c.item('totalCurrentLiabilities'),
        'current liabilities',
      ),
  },
  cashRatio: {
    formula: '(cash + tradingFinancialAssets) / totalCurrentLiabilities (现金比率; restricted cash not deducted)',
    compute: (c) => ratio(c.item('cash').plus(c.opt('tradingFinancialAssets')), c.item('totalCurrentLiabilities'), 'current liabilities'),
  },
  cashToShortTermDebt: {
    formula: 'cash / (shortTermBorrowings + commercialPaper + currentPortionOfLongTermDebt) (现金短债比, red line 3 ≥ 1)',
    compute: (c) => ratio(c.item('cash'), c.sumPresent(['shortTermBorrowings', 'commercialPaper', 'currentPortionOfLongTermDebt']), 'short-term debt'),
  },
  workingCapital: {
    formula: 'totalCurrentAssets − totalCurrentLiabilities (营运资金, amount)',
    compute: (c) => c.item('totalCurrentAssets').minus(c.item('totalCurrentLiabilities')),
  },

  // ── Leverage §1.3
  debtToAssets: simple('totalLiabilities', 'totalAssets', 'totalLiabilities / totalAssets (资产负债率, total liabilities not debt)'),
  equityRatio: {
    formula: 'totalEquity / totalAssets (股东权益比率)',
    compute: (c) => {
      const eq = c.item('totalEquity');
      return positive(eq, 'total equity') ?? ratio(eq, c.item('totalAssets'), 'total assets');
    },
  },
  currentLiabilitiesRatio: simple('totalCurrentLiabilities', 'totalLiabilities', 'totalCurrentLiabilities / totalLiabilities (流动负债比率)'),
  nonCurrentLiabilitiesRatio: simple('totalNonCurrentLiabilities', 'totalLiabilities', 'totalNonCurrentLiabilities / totalLiabilities (非流动负债比率)'),
  totalDebt: {
    formula: (c) => `${debtSet(c)} (有息负债, amount)`,
    compute: (c) => c.debt(),
  },
  debtToEquity: {
    formula: (c) => `(${debtSet(c)}) / totalEquity (interest-bearing debt / equity; not meaningful when equity ≤ 0)`,
    compute: (c) => {
      const eq = c.item('totalEquity');
      return positive(eq, 'total equity') ?? ratio(c.debt(), eq, 'equity');
    },
  },
  liabilitiesToEquity: {
    formula: 'totalLiabilities / totalEquity (产权比率; not meaningful when equity ≤ 0)',
    compute: (c) => {
      const eq = c.item('totalEquity');
      return positive(eq, 'total equity') ?? ratio(c.item('totalLiabilities'), eq, 'equity');
    },
  },
  netGearing: {
    formula: (c) => `(${debtSet(c)} − cash) / totalEquity (净负债率, red line 2 ≤ 100%)`,
    compute: (c) => {
      const eq = c.item('totalEquity');
      return positive(eq, 'total equity') ?? ratio(c.debt().minus(c.item('cash')), eq, 'equity');
    },
  },
  liabilitiesToAssetsExAdvances: {
    formula: '(totalLiabilities − contractLiabilities − advancesFromCustomers) / (totalAssets − contractLiabilities − advancesFromCustomers) (剔除预收款后的资产负债率, red line 1 ≤ 70%)',
    compute: (c) => {
      const adv = c.opt('contractLiabilities').plus(c.opt('advancesFromCustomers'));
      return ratio(c.item('totalLiabilities').minus(adv), c.item('totalAssets').minus(adv), 'total assets less advances');
    },
  },
  ebit: { formula: (c) => `${ebitText(c)} (amount)`, compute: (c) => c.ebit() },
  ebitda: { formula: (c) => `${ebitText(c)} + depreciationAndAmortization (amount)`, compute: (c) => c.ebitda() },
  debtToEbitda: {
    formula: (c) => `(${debtSet(c)}) / EBITDA; not meaningful when EBITDA ≤ 0`,
    compute: (c) => {
      const e = c.ebitda();
      return positive(e, 'EBITDA') ?? ratio(c.debt(), e, 'EBITDA');
    },
  },
  netDebtToEbitda: {
    formula: (c) => `(${debtSet(c)} − cash − tradingFinancialAssets) / EBITDA; not meaningful when EBITDA ≤ 0`,
    compute: (c) => {
      const e = c.ebitda();
      return positive(e, 'EBITDA') ?? ratio(c.debt().minus(c.item('cash')).minus(c.opt('tradingFinancialAssets')), e, 'EBITDA');
    },
  },

  // ── Coverage §1.4
  interestCoverage: {
    formula: (c) => `${ebitText(c)} / interestExpense (利息保障倍数; 利息费用, not net 财务费用)`,
    compute: (c) => ratio(c.ebit(), c.item('interestExpense'), 'interest expense'),
  },
  ebitdaInterestCoverage: {
    formula: (c) => `(${ebitText(c)} + depreciationAndAmortization) / interestExpense`,
    compute: (c) => ratio(c.ebitda(), c.item('interestExpense'), 'interest expense'),
  },
  cfoToDebt: {
    formula: (c) => `cashFromOperations / (${debtSet(c)}) (ending debt)`,
    compute: (c) => ratio(c.item('cashFromOperations'), c.debt(), 'interest-bearing debt'),
  },

  // ── Profitability §1.5
  grossMargin: {
    formula: '(revenue − costOfRevenue) / revenue (毛利率)',
    compute: (c) => {
      const rev = c.item('revenue');
      return ratio(rev.minus(c.item('costOfRevenue')), rev, 'revenue');
    },
  },
  operatingMargin: simple('operatingProfit', 'revenue', 'operatingProfit / revenue (营业利润率; CAS 营业利润 includes investment income)'),
  netMargin: simple('netIncome', 'revenue', 'netIncome / revenue (净利率)'),
  costOfRevenueRatio: simple('costOfRevenue', 'revenue', 'costOfRevenue / revenue (营业成本率)'),
  sellingExpenseRatio: simple('sellingExpenses', 'revenue', 'sellingExpenses / revenue (销售费用率)'),
  adminExpenseRatio: simple('adminExpenses', 'revenue', 'adminExpenses / revenue (管理费用率)'),
  financeExpenseRatio: simple('financeExpenses', 'revenue', 'financeExpenses / revenue (财务费用率)'),
  threeExpenseRatio: {
    formula: '(sellingExpenses + adminExpenses + financeExpenses) / revenue (三费比重)',
    compute: (c) => ratio(c.item('sellingExpenses').plus(c.item('adminExpenses')).plus(c.item('financeExpenses')), c.item('revenue'), 'revenue'),
  },
  rdToRevenue: simple('rdExpenses', 'revenue', 'rdExpenses / revenue (研发经费与营业收入比值)'),
  rdToNetIncome: simple('rdExpenses', 'netIncome', 'rdExpenses / netIncome (研发经费与利润比值)'),
  rdShareOfExpenses: {
    formula: 'rdExpenses / (sellingExpenses + adminExpenses + financeExpenses + rdExpenses) (研发经费占费用比例)',
    compute: (c) => {
      const rd = c.item('rdExpenses');
      return ratio(rd, c.item('sellingExpenses').plus(c.item('adminExpenses')).plus(c.item('financeExpenses')).plus(rd), 'total period expenses');
    },
  },
  investmentIncomeToRevenue: simple('investmentIncome', 'revenue', 'investmentIncome / revenue (投资收益占营业收入比率)'),
  roa: {
    formula: 'netIncome / average totalAssets (总资产收益率)',
    compute: (c) => ratio(c.item('netIncome'), c.avg('totalAssets'), 'average total assets'),
  },
  roe: {
    formula: 'netIncomeAttributableToParent (else netIncome) / average equityAttributableToParent (else totalEquity); not meaningful when equity ≤ 0',
    compute: (c) => {
      const ni = c.parentNetIncome();
      const avgEq = c.avg(c.parentEquityKey());
      return equityGuard(c, avgEq, 'average equity') ?? ratio(ni, avgEq, 'average equity');
    },
  },
  dupontNetMargin: {
    formula: 'DuPont 1: netIncomeAttributableToParent (else netIncome) / revenue',
    compute: (c) => ratio(c.parentNetIncome(), c.item('revenue'), 'revenue'),
  },
  dupontAssetTurnover: {
    formula: 'DuPont 2: revenue / average totalAssets',
    compute: (c) => ratio(c.item('revenue'), c.avg('totalAssets'), 'average total assets'),
  },
  dupontEquityMultiplier: {
    formula: 'DuPont 3: average totalAssets / average equity (parent when reported); not meaningful when equity ≤ 0',
    compute: (c) => {
      const avgTa = c.avg('totalAssets');
      const avgEq = c.avg(c.parentEquityKey());
      return equityGuard(c, avgEq, 'average equity') ?? ratio(avgTa, avgEq, 'average equity');
    },
  },

  // ── Efficiency §1.6
  assetTurnover: {
    formula: 'revenue / average totalAssets (总资产周转率)',
    compute: (c) => ratio(c.item('revenue'), c.avg('totalAssets'), 'average total assets'),
  },
  receivableTurnover: {
    formula: (c) => `revenue / average ${c.policy.receivablesIncludeNotes ? '(accountsReceivable + notesReceivable)' : 'accountsReceivable'} (应收账款周转率)`,
    compute: (c) => ratio(c.item('revenue'), c.avg('accountsReceivable', (o) => c.receivables(o)), 'average receivables'),
  },
  inventoryTurnover: {
    formula: 'costOfRevenue / average inventory (存货周转率)',
    compute: (c) => ratio(c.item('costOfRevenue'), c.avg('inventory'), 'average inventory'),
  },
  payableTurnover: {
    formula: 'costOfRevenue / average accountsPayable (应付账款周转率)',
    compute: (c) => ratio(c.item('costOfRevenue'), c.avg('accountsPayable'), 'average accounts payable'),
  },
  dso: {
    formula: (c) => `average ${c.policy.receivablesIncludeNotes ? '(accountsReceivable + notesReceivable)' : 'accountsReceivable'} / revenue × ${days(c)} (应收账款周转天数)`,
    compute: dsoOut,
  },
  dio: { formula: (c) => `average inventory / costOfRevenue × ${days(c)} (存货周转天数)`, compute: dioOut },
  dpo: { formula: (c) => `average accountsPayable / costOfRevenue × ${days(c)} (应付账款周转天数)`, compute: dpoOut },
  cashConversionCycle: {
    formula: (c) => `DSO + DIO − DPO (${days(c)} days, averages)`,
    compute: (c) => {
      const parts = [dsoOut(c), dioOut(c), dpoOut(c)];
      const nm = parts.find((p): p is NotMeaningful => p instanceof NotMeaningful);
      if (nm) return nm;
      const [s, i, p] = parts as Decimal[];
      return (s as Decimal).plus(i as Decimal).minus(p as Decimal);
    },
  },

  // ── Cash flow §1.7
  freeCashFlow: {
    formula: 'cashFromOperations − capitalExpenditure (amount; capex as a positive outflow)',
    compute: (c) => c.item('cashFromOperations').minus(c.item('capitalExpenditure').abs()),
  },
  cfoToNetIncome: {
    formula: 'cashFromOperations / netIncome (净现比; not meaningful when net income ≤ 0)',
    compute: (c) => {
      const ni = c.item('netIncome');
      return positive(ni, 'net income') ?? ratio(c.item('cashFromOperations'), ni, 'net income');
    },
  },
  cashCollectionRatio: simple('cashReceivedFromSales', 'revenue', 'cashReceivedFromSales / revenue (收现比; under 13% VAT a healthy value is about 1.1, receipts include VAT)'),
  accrualRatio: {
    formula: '(netIncome − cashFromOperations − cashFromInvesting) / average totalAssets (Sloan accrual ratio)',
    compute: (c) =>
      ratio(c.item('netIncome').minus(c.item('cashFromOperations')).minus(c.item('cashFromInvesting')), c.avg('totalAssets'), 'average total assets'),
  },

  // ── Growth §1.8
  revenueGrowth: growthOf('revenue', '营业收入'),
  netIncomeGrowth: growthOf('netIncome', '净利润'),
  operatingProfitGrowth: growthOf('operatingProfit', '营业利润'),
  totalAssetsGrowth: growthOf('totalAssets', '总资产'),
  totalLiabilitiesGrowth: growthOf('totalLiabilities', '总负债'),
  currentLiabilitiesGrowth: growthOf('totalCurrentLiabilities', '流动负债'),
  cashGrowth: growthOf('cash', '货币资金'),
  cashAndEquivalentsGrowth: growthOf('cashAndCashEquivalents', '现金及现金等价物'),
  fixedAssetsGrowth: growthOf('fixedAssets', '固定资产'),
  intangibleAssetsGrowth: growthOf('intangibleAssets', '无形资产'),
  sellingExpensesGrowth: growthOf('sellingExpenses', '销售费用'),
  adminExpensesGrowth: growthOf('adminExpenses', '管理费用'),
  financeExpensesGrowth: growthOf('financeExpenses', '财务费用'),
  rdExpensesGrowth: growthOf('rdExpenses', '研发费用'),
  investmentIncomeGrowth: growthOf('investmentIncome', '投资收益'),
  receivablesGrowth: growthOf('accountsReceivable', '应收账款'),
  inventoryGrowth: growthOf('inventory', '存货'),
  revenueCagr: {
    formula: '(revenue_t / revenue_first)^(1 / years) − 1, years = periods elapsed (annual periods); defined when both > 0',
    compute: (c) => {
      const n = c.i;
      const end = c.item('revenue');
      const start = c.item('revenue', -n);
      if (n === 0) return new NotMeaningful('needs at least two periods');
      return positive(start, 'first-period revenue') ?? positive(end, 'revenue') ?? end.div(start).pow(new Decimal(1).div(n)).minus(1);
    },
  },

  // ── Staff (FinGLM; extra items)
  rdStaffRatio: simple('rdEmployees', 'employees', 'rdEmployees / employees (研发人员占职工人数比例)'),
  postgraduateStaffRatio: {
    formula: '(mastersEmployees + doctoralEmployees) / employees (硕士及以上人员占比; doctoral absent = 0)',
    compute: (c) => ratio(c.item('mastersEmployees').plus(c.opt('doctoralEmployees')), c.item('employees'), 'employees'),
  },
} satisfies Record<string, FigureDef>;

export type RatioName = keyof typeof RATIOS;
export const RATIO_NAMES = Object.keys(RATIOS) as RatioName[];
