/**
 * How each engine figure is labelled and shown (zh/en). Pure formatting: values are rounded for
 * display only, never recomputed — the number validator rounds the engine's value the same way.
 */
export type Lang = 'zh' | 'en';
export type Display = 'ratio' | 'percent' | 'times' | 'days' | 'amount';

export interface FigureMeta {
  zh: string;
  en: string;
  display: Display;
  /** true = higher is better, false = lower is better, null = neither (context dependent). */
  higherIsBetter: boolean | null;
}

export const FIGURE_META: Record<string, FigureMeta> = {
  currentRatio: { zh: '流动比率', en: 'Current ratio', display: 'ratio', higherIsBetter: true },
  quickRatio: { zh: '速动比率', en: 'Quick ratio', display: 'ratio', higherIsBetter: true },
  quickRatioConservative: { zh: '保守速动比率', en: 'Quick ratio (acid test)', display: 'ratio', higherIsBetter: true },
  cashRatio: { zh: '现金比率', en: 'Cash ratio', display: 'ratio', higherIsBetter: true },
  cashToShortTermDebt: { zh: '现金短债比', en: 'Cash to short-term debt', display: 'ratio', higherIsBetter: true },
  workingCapital: { zh: '营运资金', en: 'Working capital', display: 'amount', higherIsBetter: true },
  debtToAssets: { zh: '资产负债率', en: 'Debt to assets', display: 'percent', higherIsBetter: false },
  equityRatio: { zh: '股东权益比率', en: 'Equity ratio', display: 'percent', higherIsBetter: true },
  totalDebt: { zh: '有息负债', en: 'Interest-bearing debt', display: 'amount', higherIsBetter: false },
  debtToEquity: { zh: '有息负债/所有者权益', en: 'Debt to equity', display: 'ratio', higherIsBetter: false },
  liabilitiesToEquity: { zh: '产权比率', en: 'Liabilities to equity', display: 'ratio', higherIsBetter: false },
  netGearing: { zh: '净负债率', en: 'Net gearing', display: 'percent', higherIsBetter: false },
  liabilitiesToAssetsExAdvances: { zh: '剔除预收款后的资产负债率', en: 'Liabilities to assets ex advances', display: 'percent', higherIsBetter: false },
  ebit: { zh: '息税前利润', en: 'EBIT', display: 'amount', higherIsBetter: true },
  ebitda: { zh: 'EBITDA', en: 'EBITDA', display: 'amount', higherIsBetter: true },
  debtToEbitda: { zh: '有息负债/EBITDA', en: 'Debt to EBITDA', display: 'times', higherIsBetter: false },
  netDebtToEbitda: { zh: '净有息负债/EBITDA', en: 'Net debt to EBITDA', display: 'times', higherIsBetter: false },
  interestCoverage: { zh: '利息保障倍数', en: 'Interest coverage', display: 'times', higherIsBetter: true },
  ebitdaInterestCoverage: { zh: 'EBITDA 利息保障倍数', en: 'EBITDA interest coverage', display: 'times', higherIsBetter: true },
  cfoToDebt: { zh: '经营现金流/有息负债', en: 'CFO to debt', display: 'ratio', higherIsBetter: true },
  grossMargin: { zh: '毛利率', en: 'Gross margin', display: 'percent', higherIsBetter: true },
  operatingMargin: { zh: '营业利润率', en: 'Operating margin', display: 'percent', higherIsBetter: true },
  netMargin: { zh: '净利率', en: 'Net margin', display: 'percent', higherIsBetter: true },
  roa: { zh: '总资产收益率', en: 'Return on assets', display: 'percent', higherIsBetter: true },
  roe: { zh: '净资产收益率', en: 'Return on equity', display: 'percent', higherIsBetter: true },
  dupontNetMargin: { zh: '杜邦①销售净利率', en: 'DuPont ① net margin', display: 'percent', higherIsBetter: true },
  dupontAssetTurnover: { zh: '杜邦②总资产周转率', en: 'DuPont ② asset turnover', display: 'ratio', higherIsBetter: true },
  dupontEquityMultiplier: { zh: '杜邦③权益乘数', en: 'DuPont ③ equity multiplier', display: 'ratio', higherIsBetter: null },
  assetTurnover: { zh: '总资产周转率', en: 'Asset turnover', display: 'ratio', higherIsBetter: true },
  receivableTurnover: { zh: '应收账款周转率', en: 'Receivables turnover', display: 'ratio', higherIsBetter: true },
  inventoryTurnover: { zh: '存货周转率', en: 'Inventory turnover', display: 'ratio', higherIsBetter: true },
  payableTurnover: { zh: '应付账款周转率', en: 'Payables turnover', display: 'ratio', higherIsBetter: null },
  dso: { zh: '应收账款周转天数', en: 'Days sales outstanding', display: 'days', higherIsBetter: false },
  dio: { zh: '存货周转天数', en: 'Days inventory outstanding', display: 'days', higherIsBetter: false },
  dpo: { zh: '应付账款周转天数', en: 'Days payables outstanding', display: 'days', higherIsBetter: null },
  cashConversionCycle: { zh: '现金转换周期', en: 'Cash conversion cycle', display: 'days', higherIsBetter: false },
  freeCashFlow: { zh: '自由现金流', en: 'Free cash flow', display: 'amount', higherIsBetter: true },
  cfoToNetIncome: { zh: '净现比（经营现金流/净利润）', en: 'CFO to net income', display: 'ratio', higherIsBetter: true },
  accrualRatio: { zh: '应计比率', en: 'Accrual ratio', display: 'percent', higherIsBetter: false },
  cashCollectionRatio: { zh: '收现比', en: 'Cash collection ratio', display: 'ratio', higherIsBetter: true },
  revenueGrowth: { zh: '营业收入增长率', en: 'Revenue growth', display: 'percent', higherIsBetter: true },
  netIncomeGrowth: { zh: '净利润增长率', en: 'Net income growth', display: 'percent', higherIsBetter: true },
  operatingProfitGrowth: { zh: '营业利润增长率', en: 'Operating profit growth', display: 'percent', higherIsBetter: true },
  totalAssetsGrowth: { zh: '总资产增长率', en: 'Total assets growth', display: 'percent', higherIsBetter: null },
  receivablesGrowth: { zh: '应收账款增长率', en: 'Receivables growth', display: 'percent', higherIsBetter: null },
  inventoryGrowth: { zh: '存货增长率', en: 'Inventory growth', display: 'percent', higherIsBetter: null },
  revenueCagr: { zh: '营业收入复合增长率', en: 'Revenue CAGR', display: 'percent', higherIsBetter: true },
};

