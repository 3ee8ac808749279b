import type { LineItemDef } from './line-item-def.js';

const other = (d: Omit<LineItemDef, 'statement'>): LineItemDef => ({ statement: 'other', ...d });

/** Market data (cover page) and staff counts (annual report 员工情况), not statement lines. */
export const OTHER_ITEMS: readonly LineItemDef[] = [
  other({
    key: 'sharesOutstanding',
    period: 'instant',
    cas: ['期末总股本', '总股本', '股本（股）'],
    gaap: ['Shares outstanding', 'Common shares outstanding', 'Shares outstanding at FY-end', 'Shares of common stock outstanding'],
    xbrl: ['us-gaap:CommonStockSharesOutstanding', 'dei:EntityCommonStockSharesOutstanding'],
    xbrlUnit: 'shares',
  }),
  other({
    key: 'marketValueOfEquity',
    period: 'instant',
    cas: ['总市值', '股票市值', '期末总市值', '年末总市值', '报告期末总市值', '股权市值', '公司市值'],
    gaap: [
      'Public float', 'Market value of equity', 'Market capitalization', 'Market capitalisation', 'Market cap',
      'Aggregate market value of voting stock held by non-affiliates',
      // The 10-K cover page as printed (Form 10-K, cover page); longer wordings go through LABEL_PATTERNS.
      'Aggregate market value of the voting and non-voting common equity held by non-affiliates',
      'Aggregate market value of voting and non-voting common equity held by non-affiliates',
      'Aggregate market value of common stock held by non-affiliates',
    ],
    xbrl: ['dei:EntityPublicFloat'],
  }),
  other({ key: 'employees', period: 'instant', cas: ['在职员工的数量合计', '职工总数', '员工总数', '在职员工总数'], gaap: ['Number of employees', 'Total employees'], xbrl: [] }),
  other({ key: 'rdEmployees', period: 'instant', cas: ['研发人员数量', '研发人员'], gaap: ['Research and development employees'], xbrl: [] }),
  other({ key: 'mastersEmployees', period: 'instant', cas: ['硕士', '硕士研究生', '硕士人数'], gaap: [], xbrl: [] }),
  other({ key: 'doctoralEmployees', period: 'instant', cas: ['博士及以上', '博士', '博士研究生', '博士人数'], gaap: [], xbrl: [] }),
];
