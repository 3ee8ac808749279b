import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserInputError } from '../../runtime/errors.js';
import { dataPath } from '../../runtime/paths.js';
import { runAnalysis } from './analysis-input.js';
import { comparePeriods } from './compare-periods.js';
import { explainFigure } from './explain-figure.js';
import { resolvePeriod } from './periods.js';
import { resolveStatementPath } from './statement-path.js';
import { AnalyzeOutputSchema } from './analyze-tool.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'finagent-analyst-tools-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('statement paths', () => {
  it('resolves bundled, data/-prefixed, bare and absolute paths', () => {
    const abs = dataPath('statements', 'apple.csv');
    expect(resolveStatementPath('statements/apple.csv', dir)).toBe(abs);
    expect(resolveStatementPath('data/statements/apple.csv', dir)).toBe(abs);
    expect(resolveStatementPath('apple.csv', dir)).toBe(abs);
    expect(resolveStatementPath(abs, dir)).toBe(abs);
  });
  it('names the places it looked when nothing matches', () => {
    expect(() => resolveStatementPath('statements/nope.csv', dir)).toThrow(/statement file "statements\/nope\.csv" not found \(looked in: .*nope\.csv/);
  });
});

describe('runAnalysis', () => {
  it('passes loader errors through untouched: file, line and field', () => {
    const f = join(dir, 'dup.csv');
    writeFileSync(f, 'item,FY2023,FY2024\n营业收入,100,120\n营业成本,x,50\n');
    let err: unknown;
    try {
      runAnalysis({ path: f });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UserInputError);
    expect((err as Error).message).toMatch(/dup\.csv:3 \(row "营业成本", column "FY2023"\)/);
  });
  it('needs all three loan terms together', () => {
    expect(() => runAnalysis({ path: 'statements/apple.csv', loanAmount: 100 })).toThrow(/missing: tenorYears, rate/);
  });
  it('converts the loan unit exactly and refuses a CNY unit on USD statements', () => {
    const { analysis } = runAnalysis({ path: 'statements/moutai-2024.csv', loanAmount: 5000, loanUnit: '万元', tenorYears: 3, rate: 0.04 });
    expect(analysis.loan?.request.loanAmount).toBe(0.5);
    expect(() => runAnalysis({ path: 'statements/apple.csv', loanAmount: 5000, loanUnit: '万元', tenorYears: 3, rate: 0.04 })).toThrow(/CNY unit but the statements are in USD/);
  });
  it('merges loader warnings before engine warnings', () => {
    const { analysis } = runAnalysis({ path: 'statements/moutai-2024.csv' });
    expect(analysis.warnings.some((w) => /2023/.test(w) && /2,?726/.test(w))).toBe(true);
  });
});

describe('analyze_statements output', () => {
  it('is the engine result schema, with the selected Altman model per period', () => {
    const out = runAnalysis({ path: 'statements/boeing.csv' }).analysis;
    expect(AnalyzeOutputSchema.safeParse(out).success).toBe(true);
    const fy2024 = out.scores.altmanZ.periods.find((p) => p.period === 'FY2024');
    const selected = fy2024?.[out.scores.altmanZ.selected];
    expect(selected?.zone).toBe('distress');
    expect(selected?.value).toBeCloseTo(0.9935, 3);
  });
});

describe('explain_figure and compare_periods (pure)', () => {
  const apple = runAnalysis({ path: 'statements/apple.csv' }).analysis;
  it('explains a low book-based Z with its components and the market-value contrast', () => {
    const e = explainFigure(apple, 'altmanZ', undefined, 'en');
    expect(e).toMatchObject({ name: 'altmanZ', period: 'FY2024', zone: 'grey', kind: 'score' });
    expect(e.value).toBeCloseTo(1.871, 3);
    expect(e.components.map((c) => c.name)).toEqual(['X1', 'X2', 'X3', 'X4book']);
    const x1 = e.components[0];
    expect(x1?.contribution).toBeCloseTo((x1?.value ?? 0) * 6.56, 12);
    expect(e.explanation).toMatch(/negative working capital/);
    expect(e.explanation).toMatch(/market-value Altman Z = 7\.1551 \(safe zone\)/);
  });
  it('explains a ratio with formula, sources and the warning level; unknown names are clear errors', () => {
    const e = explainFigure(apple, 'currentRatio', '2023', 'zh');
    expect(e.period).toBe('FY2023');
    expect(e.value).toBeCloseTo(0.988, 4);
    expect(e.inputs.find((i) => i.name === 'totalCurrentAssets')?.source).toMatchObject({ file: 'apple.csv', line: 24 });
    expect(e.explanation).toMatch(/低于常用预警水平/);
    expect(() => explainFigure(apple, 'ebitdaMargin', undefined, 'en')).toThrow(/unknown figure "ebitdaMargin"/);
    expect(() => explainFigure(apple, 'roe', 'FY2019', 'en')).toThrow(/period "FY2019" is not in the statements \(available: FY2022, FY2023, FY2024\)/);
  });
  it('compares two periods with exact deltas and lender-side assessment', () => {
    const c = comparePeriods(apple, 'FY2023', 'FY2024', 'liquidity', 'en');
    const cr = c.rows.find((r) => r.name === 'currentRatio');
    expect(cr).toMatchObject({ direction: 'down', assessment: 'worse' });
    expect(cr?.change).toBeCloseTo((cr?.to ?? 0) - (cr?.from ?? 0), 12);
    const boeing = runAnalysis({ path: 'statements/boeing.csv' }).analysis;
    const lev = comparePeriods(boeing, '2023', '2024', 'leverage', 'en');
    const de = lev.rows.find((r) => r.name === 'debtToEquity');
    expect(de).toMatchObject({ from: null, to: null, change: null, assessment: null });
    expect(de?.note).toMatch(/not meaningful: total equity ≤ 0/);
    expect(() => comparePeriods(apple, 'FY2024', '2024', 'all', 'en')).toThrow(/two different periods/);
  });
  it('explains a line item as printed, a loan figure and a series with exact changes', () => {
    const run = runAnalysis({ path: 'statements/moutai-2024.csv' });
    const ni = explainFigure(run.analysis, 'netIncome', undefined, 'zh', run.statement);
    expect(ni).toMatchObject({ kind: 'item', period: '2024年度', value: 893.35, display: '893.35 亿元', source: { file: 'moutai-2024.csv', line: 6 } });
    expect(ni.series[1]).toMatchObject({ period: '2024年度', change: 118.14, changeDisplay: '+118.14 亿元' });
    expect(ni.growth).toBeCloseTo(0.1524, 4);
    expect(() => explainFigure(run.analysis, 'netIncome', undefined, 'zh')).toThrow(/unknown figure "netIncome"/);
    const gm = explainFigure(apple, 'grossMargin', undefined, 'en');
    expect(gm.series.map((p) => p.changeDisplay)).toEqual([null, '+0.82 pp', '+2.08 pp']);
    expect(gm.formulaText).toBe('(Revenue − Cost of revenue) / Revenue');
    const cap = explainFigure(apple, 'newLoanCapacity', undefined, 'en');
    expect(cap).toMatchObject({ kind: 'loan', period: 'FY2024', display: '-60,323.90 USD millions' });
    expect(cap.remarks.join(' ')).toMatch(/no new working-capital loan is needed/);
    expect(() => explainFigure(apple, 'dscr', undefined, 'en')).toThrow(/dscr needs the loan terms/);
    const de = explainFigure(apple, 'debtToEquity', undefined, 'zh');
    expect(de.related).toEqual([{ name: 'totalDebt', label: '有息负债', value: 106629, display: '106,629 百万美元', change: -4459, changeDisplay: '-4,459 百万美元' }]);
    expect(de.inputChanges.find((c) => c.name === 'totalEquity')).toMatchObject({ from: 62146, to: 56950, change: -5196 });
  });
  it('compares named ratios and resolves relative periods', () => {
    const c = comparePeriods(apple, 'latest-1', 'latest', 'all', 'zh', ['grossMargin']);
    expect(c).toMatchObject({ from: 'FY2023', to: 'FY2024', currency: 'USD', unit: 'millions' });
    expect(c.rows.map((r) => r.name)).toEqual(['grossMargin']);
    expect(() => comparePeriods(apple, 'FY2022', 'FY2024', 'all', 'zh', ['nope'])).toThrow(/unknown ratio name\(s\) to compare: nope/);
    expect(() => resolvePeriod(['FY2024'], 'latest-1')).toThrow(/only 1 period/);
  });
  it('matches periods by year', () => {
    expect(resolvePeriod(['2023年度', '2024年度'], '2024')).toBe('2024年度');
    expect(resolvePeriod(['FY2023', 'FY2024'], 'fy2023')).toBe('FY2023');
  });
});
