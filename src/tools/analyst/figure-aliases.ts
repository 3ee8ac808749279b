/**
 * How users name figures in zh/en → engine names. Order matters: the more specific phrase first
 * (净有息负债/EBITDA before 有息负债/EBITDA before 有息负债).
 */
export const FIGURE_ALIASES: ReadonlyArray<readonly [RegExp, string]> = [
  [/altman|z[-\s]?score|z\s*值|z″|z''|z分数|z 分/i, 'altmanZ'],
  [/beneish|m[-\s]?score|m\s*值|财务操纵|操纵/i, 'beneishM'],
  [/piotroski|f[-\s]?score|f\s*值/i, 'piotroskiF'],
  [/速动比率|quick ratio|acid[- ]test/i, 'quickRatio'],
  [/流动比率|current ratio/i, 'currentRatio'],
  [/现金短债比|cash to short[- ]term debt/i, 'cashToShortTermDebt'],
  [/现金比率|cash ratio/i, 'cashRatio'],
  [/剔除预收/, 'liabilitiesToAssetsExAdvances'],
  [/资产负债率|debt[- ]to[- ]assets|debt ratio/i, 'debtToAssets'],
  [/产权比率|liabilities[- ]to[- ]equity/i, 'liabilitiesToEquity'],
  [/净负债率|net gearing/i, 'netGearing'],
  [/净有息负债\s*\/\s*ebitda|net debt\s*(?:\/|to)\s*ebitda/i, 'netDebtToEbitda'],
  [/有息负债\s*\/\s*ebitda|debt\s*(?:\/|to)\s*ebitda/i, 'debtToEbitda'],
  [/\bd\s*\/\s*e\b|debt[- ]to[- ]equity|有息负债\s*\/\s*所有者权益/i, 'debtToEquity'],
  [/ebitda\s*利息|ebitda interest/i, 'ebitdaInterestCoverage'],
  [/利息保障|interest coverage|times interest/i, 'interestCoverage'],
  [/毛利率|gross margin/i, 'grossMargin'],
  [/营业利润率|operating margin/i, 'operatingMargin'],
  [/净利率|净利润率|net margin/i, 'netMargin'],
  [/净资产收益率|\broe\b|return on equity/i, 'roe'],
  [/总资产收益率|\broa\b|return on assets/i, 'roa'],
  [/权益乘数|equity multiplier/i, 'dupontEquityMultiplier'],
  [/总资产周转|asset turnover/i, 'assetTurnover'],
  [/应收账款周转天数|\bdso\b|days sales outstanding/i, 'dso'],
  [/存货周转天数|\bdio\b|days inventory/i, 'dio'],
  [/应付账款周转天数|\bdpo\b|days payables?/i, 'dpo'],
  [/现金转换周期|现金循环周期|cash conversion cycle|\bccc\b/i, 'cashConversionCycle'],
  [/净现比|cfo\s*\/\s*net income|cfo to net income|盈利质量|earnings quality/i, 'cfoToNetIncome'],
  [/经营现金流\s*\/\s*有息负债|cfo\s*(?:\/|to)\s*debt/i, 'cfoToDebt'],
  [/自由现金流|free cash flow|\bfcf\b/i, 'freeCashFlow'],
  [/应计比率|accrual ratio|accruals/i, 'accrualRatio'],
  [/复合增长|\bcagr\b/i, 'revenueCagr'],
  [/收入增长|营收增长|revenue growth|sales growth/i, 'revenueGrowth'],
  [/净利润增长|net income growth|profit growth/i, 'netIncomeGrowth'],
  [/营运资金|working capital/i, 'workingCapital'],
  [/有息负债|total debt|interest[- ]bearing debt/i, 'totalDebt'],
];

export function figureNameIn(text: string): string | null {
  for (const [re, name] of FIGURE_ALIASES) if (re.test(text)) return name;
  return null;
}
