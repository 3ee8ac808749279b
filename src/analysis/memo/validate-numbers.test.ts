import { describe, expect, it } from 'vitest';
import { analyze, type AnalysisResult } from '../engine/index.js';
import { loadStatements } from '../input/load-statements.js';
import { dataPath } from '../../runtime/paths.js';
import { validateMemoNumbers } from './validate-numbers.js';

const apple: AnalysisResult = analyze(loadStatements(dataPath('statements', 'apple.csv')).statement);

describe('validateMemoNumbers', () => {
  it('accepts a faithful narrative: percent vs fraction, separators, rounding, years, indices, article numbers', () => {
    const text = [
      '## 2.1 Liquidity',
      '1. In FY2024 the current ratio fell to 0.87 (FY2023: 0.988) [3], see section 4 and 第12条.',
      '2. Debt to assets was 84.40% on 2024-09-28; ROE 157.4%; revenue 391,035 million, up 2.02% on 2023.',
      'Altman Z″ 1.87 sits in the grey zone (distress below 1.1, safe above 2.6); Piotroski F is 7 of 9.',
      '资产负债率 84.4%，净利率 23.97%，2024年经营现金流 118,254。',
    ].join('\n');
    const r = validateMemoNumbers(text, apple);
    expect(r.unsupported).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.checked).toBeGreaterThanOrEqual(12);
  });

  it('rejects an invented number and lists it with its position', () => {
    const text = 'Current ratio 0.87; the DSCR is 2.35× and EBITDA margin 41.3%.';
    const r = validateMemoNumbers(text, apple);
    expect(r.ok).toBe(false);
    expect(r.unsupported.map((u) => u.text)).toEqual(['2.35', '41.3%']);
    expect(text.slice(r.unsupported[0]?.index ?? 0)).toMatch(/^2\.35/);
  });

  it('does not forgive a wrong rounding or arithmetic done by the model', () => {
    // 0.8673 shown to 4 decimals must be 0.8673; 0.8674 is a different figure. 0.8673 × 2 is not in any output.
    expect(validateMemoNumbers('current ratio 0.8674', apple).ok).toBe(false);
    expect(validateMemoNumbers('twice the current ratio is 1.7346', apple).ok).toBe(false);
    expect(validateMemoNumbers('current ratio 0.8673', apple).ok).toBe(true);
  });

  it('takes numbers from every tool output of the turn', () => {
    const extra = { rows: [{ name: 'currentRatio', change: -0.1207 }] };
    expect(validateMemoNumbers('the current ratio moved by -0.1207', apple).ok).toBe(false);
    expect(validateMemoNumbers('the current ratio moved by -0.1207', apple, extra).ok).toBe(true);
  });
});
