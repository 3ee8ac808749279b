import { describe, expect, it } from 'vitest';
import { UserInputError } from '../../runtime/errors.js';
import { parseWideCsv } from './parse-wide-csv.js';

const meta = (o: object) => ({ text: JSON.stringify(o), file: 't.meta.json' });

function errorOf(fn: () => unknown): UserInputError {
  try {
    fn();
  } catch (e) {
    if (e instanceof UserInputError) return e;
    throw e;
  }
  throw new Error('expected a UserInputError');
}

describe('parseWideCsv: CAS labels', () => {
  const cas = [
    '合并利润表,,',
    '单位：万元 币种：人民币,,',
    '项目,附注,2024年度,2023年度',
    '一、营业总收入,,"1,200.50","1,000.00"',
    '其中：营业收入,七、61,"1,200.50","1,000.00"',
    '减：营业成本,七、61,700,600',
    '财务费用,,30,25',
    '其中：利息费用,,35,28',
    '三、营业利润（亏损以“－”号填列）,,(12.5),100',
    '流动资产：,,,',
    '货币资金,七、1,500,400',
    '流动资产合计,,800,700',
    '所有者权益（或股东权益）合计,,300,280',
    '归属于母公司所有者权益(或股东权益)合计,,290,270',
  ].join('\n');

  it('maps CAS names with prefixes, notes and brackets; reads unit and currency from the title rows', () => {
    const { statement, warnings } = parseWideCsv(cas, 'cas.csv', meta({ company: '测试公司', sector: 'manufacturing' }));
    expect(statement.currency).toBe('CNY');
    expect(statement.unit).toBe('万元');
    expect(statement.periods.map((p) => p.label)).toEqual(['2023年度', '2024年度']);
    const fy24 = statement.periods[1]?.items;
    expect(fy24).toMatchObject({
      totalOperatingRevenue: 1200.5,
      revenue: 1200.5,
      costOfRevenue: 700,
      financeExpenses: 30,
      interestExpense: 35,
      operatingProfit: -12.5,
      cash: 500,
      totalCurrentAssets: 800,
      totalEquity: 300,
      equityAttributableToParent: 290,
    });
    expect(statement.periods[1]?.sources?.revenue).toEqual({ file: 'cas.csv', line: 5, label: '其中：营业收入' });
    expect(warnings.filter((w) => w.includes('unrecognised'))).toEqual([]);
  });
});

describe('parseWideCsv: US GAAP labels', () => {
  it('resolves repeated labels by balance-sheet section and keeps blanks as n/a', () => {
    const csv = [
      'item,FY2023,FY2024',
      'Current liabilities:,,',
      'Term debt,"9,822","10,912"',
      'Total current liabilities,"145,308","176,392"',
      'Term debt,"95,281","85,750"',
      'Interest expense,"3,933",—',
    ].join('\n');
    const { statement } = parseWideCsv(csv, 'us.csv', meta({ company: 'X', currency: 'USD', unit: 'millions', sector: 'technology' }));
    const [fy23, fy24] = statement.periods;
    expect(fy24?.items.currentPortionOfLongTermDebt).toBe(10912);
    expect(fy24?.items.longTermBorrowings).toBe(85750);
    expect(fy23?.items.interestExpense).toBe(3933);
    expect(fy24?.items).not.toHaveProperty('interestExpense');
  });

  it('applies periodEnds and labelMap from the meta file', () => {
    const csv = 'item,1999,2000\nOperating expenses,"3,045","3,184"\n';
    const { statement } = parseWideCsv(csv, 'e.csv', meta({ company: 'E', currency: 'USD', unit: 'millions', sector: 'other', periodEnds: { '2000': '2000-12-31' }, labelMap: { 'Operating expenses': 'sgaExpenses' } }));
    expect(statement.periods[1]).toMatchObject({ label: '2000', endDate: '2000-12-31', items: { sgaExpenses: 3184 } });
  });

  it('warns (and keeps the first) when two rows give different values for one item', () => {
    const csv = 'item,FY2024\nNet income,100\nNet income,90\n';
    const { statement, warnings } = parseWideCsv(csv, 'd.csv', meta({ company: 'D', currency: 'USD', unit: 'millions', sector: 'other' }));
    expect(statement.periods[0]?.items.netIncome).toBe(100);
    expect(warnings.some((w) => w.includes('d.csv:3') && w.includes('already gave 100'))).toBe(true);
  });

  it('assumes missing currency/unit/company/sector loudly, never silently', () => {
    const { statement, warnings } = parseWideCsv('item,FY2024\nNet sales,100\n', 'acme.csv');
    expect(statement).toMatchObject({ company: 'acme', currency: 'USD', unit: 'units', sector: 'other' });
    expect(warnings.join('\n')).toMatch(/no currency given; assuming USD/u);
    expect(warnings.join('\n')).toMatch(/no unit given/u);
    expect(warnings.join('\n')).toMatch(/no company name given/u);
    expect(warnings.join('\n')).toMatch(/no sector given/u);
  });
});

describe('parseWideCsv: errors name line and field', () => {
  it('text in a number cell: names line, row and column', () => {
    const e = errorOf(() => parseWideCsv('item,FY2023,FY2024\nNet sales,100,1O0\n', 'x.csv'));
    expect(e.message).toContain('x.csv:2');
    expect(e.message).toContain('row "Net sales", column "FY2024"');
    expect(e.message).toContain('got "1O0"');
  });

  it('a label with figures but no name', () => {
    expect(errorOf(() => parseWideCsv('item,FY2024\n,100\n', 'x.csv')).message).toMatch(/x\.csv:2 \(column A\): figures without a line-item label/u);
  });

  it('rows with no recognised item at all', () => {
    expect(errorOf(() => parseWideCsv('item,FY2024\nWidgets,100\n', 'x.csv')).message).toMatch(/no recognised line item/u);
  });

  it('conflicting units between meta and title row', () => {
    const e = errorOf(() => parseWideCsv('单位：元,\n项目,2024\n营业收入,1\n', 'x.csv', meta({ unit: '万元' })));
    expect(e.message).toMatch(/conflicting units: 万元 in t\.meta\.json, 元 in x\.csv:1/u);
  });

  it('an invalid meta file names the meta file and field', () => {
    const e = errorOf(() => parseWideCsv('item,2024\nNet sales,1\n', 'x.csv', meta({ currency: 'dollars' })));
    expect(e.message).toContain('t.meta.json (currency)');
  });
});
