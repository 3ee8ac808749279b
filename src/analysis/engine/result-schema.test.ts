import { describe, expect, it } from 'vitest';
import { StatementSchema } from '../model.js';
import { analyze } from './analyze.js';
import { AnalysisResultSchema } from './result-schema.js';
import { RATIO_NAMES } from './ratios.js';
import { apple, boeing } from './fixtures/us-companies.js';

describe('AnalysisResult JSON contract', () => {
  it('survives a JSON round trip and re-validates', () => {
    const r = analyze(boeing, { lang: 'en', loan: { loanAmount: 1000, tenorYears: 3, rate: 0.06 } });
    const back = AnalysisResultSchema.parse(JSON.parse(JSON.stringify(r)));
    expect(back.loan?.dscr.period).toBe('FY2024');
    expect(back.flags.every((f) => f.message === f.messages.en)).toBe(true);
  });
  it('has the required ratio names, one figure per period', () => {
    const required = ['currentRatio', 'quickRatio', 'cashRatio', 'debtToAssets', 'debtToEquity', 'debtToEbitda', 'interestCoverage', 'grossMargin', 'operatingMargin', 'netMargin', 'roa', 'roe', 'assetTurnover', 'dso', 'dio', 'dpo', 'cashConversionCycle', 'cfoToDebt', 'cfoToNetIncome', 'revenueGrowth'];
    const r = analyze(apple);
    for (const n of required) {
      expect(RATIO_NAMES).toContain(n);
      expect(r.ratios[n]?.map((f) => f.period)).toEqual(r.periods);
    }
    // every null carries a reason, every value a formula
    for (const figs of Object.values(r.ratios)) {
      for (const f of figs) {
        expect(f.formula.length).toBeGreaterThan(0);
        if (f.value === null) expect(f.note).toMatch(/^(n\/a: missing |not meaningful: )/);
      }
    }
  });
  it('accepts a schema-validated Statement (the input parsers output)', () => {
    const st = StatementSchema.parse({
      company: 'X', currency: 'CNY', unit: '万元',
      periods: [{ label: '2024', items: { totalCurrentAssets: 300, totalCurrentLiabilities: 200 } }],
    });
    expect(analyze(st).ratios.currentRatio?.[0]?.value).toBe(1.5);
    expect(analyze(st).sector).toBe('other');
  });
});
