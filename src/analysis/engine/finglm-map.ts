import type { ItemKey } from './items.js';
import type { RatioName } from './ratios.js';

/**
 * FinGLM (SMP 2023) ratio names → engine ratios, and its input field names → canonical line items.
 * A field prefixed 上年 is the prior-year value of the same item. Names only; no dataset text.
 */
export const FINGLM_RATIOS: Record<string, RatioName> = {
  流动比率: 'currentRatio',
  速动比率: 'quickRatio',
  现金比率: 'cashRatio',
  资产负债比率: 'debtToAssets',
  流动负债比率: 'currentLiabilitiesRatio',
  非流动负债比率: 'nonCurrentLiabilitiesRatio',
  毛利率: 'grossMargin',
  净利润率: 'netMargin',
  营业利润率: 'operatingMargin',
  营业成本率: 'costOfRevenueRatio',
  管理费用率: 'adminExpenseRatio',
  财务费用率: 'financeExpenseRatio',
  三费比重: 'threeExpenseRatio',
  投资收益占营业收入比率: 'investmentIncomeToRevenue',
  企业研发经费与营业收入比值: 'rdToRevenue',
  企业研发经费与利润比值: 'rdToNetIncome',
  企业研发经费占费用比例: 'rdShareOfExpenses',
  研发人员占职工人数比例: 'rdStaffRatio',
  企业硕士及以上人员占职工人数比例: 'postgraduateStaffRatio',
  营业收入增长率: 'revenueGrowth',
  净利润增长率: 'netIncomeGrowth',
  营业利润增长率: 'operatingProfitGrowth',
  总资产增长率: 'totalAssetsGrowth',
  总负债增长率: 'totalLiabilitiesGrowth',
  流动负债增长率: 'currentLiabilitiesGrowth',
  货币资金增长率: 'cashGrowth',
  现金及现金等价物增长率: 'cashAndEquivalentsGrowth',
  固定资产增长率: 'fixedAssetsGrowth',
  无形资产增长率: 'intangibleAssetsGrowth',
  销售费用增长率: 'sellingExpensesGrowth',
  管理费用增长率: 'adminExpensesGrowth',
  财务费用增长率: 'financeExpensesGrowth',
  研发费用增长率: 'rdExpensesGrowth',
  投资收益增长率: 'investmentIncomeGrowth',
};

export const FINGLM_FIELDS: Record<string, ItemKey> = {
  流动资产: 'totalCurrentAssets',
  流动负债: 'totalCurrentLiabilities',
  非流动负债: 'totalNonCurrentLiabilities',
  存货: 'inventory',
  货币资金: 'cash',
  总负债: 'totalLiabilities',
  资产总额: 'totalAssets',
  营业收入: 'revenue',
  营业成本: 'costOfRevenue',
  营业利润: 'operatingProfit',
  净利润: 'netIncome',
  销售费用: 'sellingExpenses',
  管理费用: 'adminExpenses',
  财务费用: 'financeExpenses',
  研发费用: 'rdExpenses',
  投资收益: 'investmentIncome',
  固定资产: 'fixedAssets',
  无形资产: 'intangibleAssets',
  现金及现金等价物: 'cashAndCashEquivalents',
  研发人员人数: 'rdEmployees',
  研发人员数: 'rdEmployees',
  职工总人数: 'employees',
  职工总数: 'employees',
  硕士员工人数: 'mastersEmployees',
  硕士人数: 'mastersEmployees',
  博士及以上的员工人数: 'doctoralEmployees',
  博士及以上人数: 'doctoralEmployees',
};

/** Resolve a field name to (item, period offset): 上年X → X of the prior year. */
export function finglmField(name: string): { item: ItemKey; offset: 0 | -1 } | undefined {
  const prior = name.startsWith('上年');
  const item = FINGLM_FIELDS[prior ? name.slice(2) : name];
  return item ? { item, offset: prior ? -1 : 0 } : undefined;
}