/** Canonical line items shown in the memo's line-item table (§1.10.3 review report). */
export const ITEM_LABELS: Record<string, { zh: string; en: string }> = {
  cash: { zh: '货币资金', en: 'Cash' },
  accountsReceivable: { zh: '应收账款', en: 'Accounts receivable' },
  otherReceivables: { zh: '其他应收款', en: 'Other receivables' },
  prepayments: { zh: '预付款项', en: 'Prepayments' },
  inventory: { zh: '存货', en: 'Inventory' },
  totalCurrentAssets: { zh: '流动资产合计', en: 'Total current assets' },
  fixedAssets: { zh: '固定资产', en: 'Fixed assets (PP&E)' },
  totalAssets: { zh: '资产总计', en: 'Total assets' },
  shortTermBorrowings: { zh: '短期借款', en: 'Short-term borrowings' },
  accountsPayable: { zh: '应付账款', en: 'Accounts payable' },
  totalCurrentLiabilities: { zh: '流动负债合计', en: 'Total current liabilities' },
  longTermBorrowings: { zh: '长期借款', en: 'Long-term borrowings' },
  totalLiabilities: { zh: '负债合计', en: 'Total liabilities' },
  totalEquity: { zh: '所有者权益合计', en: 'Total equity' },
  revenue: { zh: '营业收入', en: 'Revenue' },
  costOfRevenue: { zh: '营业成本', en: 'Cost of revenue' },
  operatingProfit: { zh: '营业利润', en: 'Operating profit' },
  profitBeforeTax: { zh: '利润总额', en: 'Profit before tax' },
  netIncome: { zh: '净利润', en: 'Net income' },
  netIncomeAttributableToParent: { zh: '归母净利润', en: 'Net income attributable to parent' },
  cashFromOperations: { zh: '经营活动现金流量净额', en: 'Cash from operations' },
  capitalExpenditure: { zh: '资本性支出', en: 'Capital expenditure' },
  // Further items the chat and the Altman/leverage notes name (not rows of the memo's item table).
  tradingFinancialAssets: { zh: '交易性金融资产', en: 'Short-term investments' },
  notesReceivable: { zh: '应收票据', en: 'Notes receivable' },
  relatedPartyOtherReceivables: { zh: '关联方资金占用', en: 'Related-party receivables' },
  nonCurrentMarketableSecurities: { zh: '非流动金融资产', en: 'Non-current marketable securities' },
  totalNonCurrentAssets: { zh: '非流动资产合计', en: 'Total non-current assets' },
  commercialPaper: { zh: '短期融资券', en: 'Commercial paper' },
  contractLiabilities: { zh: '合同负债', en: 'Contract liabilities' },
  advancesFromCustomers: { zh: '预收款项', en: 'Advances from customers' },
  currentPortionOfLongTermDebt: { zh: '一年内到期的非流动负债', en: 'Current portion of long-term debt' },
  bondsPayable: { zh: '应付债券', en: 'Bonds payable' },
  leaseLiabilities: { zh: '租赁负债', en: 'Lease liabilities' },
  totalNonCurrentLiabilities: { zh: '非流动负债合计', en: 'Total non-current liabilities' },
  retainedEarnings: { zh: '未分配利润', en: 'Retained earnings' },
  surplusReserve: { zh: '盈余公积', en: 'Surplus reserve' },
  equityAttributableToParent: { zh: '归属于母公司所有者权益', en: 'Equity attributable to parent' },
  marketValueOfEquity: { zh: '股权市值（总市值）', en: 'Market value of equity' },
  sharesOutstanding: { zh: '总股本', en: 'Shares outstanding' },
  totalOperatingRevenue: { zh: '营业总收入', en: 'Total operating revenue' },
  grossProfit: { zh: '毛利', en: 'Gross profit' },
  sellingExpenses: { zh: '销售费用', en: 'Selling expenses' },
  adminExpenses: { zh: '管理费用', en: 'Administrative expenses' },
  rdExpenses: { zh: '研发费用', en: 'R&D expenses' },
  sgaExpenses: { zh: '销售及管理费用', en: 'SG&A expenses' },
  financeExpenses: { zh: '财务费用', en: 'Finance expenses' },
  interestExpense: { zh: '利息费用', en: 'Interest expense' },
  interestIncome: { zh: '利息收入', en: 'Interest income' },
  investmentIncome: { zh: '投资收益', en: 'Investment income' },
  incomeTaxExpense: { zh: '所得税费用', en: 'Income tax expense' },
  depreciationAndAmortization: { zh: '折旧与摊销', en: 'Depreciation and amortisation' },
  cashFromInvesting: { zh: '投资活动现金流量净额', en: 'Cash from investing' },
  cashFromFinancing: { zh: '筹资活动现金流量净额', en: 'Cash from financing' },
  dividendsPaid: { zh: '分配股利支付的现金', en: 'Dividends paid' },
  shareRepurchases: { zh: '回购股份支付的现金', en: 'Share repurchases' },
  cashAndCashEquivalents: { zh: '期末现金及现金等价物余额', en: 'Cash and cash equivalents' },
  cashReceivedFromSales: { zh: '销售商品、提供劳务收到的现金', en: 'Cash received from customers' },
  // Loan-view terms (not statement lines): named in the DSCR and coverage-after-loan formulas.
  newLoanInterest: { zh: '新增贷款首年利息', en: 'new loan year-1 interest' },
  newLoanPrincipal: { zh: '新增贷款首年本金', en: 'new loan year-1 principal' },
};

