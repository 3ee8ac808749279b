import { describe, expect, it } from 'vitest';
import { analyze } from './analyze.js';
import { AnalysisResultSchema, type AnalysisResult } from './result-schema.js';
import { apple, boeing, enron, nvidia } from './fixtures/us-companies.js';

/** Golden values from credit-analysis.md §4 (tolerance ≈ 1e-3 on ratios). */
const at = (r: AnalysisResult, name: string, period: string) => {
  const f = r.ratios[name]?.find((x) => x.period === period);
  if (!f) throw new Error(`no ${name} for ${period}`);
  return f;
};
const v = (r: AnalysisResult, name: string, period: string) => at(r, name, period).value;

describe('Apple (§4.1)', () => {
  const r = analyze(apple);
  it('validates against the result schema', () => {
    expect(() => AnalysisResultSchema.parse(r)).not.toThrow();
    expect(r.periods).toEqual(['FY2022', 'FY2023', 'FY2024']);
  });
  it.each([
    ['currentRatio', 'FY2022', 0.8794], ['currentRatio', 'FY2023', 0.988], ['currentRatio', 'FY2024', 0.8673],
    ['quickRatio', 'FY2022', 0.8472], ['quickRatio', 'FY2024', 0.826],
    ['quickRatioConservative', 'FY2022', 0.7094], ['quickRatioConservative', 'FY2023', 0.8433], ['quickRatioConservative', 'FY2024', 0.745],
    ['cashRatio', 'FY2022', 0.3137], ['cashRatio', 'FY2023', 0.4236], ['cashRatio', 'FY2024', 0.3695],
    ['debtToAssets', 'FY2022', 0.8564], ['debtToAssets', 'FY2023', 0.8237], ['debtToAssets', 'FY2024', 0.844],
    ['debtToEquity', 'FY2022', 2.3695], ['debtToEquity', 'FY2023', 1.7875], ['debtToEquity', 'FY2024', 1.8723],
    ['debtToEbitda', 'FY2022', 0.9198], ['debtToEbitda', 'FY2023', 0.8829], ['debtToEbitda', 'FY2024', 0.7918],
    ['netDebtToEbitda', 'FY2022', 0.5498], ['netDebtToEbitda', 'FY2023', 0.3937], ['netDebtToEbitda', 'FY2024', 0.3079],
    ['grossMargin', 'FY2024', 0.4621], ['operatingMargin', 'FY2024', 0.3151], ['netMargin', 'FY2024', 0.2397],
    ['grossMargin', 'FY2022', 0.4331], ['operatingMargin', 'FY2023', 0.2982], ['netMargin', 'FY2023', 0.2531],
    ['roa', 'FY2023', 0.275], ['roa', 'FY2024', 0.2613], ['roe', 'FY2023', 1.7195], ['roe', 'FY2024', 1.5741],
    ['dupontAssetTurnover', 'FY2023', 1.0868], ['dupontEquityMultiplier', 'FY2023', 6.252],
    ['dupontAssetTurnover', 'FY2024', 1.0899], ['dupontEquityMultiplier', 'FY2024', 6.0251],
    ['cfoToDebt', 'FY2022', 1.0173], ['cfoToDebt', 'FY2023', 0.9951], ['cfoToDebt', 'FY2024', 1.109],
    ['cfoToNetIncome', 'FY2022', 1.2239], ['cfoToNetIncome', 'FY2023', 1.1397], ['cfoToNetIncome', 'FY2024', 1.2616],
    ['revenueGrowth', 'FY2023', -0.028], ['revenueGrowth', 'FY2024', 0.0202], ['revenueCagr', 'FY2024', -0.0042],
  ])('%s %s ≈ %f', (name, period, expected) => {
    expect(v(r, name, period)).toBeCloseTo(expected, 3);
  });
  it.each([
    ['interestCoverage', 'FY2022', 40.75], ['interestCoverage', 'FY2023', 29.06],
    ['ebitdaInterestCoverage', 'FY2022', 44.54], ['ebitdaInterestCoverage', 'FY2023', 31.99],
  ])('coverage %s %s ≈ %f× (reference rounds to 2 decimals)', (name, period, expected) => {
    expect(v(r, name, period)).toBeCloseTo(expected, 2);
  });
  it('amounts: total debt, EBITDA, FCF', () => {
    expect([0, 1, 2].map((i) => r.ratios.totalDebt?.[i]?.value)).toEqual([120069, 111088, 106629]);
    expect([0, 1, 2].map((i) => r.ratios.ebitda?.[i]?.value)).toEqual([130541, 125820, 134661]);
    expect([0, 1, 2].map((i) => r.ratios.freeCashFlow?.[i]?.value)).toEqual([111443, 99584, 108807]);
  });
  it('efficiency days with averages and 365 days', () => {
    expect(v(r, 'dso', 'FY2023')).toBeCloseTo(27.47, 2);
    expect(v(r, 'dio', 'FY2023')).toBeCloseTo(9.61, 2);
    expect(v(r, 'dpo', 'FY2023')).toBeCloseTo(108.0, 2);
    expect(v(r, 'cashConversionCycle', 'FY2023')).toBeCloseTo(-70.92, 2);
    expect(v(r, 'dso', 'FY2024')).toBeCloseTo(29.36, 2);
    expect(v(r, 'dio', 'FY2024')).toBeCloseTo(11.81, 2);
    expect(v(r, 'dpo', 'FY2024')).toBeCloseTo(114.15, 2);
    expect(v(r, 'cashConversionCycle', 'FY2024')).toBeCloseTo(-72.97, 2);
    expect(at(r, 'dso', 'FY2024').basis).toBe('average');
    expect(at(r, 'dso', 'FY2022').basis).toBe('ending');
  });
  it('DuPont components multiply back to ROE', () => {
    for (const p of ['FY2023', 'FY2024']) {
      const prod = (v(r, 'dupontNetMargin', p) ?? 0) * (v(r, 'dupontAssetTurnover', p) ?? 0) * (v(r, 'dupontEquityMultiplier', p) ?? 0);
      expect(prod).toBeCloseTo(v(r, 'roe', p) ?? NaN, 10);
    }
  });
  it('interest coverage FY2024 is n/a because interest expense is not disclosed', () => {
    const f = at(r, 'interestCoverage', 'FY2024');
    expect(f.value).toBeNull();
    expect(f.note).toMatch(/^n\/a: missing interestExpense/);
    // only the figures that need the missing item are n/a
    expect(v(r, 'currentRatio', 'FY2024')).not.toBeNull();
  });
  it('figures carry formula and inputs', () => {
    const f = at(r, 'currentRatio', 'FY2024');
    expect(f.formula).toContain('totalCurrentAssets / totalCurrentLiabilities');
    expect(f.inputs).toEqual({ totalCurrentAssets: { value: 152987 }, totalCurrentLiabilities: { value: 176392 } });
    expect(at(r, 'roe', 'FY2024').inputs['totalEquity@FY2023']).toEqual({ value: 62146 });
  });
  it('Altman: Z″ and Z′ grey, market Z safe; Z″ selected for a non-manufacturer', () => {
    const a = r.scores.altmanZ;
    expect(a.selected).toBe('zDoublePrime');
    const exp = [
      ['FY2022', 2.0776, 2.1929], ['FY2023', 2.3688, 2.1779], ['FY2024', 1.871, 2.1054],
    ] as const;
    for (const [p, zdp, zp] of exp) {
      const row = a.periods.find((x) => x.period === p);
      expect(row?.zDoublePrime.value).toBeCloseTo(zdp, 3);
      expect(row?.zDoublePrime.zone).toBe('grey');
      expect(row?.zPrime.value).toBeCloseTo(zp, 3);
      expect(row?.zPrime.zone).toBe('grey');
    }
    expect(a.periods[1]?.z.value).toBeCloseTo(7.5031, 3);
    expect(a.periods[2]?.z.value).toBeCloseTo(7.1551, 3);
    expect(a.periods[2]?.z.zone).toBe('safe');
    expect(a.periods[0]?.z.value).toBeNull();
    expect(a.periods[0]?.z.note).toMatch(/X4market/);
  });
  it('Beneish M8 unlikely, with the reference components', () => {
    const b = r.scores.beneishM.periods;
    expect(b[0]?.value).toBeCloseTo(-2.5347, 3);
    expect(b[1]?.value).toBeCloseTo(-2.6689, 3);
    expect(b[1]?.classification).toBe('unlikely');
    const c = b[1]?.components ?? {};
    const expected: Record<string, number> = { DSRI: 1.1098, GMI: 0.9551, AQI: 1.1163, SGI: 1.0202, DEPI: 1.0409, SGAI: 1.026, LVGI: 1.0526, TATA: -0.0672 };
    for (const [k, e] of Object.entries(expected)) expect(c[k]?.value).toBeCloseTo(e, 3);
  });
  it('Piotroski F FY2024 = 7, failing ΔROA and Δcurrent ratio', () => {
    const p = r.scores.piotroskiF.periods.find((x) => x.period === 'FY2024');
    expect(p?.value).toBe(7);
    const failing = Object.entries(p?.signals ?? {}).filter(([, s]) => s.value === 0).map(([n]) => n);
    expect(failing.sort()).toEqual(['currentRatioUp', 'roaImproved']);
    expect(r.scores.piotroskiF.periods.find((x) => x.period === 'FY2023')?.value).toBeNull();
  });
  it('flags leverage and low current ratio but no earnings-quality flags', () => {
    const codes = r.flags.map((f) => f.code);
    expect(codes).toContain('LEVERAGE_HIGH');
    expect(codes).toContain('CURRENT_RATIO_LOW');
    expect(codes).not.toContain('PROFIT_WITHOUT_CASH');
    expect(codes).not.toContain('BENEISH_M_HIGH');
    expect(codes).not.toContain('SHORT_DEBT_LONG_INVEST');
  });
});

