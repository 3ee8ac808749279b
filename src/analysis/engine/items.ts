import type { LineItem, Period, SourceRef, Statement } from '../model.js';

/** Keys the engine reads: the canonical line items (the model carries every key the engine needs). */
export type ItemKey = LineItem;

/** A period as the engine sees it (a canonical period; built in code by tests and the FinGLM eval). */
export interface EnginePeriod extends Omit<Period, 'items'> {
  items: Partial<Record<ItemKey, number>>;
  sources?: Partial<Record<LineItem, SourceRef>>;
}

/** A statement as the engine reads it: sector optional. Every schema-valid `Statement` is one. */
export interface EngineStatement extends Omit<Statement, 'periods' | 'sector'> {
  sector?: Statement['sector'];
  periods: EnginePeriod[];
}

export function itemOf(period: EnginePeriod, key: ItemKey): number | undefined {
  const v = period.items[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

export function sourceOf(period: EnginePeriod, key: ItemKey): SourceRef | undefined {
  return (period.sources as Partial<Record<string, SourceRef>> | undefined)?.[key];
}

/** Chinese names used in notes and flag messages. */
export const ITEM_ZH: Partial<Record<ItemKey, string>> = {
  cash: '货币资金', tradingFinancialAssets: '交易性金融资产', notesReceivable: '应收票据',
  accountsReceivable: '应收账款', prepayments: '预付款项', otherReceivables: '其他应收款',
  inventory: '存货', totalCurrentAssets: '流动资产合计', fixedAssets: '固定资产',
  intangibleAssets: '无形资产', totalAssets: '资产总计', shortTermBorrowings: '短期借款',
  accountsPayable: '应付账款', advancesFromCustomers: '预收款项', contractLiabilities: '合同负债',
  currentPortionOfLongTermDebt: '一年内到期的非流动负债', totalCurrentLiabilities: '流动负债合计',
  longTermBorrowings: '长期借款', bondsPayable: '应付债券', leaseLiabilities: '租赁负债',
  totalNonCurrentLiabilities: '非流动负债合计', totalLiabilities: '负债合计',
  retainedEarnings: '未分配利润', surplusReserve: '盈余公积', totalEquity: '所有者权益合计',
  equityAttributableToParent: '归属于母公司所有者权益合计', revenue: '营业收入',
  costOfRevenue: '营业成本', sellingExpenses: '销售费用', adminExpenses: '管理费用',
  rdExpenses: '研发费用', financeExpenses: '财务费用', interestExpense: '利息费用',
  interestIncome: '利息收入', operatingProfit: '营业利润', profitBeforeTax: '利润总额',
  netIncome: '净利润', netIncomeAttributableToParent: '归属于母公司所有者的净利润',
  depreciationAndAmortization: '折旧与摊销', cashFromOperations: '经营活动产生的现金流量净额',
  capitalExpenditure: '购建固定资产、无形资产和其他长期资产支付的现金',
  cashFromInvesting: '投资活动产生的现金流量净额', investmentIncome: '投资收益',
  cashAndCashEquivalents: '期末现金及现金等价物余额', employees: '职工总数',
};