export function labelOf(name: string, lang: Lang): string {
  const m = FIGURE_META[name] ?? ITEM_LABELS[name];
  return m ? m[lang] : name;
}

const group3 = (digits: string): string => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** Fixed decimals with thousands separators; "-0.00" is shown as "0.00". */
export function fixed(value: number, decimals: number): string {
  const s = value.toFixed(decimals);
  const neg = s.startsWith('-') && !/^-0(\.0+)?$/.test(s);
  const [int, frac] = s.replace('-', '').split('.');
  return `${neg ? '-' : ''}${group3(int ?? '0')}${frac ? `.${frac}` : ''}`;
}

/** An amount as filed: integers stay integers, otherwise up to 2 decimals. */
export function amount(value: number): string {
  return Number.isInteger(value) ? fixed(value, 0) : fixed(value, 2);
}

export function formatValue(value: number, display: Display): string {
  switch (display) {
    case 'percent':
      return `${fixed(value * 100, 2)}%`;
    case 'times':
      return `${fixed(value, 2)}×`;
    case 'days':
      return fixed(value, 2);
    case 'amount':
      return amount(value);
    default:
      return fixed(value, 4);
  }
}

export function formatFigure(name: string, value: number): string {
  return formatValue(value, FIGURE_META[name]?.display ?? 'ratio');
}

/**
 * The missing lines of an engine note ("missing inventory 存货, costOfRevenue 营业成本 (2023年度)")
 * by their names in the reader's language: "存货、营业成本（2023年度）" / "Inventory, Cost of revenue (2023年度)".
 */
