import { describe, expect, it } from 'vitest';
import { analyze } from './analyze.js';
import { evergrande, kangmei, moutai } from './fixtures/cn-companies.js';

describe('康美药业 (§4.5): profit without cash, related-party fund occupation', () => {
  const r = analyze(kangmei);
  it('NI > 0 with CFO < 0 for three years fires a high PROFIT_WITHOUT_CASH flag', () => {
    const f = r.flags.find((x) => x.code === 'PROFIT_WITHOUT_CASH');
    expect(f?.severity).toBe('high');
    expect(f?.messages.zh).toContain('连续 3 年');
    expect(f?.evidence.filter((e) => e.name === 'cashFromOperations').map((e) => e.value)).toEqual([-23.05, -48.4, -31.92]);
    expect(r.flags.find((x) => x.code === 'NEGATIVE_CFO')?.severity).toBe('high');
  });
  it('the related-party other-receivables flag fires', () => {
    const f = r.flags.find((x) => x.code === 'RELATED_PARTY_FUND_OCCUPATION');
    expect(f?.severity).toBe('critical');
    expect(f?.evidence[0]).toEqual({ name: 'relatedPartyOtherReceivables', period: '2018', value: 88.7904776 });
    expect(f?.message).toMatch(/关联方资金占用/);
  });
  it('ratios needing the balance sheet are n/a with the missing items named', () => {
    expect(r.ratios.currentRatio?.[2]?.note).toBe('n/a: missing totalCurrentAssets 流动资产合计, totalCurrentLiabilities 流动负债合计');
  });
});

describe('中国恒大 (§4.5): negative equity, three red lines', () => {
  const r = analyze(evergrande);
  it('资产负债率 ≈ 132.6%', () => expect(r.ratios.debtToAssets?.[1]?.value).toBeCloseTo(1.326, 3));
  it('equity ratios are not meaningful', () => {
    for (const n of ['debtToEquity', 'netGearing', 'equityRatio', 'liabilitiesToEquity']) {
      expect(r.ratios[n]?.[1]?.value, n).toBeNull();
      expect(r.ratios[n]?.[1]?.note, n).toMatch(/^not meaningful: total equity ≤ 0/);
    }
  });
  it('red lines 1 and 2 breached; negative equity critical', () => {
    const f = r.flags.find((x) => x.code === 'THREE_RED_LINES');
    expect(f?.severity).toBe('critical');
    expect(f?.messages.en).toMatch(/2 breached \(#1, #2\)/);
    expect(r.ratios.liabilitiesToAssetsExAdvances?.[1]?.value).toBeCloseTo(17163.9 / (18383.36 - 7210.2), 10);
    expect(r.flags.some((x) => x.code === 'NEGATIVE_EQUITY' && x.severity === 'critical')).toBe(true);
    expect(r.flags.find((x) => x.code === 'LEVERAGE_HIGH')?.severity).toBe('high');
  });
  it('YoY on a negative base is not meaningful, with the reason', () => {
    expect(r.ratios.netIncomeGrowth?.[1]?.value).toBeNull();
    expect(r.ratios.netIncomeGrowth?.[1]?.note).toBe('not meaningful: prior-period netIncome is negative (-6862.2)');
    expect(analyze(evergrande, { growthBase: 'mechanical' }).ratios.netIncomeGrowth?.[1]?.value).toBeCloseTo((-1258.1 + 6862.2) / -6862.2, 12);
  });
});

describe('贵州茅台 (§4.5): healthy CAS sample', () => {
  const r = analyze(moutai);
  it('资产负债率 17.99% / 19.04%', () => {
    expect(r.ratios.debtToAssets?.[0]?.value).toBeCloseTo(0.1799, 4);
    expect(r.ratios.debtToAssets?.[1]?.value).toBeCloseTo(0.1904, 4);
  });
  it('no leverage or cash-quality flags; balance sheet ties within tolerance', () => {
    const codes = r.flags.map((f) => f.code);
    expect(codes).not.toContain('LEVERAGE_HIGH');
    expect(codes).not.toContain('PROFIT_WITHOUT_CASH');
    expect(r.warnings.some((w) => w.includes('does not tie'))).toBe(false);
    expect(r.policy.ebit).toBe('pretaxPlusInterest');
  });
  it('CFO/NI 2023 ≈ 0.859 and revenue growth 2024 ≈ 15.66%', () => {
    expect(r.ratios.cfoToNetIncome?.[0]?.value).toBeCloseTo(665.93 / 775.21, 12);
    expect(r.ratios.revenueGrowth?.[1]?.value).toBeCloseTo(0.15664, 4);
  });
});