describe('NVIDIA (§4.2)', () => {
  const r = analyze(nvidia);
  it.each([
    ['currentRatio', 'FY2025', 4.4399], ['currentRatio', 'FY2024', 4.1713], ['debtToAssets', 'FY2025', 0.2892],
    ['debtToAssets', 'FY2024', 0.3461], ['debtToEquity', 'FY2025', 0.1067], ['netDebtToEbitda', 'FY2025', -0.417],
    ['grossMargin', 'FY2025', 0.7499], ['operatingMargin', 'FY2025', 0.6242], ['netMargin', 'FY2025', 0.5585],
    ['roe', 'FY2025', 1.1918], ['cfoToNetIncome', 'FY2025', 0.8794], ['revenueGrowth', 'FY2025', 1.142],
    ['revenueCagr', 'FY2025', 1.1995],
  ])('%s %s ≈ %f', (name, period, expected) => {
    expect(v(r, name, period)).toBeCloseTo(expected, 3);
  });
  it('EBIT/interest ≈ 329.8×', () => expect(v(r, 'interestCoverage', 'FY2025')).toBeCloseTo(329.77, 1));
  it('Z″ safe at 13.12', () => {
    const z = r.scores.altmanZ.periods.at(-1)?.zDoublePrime;
    expect(z?.value).toBeCloseTo(13.12, 2);
    expect(z?.zone).toBe('safe');
  });
  it('Beneish flags, attributed to growth (SGI first), and the flag says so', () => {
    const b = r.scores.beneishM.periods.at(-1);
    expect(b?.value).toBeCloseTo(-0.948, 3);
    expect(b?.classification).toBe('likely_manipulator');
    expect(b?.drivers[0]?.variable).toBe('SGI');
    expect(b?.components.SGI?.value).toBeCloseTo(2.142, 3);
    expect(b?.components.DSRI?.value).toBeCloseTo(1.077, 3);
    expect(b?.components.GMI?.value).toBeCloseTo(0.97, 3);
    expect(b?.components.TATA?.value).toBeCloseTo(0.079, 3);
    const flag = r.flags.find((f) => f.code === 'BENEISH_M_HIGH');
    expect(flag?.severity).toBe('low');
    expect(flag?.messages.en).toMatch(/growth-driven/);
  });
  it('ROE FY2024 uses the FY2023 closing equity', () => {
    expect(at(r, 'roe', 'FY2024').inputs['totalEquity@FY2023']).toEqual({ value: 22101 });
  });
});