function missingText(list: string, lang: Lang): string {
  const items = list.split(', ').map((part) => {
    const debt = /^interest-bearing debt \((.*)\)$/u.exec(part.trim());
    if (debt) {
      const lines = (debt[1] ?? '').split(' + ').map((k) => ITEM_LABELS[k]?.[lang] ?? k);
      return lang === 'zh' ? `借款类科目（${lines.join('、')}）` : `any borrowings line (${lines.join(', ')})`;
    }
    const m = /^([a-z][A-Za-z]*)(?: [\p{Script=Han}（）、]+)?(?: \(([^)]*)\))?$/u.exec(part.trim());
    const label = m ? (FIGURE_META[m[1] as string] ?? ITEM_LABELS[m[1] as string]) : undefined;
    if (!m || !label) return part.trim();
    const at = m[2] === 'prior period' && lang === 'zh' ? '上期' : m[2];
    const where = at ? (lang === 'zh' ? `（${at}）` : ` (${at})`) : '';
    return `${label[lang]}${where}`;
  });
  return items.join(lang === 'zh' ? '、' : ', ');
}

/** The engine's common not-meaningful reasons in Chinese; others stay as written. */
const REASON_ZH: ReadonlyArray<readonly [RegExp, string]> = [
  [/^average equity ≤ 0 \((.*)\)$/u, '平均所有者权益 ≤ 0（$1），该比率没有经济含义'],
  [/^total equity ≤ 0 \((.*)\)$/u, '所有者权益合计 ≤ 0（$1），该比率没有经济含义'],
  [/^net income ≤ 0 \((.*)\)$/u, '净利润 ≤ 0（$1）'],
  [/^EBITDA ≤ 0 \((.*)\)$/u, 'EBITDA ≤ 0（$1）'],
  [/^interest-bearing debt is zero$/u, '有息负债为 0'],
  [/^(\w+) is zero$/u, '分母 $1 为 0'],
  [/^prior-period (\w+) is negative \((.*)\)$/u, '上期 $1 为负（$2），增长率没有意义'],
  [/^prior-period (\w+) is zero$/u, '上期 $1 为 0'],
  [/^working-capital cycle ≤ 0 days \((.*)\): suppliers and customers fund operations, no working-capital gap$/u, '营运资金周转天数合计 ≤ 0（$1 天）：上下游占款覆盖营运，无营运资金缺口'],
];

function reasonZh(reason: string): string {
  for (const [re, zh] of REASON_ZH) if (re.test(reason)) return reason.replace(re, zh);
  return reason;
}

/** Engine notes are English; the memo shows the kind of gap in the reader's language, reason kept. */
export function describeNote(note: string | null, lang: Lang): string {
  if (!note) return lang === 'zh' ? '无法计算' : 'not available';
  if (note.startsWith('not meaningful')) {
    const reason = note.replace(/^not meaningful:\s*/, '');
    return lang === 'zh' ? `无意义：${reasonZh(reason)}` : `not meaningful: ${reason}`;
  }
  if (note.startsWith('n/a')) {
    const reason = note.replace(/^n\/a:\s*/, '');
    const missing = /^missing (.*)$/u.exec(reason)?.[1];
    if (missing) return lang === 'zh' ? `缺少数据：报表未列示${missingText(missing, lang)}` : `not available: the statements lack ${missingText(missing, lang)}`;
    return lang === 'zh' ? `缺少数据：${reason}` : `not available: ${reason}`;
  }
  return note;
}

/**
 * Notes a figure carries beside a value that change how it reads (debt taken as 0, a filed total
 * used): shown under memo tables and in chat replies, in the reader's language. Other notes on
 * valued figures (an optional line taken as 0) stay in the output only.
 */
const CAVEATS: ReadonlyArray<{ match: RegExp; zh: string; en: string }> = [
  {
    match: /^no borrowings line in the statements/,
    zh: '报表未列示任何借款类科目（短期借款、长期借款、应付债券、租赁负债、一年内到期的非流动负债），有息负债按 0 计；请以附注核实',
    en: 'the statements show no borrowings line (short- or long-term borrowings, bonds, leases, current portion of long-term debt), so interest-bearing debt is taken as 0; verify against the notes',
  },
  { match: /debt lines not itemised: filed totalDebt used/, zh: '未分项列示借款，采用报表所列有息负债合计', en: 'debt not itemised: the filed total debt is used' },
];

export function caveatOf(note: string | null, lang: Lang): string | null {
  if (!note) return null;
  const hits = CAVEATS.filter((c) => c.match.test(note));
  return hits.length ? hits.map((c) => c[lang]).join(lang === 'zh' ? '；' : '; ') : null;
}

/** Short cell text for a null figure: "无意义" vs "缺数据". */
export function nullCell(note: string | null, lang: Lang): string {
  const nm = note?.startsWith('not meaningful');
  if (lang === 'zh') return nm ? '无意义' : '缺数据';
  return nm ? 'n.m.' : 'n/a';
}
