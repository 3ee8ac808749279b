/**
 * How users name figures in zh/en → engine names: ratios, scores, loan-view figures and line items
 * as printed. Order matters: a phrase is claimed by the first alias that matches it (净利润率 by the
 * net margin, so the line item 净利润 does not see it; 有息负债/EBITDA before 有息负债).
 */
export const FIGURE_ALIASES: ReadonlyArray<readonly [RegExp, string]> = [
  // Scores
  [/altman|z[-\s]?score|z\s*值|z″|z''|z分数|z 分|破产风险|破产概率|违约风险|bankruptcy risk|distress risk|default risk/i, 'altmanZ'],
  [/beneish|m[-\s]?score|m\s*值|财务操纵|盈余操纵|操纵|造假|舞弊|粉饰|manipulat|cook(ing|ed)? the books|accounting fraud/i, 'beneishM'],
  [/piotroski|f[-\s]?score|f\s*值/i, 'piotroskiF'],
  // Loan view (流贷测算, DSCR)
  [/dscr|偿债覆盖率|偿债备付率|debt[- ]service coverage/i, 'dscr'],
  [/贷后资产负债率|debt[- ]to[- ]assets after/i, 'debtToAssetsAfter'],
  [/贷后利息保障|interest cover(age)? after/i, 'interestCoverageAfter'],
  [/营运资金量|营运资金需求|流动资金需求量|working[- ]capital (required|requirement)/i, 'workingCapitalRequired'],
  [
    /能贷多少|可贷多少|可以贷多少|贷多少|借多少|能借多少|授信额度|贷款额度|流贷额度|流贷需求|流贷测算|流动资金贷款(需求|额度|测算)?|新增流动资金贷款|loan capacity|borrowing capacity|how much (can|could) (we|they|it|the company|the borrower) (lend|borrow)|how much (working[- ]capital )?(loan|credit|lending)|working[- ]capital loan|working[- ]capital need/i,
    'newLoanCapacity',
  ],
  [/营运资金周转天数|营运资金周期|working[- ]capital cycle/i, 'cycleDays'],
  // Liquidity
  [/速动比率|quick ratio|acid[- ]test/i, 'quickRatio'],
  [/流动比率|current ratio/i, 'currentRatio'],
  [/现金短债比|cash to short[- ]term debt/i, 'cashToShortTermDebt'],
  [/现金比率|cash ratio/i, 'cashRatio'],
  // Leverage and coverage
  [/剔除预收/, 'liabilitiesToAssetsExAdvances'],
  [/资产负债率|debt[- ]to[- ]assets|debt ratio|liabilities[- ]to[- ]assets/i, 'debtToAssets'],
  [/产权比率|liabilities[- ]to[- ]equity/i, 'liabilitiesToEquity'],
  [/净负债率|net gearing/i, 'netGearing'],
  [/净有息负债\s*\/\s*ebitda|net debt\s*(?:\/|to)\s*ebitda|net leverage/i, 'netDebtToEbitda'],
  [/有息负债\s*\/\s*ebitda|debt\s*(?:\/|to)\s*ebitda|leverage multiple/i, 'debtToEbitda'],
  [/\bd\s*\/\s*e\b|debt[- ]to[- ]equity|debt\/equity|有息负债\s*\/\s*所有者权益|有息负债率|债务权益比/i, 'debtToEquity'],
  [/ebitda\s*利息|ebitda interest|ebitda cover/i, 'ebitdaInterestCoverage'],
  [/利息保障|利息覆盖|已获利息倍数|interest cover(age)?|times interest|\bicr\b/i, 'interestCoverage'],
  // Profitability
  [/毛利率|gross margin/i, 'grossMargin'],
  [/营业利润率|operating margin|ebit margin/i, 'operatingMargin'],
  [/净利率|净利润率|销售净利率|net (profit )?margin/i, 'netMargin'],
  [/净资产收益率|\broe\b|return on equity/i, 'roe'],
  [/总资产收益率|总资产报酬率|\broa\b|return on assets/i, 'roa'],
  [/权益乘数|equity multiplier/i, 'dupontEquityMultiplier'],
  // Efficiency
  [/总资产周转|asset turnover/i, 'assetTurnover'],
  [/应收账款周转天数|应收周转天数|\bdso\b|days sales outstanding|receivables? days|days of (sales|receivables)/i, 'dso'],
  [/存货周转天数|\bdio\b|days inventory|inventory days|days of inventory/i, 'dio'],
  [/应付账款周转天数|\bdpo\b|days payables?|payables? days|days of payables/i, 'dpo'],
  [/现金转换周期|现金循环周期|cash conversion cycle|\bccc\b/i, 'cashConversionCycle'],
  [/应收账款周转率|receivables? turnover/i, 'receivableTurnover'],
  [/存货周转率|inventory turnover/i, 'inventoryTurnover'],
  // Cash flow
  [/净现比|cfo\s*\/\s*net income|cfo to net income|盈利质量|利润质量|earnings quality|quality of earnings/i, 'cfoToNetIncome'],
  [/经营现金流\s*\/\s*有息负债|cfo\s*(?:\/|to)\s*debt/i, 'cfoToDebt'],
  [/自由现金流|free cash flow|\bfcf\b/i, 'freeCashFlow'],
  [/收现比|cash collection ratio|collection ratio/i, 'cashCollectionRatio'],
  [/应计比率|accrual ratio|accruals/i, 'accrualRatio'],
  // Growth
  [/复合增长|\bcagr\b/i, 'revenueCagr'],
  [/收入增长|营收增长|营业收入增长|销售增长|收入增速|营收增速|revenue growth|sales growth|top[- ]line growth|(revenue|sales) (is |are )?grow|how fast (is |are |did |does )?(the )?(revenue|sales)/i, 'revenueGrowth'],
  [/净利润增长|利润增长|net income growth|profit growth|earnings growth/i, 'netIncomeGrowth'],
  [/应收账款增长|receivables growth/i, 'receivablesGrowth'],
  [/存货增长|inventory growth/i, 'inventoryGrowth'],
  [/总资产增长|asset growth/i, 'totalAssetsGrowth'],
  // Amounts the engine computes
  [/营运资金|working capital/i, 'workingCapital'],
  [/有息负债|带息负债|total debt|interest[- ]bearing debt|borrowings/i, 'totalDebt'],
  [/息税折旧摊销前利润|\bebitda\b/i, 'ebitda'],
  [/息税前利润|\bebit\b/i, 'ebit'],
  // Line items as printed
  [/经营(活动)?(产生的)?现金流(量)?(净额)?|经营性现金流|operating cash flow|cash (flow )?from operations|\bcfo\b|\bocf\b/i, 'cashFromOperations'],
  [/资本(性)?支出|购建固定资产|\bcapex\b|capital expenditures?/i, 'capitalExpenditure'],
  [/归母净利润|归属于母公司(所有者)?的?净利润|net income attributable/i, 'netIncomeAttributableToParent'],
  // Not a bare "earnings": it belongs to "earnings quality", "earnings manipulation".
  [/净利润|净利|net (income|profit|earnings|loss)|profit after tax|bottom line/i, 'netIncome'],
  [/利润总额|税前利润|pre-?tax (income|profit)|profit before tax|income before (income )?tax/i, 'profitBeforeTax'],
  [/营业利润|operating (income|profit|loss)/i, 'operatingProfit'],
  [/毛利|gross profit/i, 'grossProfit'],
  [/营业成本|cost of (sales|revenue|goods sold)|\bcogs\b/i, 'costOfRevenue'],
  [/营业总收入|营业收入|营收|收入|销售额|revenues?|\bsales\b|top[- ]line/i, 'revenue'],
  [/总资产|资产总计|资产总额|total assets/i, 'totalAssets'],
  [/总负债|负债合计|负债总额|total liabilities/i, 'totalLiabilities'],
  [/净资产|所有者权益|股东权益|total equity|shareholders'? equity|book equity|net assets/i, 'totalEquity'],
  [/货币资金|现金余额|账上现金|cash (balance|on hand|position|and cash equivalents)|how much cash/i, 'cash'],
  [/关联方资金占用|关联方占用|related[- ]party (receivables|funds?|occupation)/i, 'relatedPartyOtherReceivables'],
  [/其他应收款|other receivables/i, 'otherReceivables'],
  [/应收账款|accounts receivable|receivables/i, 'accountsReceivable'],
  [/存货|inventor(y|ies)/i, 'inventory'],
  [/应付账款|accounts payable|payables/i, 'accountsPayable'],
  [/短期借款|short[- ]term (borrowings|debt|loans)/i, 'shortTermBorrowings'],
  [/长期借款|long[- ]term (borrowings|debt|loans)/i, 'longTermBorrowings'],
  [/利息费用|利息支出|interest expense/i, 'interestExpense'],
  [/折旧(与|和|及)?摊销|depreciation/i, 'depreciationAndAmortization'],
  [/留存收益|未分配利润|retained earnings/i, 'retainedEarnings'],
  [/总市值|市值|market (value|cap)/i, 'marketValueOfEquity'],
  [/合同负债|contract liabilities/i, 'contractLiabilities'],
];

/**
 * Every figure the text names, in the order they appear; each phrase counts once (a span claimed
 * by an earlier, more specific alias is blanked before the later ones run).
 */
export function figuresIn(text: string): string[] {
  let rest = text;
  const found: Array<{ name: string; at: number }> = [];
  for (const [re, name] of FIGURE_ALIASES) {
    const g = new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`);
    let at = -1;
    rest = rest.replace(g, (m: string, ...args: unknown[]) => {
      const offset = args.find((x): x is number => typeof x === 'number') ?? 0;
      if (at < 0) at = offset;
      return ' '.repeat(m.length);
    });
    if (at >= 0 && !found.some((f) => f.name === name)) found.push({ name, at });
  }
  return found.sort((x, y) => x.at - y.at).map((f) => f.name);
}

/** The first figure the text names, or null. */
export function figureNameIn(text: string): string | null {
  return figuresIn(text)[0] ?? null;
}