describe('Boeing (§4.3): negative equity, losses', () => {
  const r = analyze(boeing);
  it.each([
    ['currentRatio', 'FY2024', 1.3185], ['currentRatio', 'FY2023', 1.1403], ['quickRatio', 'FY2024', 0.4167],
    ['quickRatio', 'FY2023', 0.3082], ['debtToAssets', 'FY2024', 1.025], ['debtToAssets', 'FY2023', 1.126],
    ['interestCoverage', 'FY2024', -3.929], ['grossMargin', 'FY2024', -0.0299], ['cfoToDebt', 'FY2024', -0.2243],
    ['revenueGrowth', 'FY2024', -0.145],
  ])('%s %s ≈ %f', (name, period, expected) => {
    expect(v(r, name, period)).toBeCloseTo(expected, 3);
  });
  it('D/E, ROE and debt/EBITDA are not meaningful, never a misleading number', () => {
    for (const name of ['debtToEquity', 'roe', 'debtToEbitda', 'dupontEquityMultiplier', 'liabilitiesToEquity']) {
      const f = at(r, name, 'FY2024');
      expect(f.value, name).toBeNull();
      expect(f.note, name).toMatch(/^not meaningful: /);
    }
    expect(at(r, 'debtToEbitda', 'FY2024').note).toContain('-8871');
    expect(r.ratios.ebitda?.[2]?.value).toBe(-8871);
  });
  it('FCF −14,310 and DIO ≈ 446 days', () => {
    expect(v(r, 'freeCashFlow', 'FY2024')).toBe(-14310);
    expect(v(r, 'dio', 'FY2024')).toBeCloseTo(445.66, 1);
  });
  it('Altman with EBIT = pretax + interest matches the reference: Z distress, Z″ grey', () => {
    const a = analyze(boeing, { ebit: 'pretaxPlusInterest' }).scores.altmanZ;
    const p = a.periods[2];
    expect(p?.components.X1?.value).toBeCloseTo(0.1977, 4);
    expect(p?.components.X2?.value).toBeCloseTo(0.0982, 4);
    expect(p?.components.X3?.value).toBeCloseTo(-0.0607, 4);
    expect(p?.components.X4book?.value).toBeCloseTo(-0.0244, 4);
    expect(p?.components.X4market?.value).toBeCloseTo(0.6988, 4);
    expect(p?.components.X5?.value).toBeCloseTo(0.4254, 4);
    expect(p?.z.value).toBeCloseTo(1.019, 3);
    expect(p?.z.zone).toBe('distress');
    expect(p?.zPrime.value).toBeCloseTo(0.451, 3);
    expect(p?.zPrime.zone).toBe('distress');
    expect(p?.zDoublePrime.value).toBeCloseTo(1.184, 3);
    expect(p?.zDoublePrime.zone).toBe('grey');
    expect(a.periods[1]?.zDoublePrime.value).toBeCloseTo(1.197, 3);
    expect(a.periods[1]?.zPrime.value).toBeCloseTo(0.769, 3);
    expect(a.selected).toBe('z');
  });
  it('EBIT = pretax + interest gives −3.48× coverage (FY2023 +0.19×)', () => {
    const r2 = analyze(boeing, { ebit: 'pretaxPlusInterest' });
    expect(v(r2, 'interestCoverage', 'FY2024')).toBeCloseTo(-3.48, 2);
    expect(v(r2, 'interestCoverage', 'FY2023')).toBeCloseTo(0.1846, 3);
  });
  it('Beneish is not computable (GMI not meaningful), not M = −4.77', () => {
    const b = r.scores.beneishM.periods.at(-1);
    expect(b?.value).toBeNull();
    expect(b?.components.GMI?.value).toBeNull();
    expect(b?.note).toMatch(/not computable: GMI/);
  });
  it('raises the distress flags', () => {
    const codes = r.flags.map((f) => f.code);
    for (const c of ['NEGATIVE_EQUITY', 'LEVERAGE_HIGH', 'NEGATIVE_CFO', 'INTEREST_COVERAGE_LOW', 'GROSS_MARGIN_DROP', 'ALTMAN_DISTRESS']) expect(codes).toContain(c);
    expect(r.flags.find((f) => f.code === 'NEGATIVE_EQUITY')?.severity).toBe('critical');
  });
});

describe('Enron (§4.4)', () => {
  const r = analyze(enron);
  it('Beneish M8 ≈ −0.557 → flag, driven by SGI/GMI/DSRI', () => {
    const b = r.scores.beneishM.periods[0];
    const exp: Record<string, number> = { DSRI: 1.3655, GMI: 2.1437, AQI: 0.7714, SGI: 2.5127, DEPI: 1.1098, SGAI: 0.4161, LVGI: 1.3539, TATA: -0.058 };
    for (const [k, e] of Object.entries(exp)) expect(b?.components[k]?.value, k).toBeCloseTo(e, 3);
    expect(b?.value).toBeCloseTo(-0.557, 2);
    expect(b?.classification).toBe('likely_manipulator');
    expect(b?.drivers.map((d) => d.variable).slice(0, 3).sort()).toEqual(['DSRI', 'GMI', 'SGI']);
    expect(r.flags.find((f) => f.code === 'BENEISH_M_HIGH')?.severity).toBe('high');
  });
});
