import { z } from 'zod';

/**
 * The canonical statement model every input format is normalised into, and the only thing the
 * ratio engine reads. Amounts are in `unit` × `currency` as filed; the engine never mixes units.
 * Keys are canonical line items (CAS / US GAAP / XBRL names map onto them in `mapping/`).
 * Add keys here (never rename): both the input parsers and the engine depend on this list.
 */
export const LINE_ITEMS = [
  // Balance sheet — assets
  'cash', 'tradingFinancialAssets', 'notesReceivable', 'accountsReceivable', 'prepayments',
  'otherReceivables', 'inventory', 'contractAssets', 'otherCurrentAssets', 'totalCurrentAssets',
  'longTermEquityInvestments', 'investmentProperty', 'fixedAssets', 'constructionInProgress',
  'rightOfUseAssets', 'intangibleAssets', 'goodwill', 'deferredTaxAssets', 'otherNonCurrentAssets',
  'totalNonCurrentAssets', 'totalAssets',
  // Balance sheet — liabilities
  'shortTermBorrowings', 'notesPayable', 'accountsPayable', 'advancesFromCustomers',
  'contractLiabilities', 'employeeBenefitsPayable', 'taxesPayable', 'otherPayables',
  'currentPortionOfLongTermDebt', 'otherCurrentLiabilities', 'totalCurrentLiabilities',
  'longTermBorrowings', 'bondsPayable', 'leaseLiabilities', 'longTermPayables',
  'deferredTaxLiabilities', 'otherNonCurrentLiabilities', 'totalNonCurrentLiabilities',
  'totalLiabilities',
  // Balance sheet — equity
  'paidInCapital', 'capitalReserve', 'surplusReserve', 'retainedEarnings',
  'equityAttributableToParent', 'minorityInterest', 'totalEquity', 'totalLiabilitiesAndEquity',
  // Income statement
  'revenue', 'costOfRevenue', 'grossProfit', 'taxesAndSurcharges', 'sellingExpenses',
  'adminExpenses', 'rdExpenses', 'sgaExpenses', 'financeExpenses', 'interestExpense',
  'interestIncome', 'operatingExpenses', 'operatingProfit', 'nonOperatingIncome',
  'nonOperatingExpenses', 'profitBeforeTax', 'incomeTaxExpense', 'netIncome',
  'netIncomeAttributableToParent', 'depreciationAndAmortization',
  // Cash flow statement
  'cashFromOperations', 'capitalExpenditure', 'cashFromInvesting', 'cashFromFinancing',
  'dividendsPaid', 'interestPaid',
  // Market / other
  'sharesOutstanding', 'marketValueOfEquity',
  // Appended by input/mapping (CAS 2018/2019 format lines, US 10-K lines, cash-flow detail)
  'notesAndAccountsReceivable', 'receivablesFinancing', 'fundsLent', 'reverseRepoAssets',
  'nonCurrentAssetsDueWithinOneYear', 'nonCurrentMarketableSecurities', 'debtInvestments',
  'otherNonCurrentFinancialAssets', 'longTermDeferredExpenses', 'relatedPartyOtherReceivables',
  'commercialPaper', 'notesAndAccountsPayable', 'accruedLiabilities', 'totalDebt',
  'treasuryStock', 'otherComprehensiveIncome',
  'totalOperatingRevenue', 'totalOperatingCosts', 'otherIncome', 'investmentIncome',
  'fairValueChangeGains', 'creditImpairmentLosses', 'assetImpairmentLosses', 'assetDisposalGains',
  'nonOperatingIncomeExpenseNet', 'minorityInterestInIncome', 'basicEps', 'dilutedEps',
  'weightedAverageSharesDiluted',
  'cashReceivedFromSales', 'cashPaidForGoodsAndServices', 'incomeTaxesPaid', 'shareBasedCompensation',
  'depreciationOfFixedAssets', 'amortizationOfIntangibles', 'amortizationOfLongTermDeferredExpenses',
  'depreciationOfRightOfUseAssets', 'proceedsFromBorrowings', 'repaymentsOfBorrowings',
  'proceedsFromEquityIssuance', 'shareRepurchases', 'dividendsAndInterestPaid', 'netChangeInCash',
  'cashAndCashEquivalents',
  'employees', 'rdEmployees', 'mastersEmployees', 'doctoralEmployees',
] as const;

export const LineItemSchema = z.enum(LINE_ITEMS);
export type LineItem = z.infer<typeof LineItemSchema>;

/** Where a figure came from: the file, the row/line and the label as printed (for memo citations). */
export const SourceRefSchema = z.object({
  file: z.string(),
  line: z.number().int().optional(),
  label: z.string(),
  tag: z.string().optional(),
});
export type SourceRef = z.infer<typeof SourceRefSchema>;

export const PeriodSchema = z.object({
  /** Label as filed, e.g. "FY2024" or "2024". Unique within a statement. */
  label: z.string().min(1),
  /** Period end date (ISO). */
  endDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  startDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  items: z.partialRecord(LineItemSchema, z.number()),
  sources: z.partialRecord(LineItemSchema, SourceRefSchema).optional(),
});
export type Period = z.infer<typeof PeriodSchema>;

export const UnitSchema = z.enum(['元', '千元', '万元', '百万元', '亿元', 'units', 'thousands', 'millions', 'billions']);
export type Unit = z.infer<typeof UnitSchema>;

export const SectorSchema = z.enum(['manufacturing', 'non_manufacturing', 'emerging_market', 'services', 'technology', 'retail', 'real_estate', 'utilities', 'financial', 'other']);
export type Sector = z.infer<typeof SectorSchema>;

/** A borrower's statements: periods sorted oldest → newest. */
export const StatementSchema = z.object({
  company: z.string().min(1),
  currency: z.string().min(3).max(3),
  unit: UnitSchema,
  sector: SectorSchema.default('other'),
  /** Whether the company is listed (market value of equity available) — selects Altman Z vs Z′/Z″. */
  listed: z.boolean().optional(),
  source: z.string().optional(),
  periods: z.array(PeriodSchema).min(1),
});
export type Statement = z.infer<typeof StatementSchema>;
