import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataPath } from '../../runtime/paths.js';
import { loadStatements } from '../input/load-statements.js';
import { analyze } from './analyze.js';
import { AnalysisResultSchema, type AnalysisResult } from './result-schema.js';

/*
 * The bundled statements (data/statements/, written by the input engineer) loaded through the real
 * parsers and analysed end to end. Headline checks are keyed by company so file names may change.
 */
const dir = dataPath('statements');
const files = existsSync(dir)
  ? readdirSync(dir).filter((f) => /\.(csv|json)$/u.test(f) && !f.endsWith('.meta.json') && !/^README/iu.test(f))
  : [];

const fig = (r: AnalysisResult, name: string, period: RegExp) => r.ratios[name]?.find((f) => period.test(f.period));

const HEADLINES: { company: RegExp; check: (r: AnalysisResult) => void }[] = [
  {
    company: /apple/iu,
    check: (r) => {
      const p = /2024/u;
      if (fig(r, 'currentRatio', p)) expect(fig(r, 'currentRatio', p)?.value).toBeCloseTo(0.8673, 3);
      if (fig(r, 'debtToAssets', p)?.value != null) expect(fig(r, 'debtToAssets', p)?.value).toBeCloseTo(0.844, 3);
      if (fig(r, 'roe', p)?.value != null && r.periods.length >= 2) expect(fig(r, 'roe', p)?.value).toBeCloseTo(1.5741, 3);
    },
  },
  {
    company: /nvidia/iu,
    check: (r) => {
      const p = /2025/u;
      if (fig(r, 'currentRatio', p)) expect(fig(r, 'currentRatio', p)?.value).toBeCloseTo(4.4399, 3);
      expect(r.scores.beneishM.periods.at(-1)?.value).toBeCloseTo(-0.948, 3);
      expect(r.flags.find((f) => f.code === 'BENEISH_M_HIGH')?.messages.en).toMatch(/growth-driven/u);
    },
  },
  {
    company: /boeing/iu,
    check: (r) => {
      const p = /2024/u;
      expect(fig(r, 'roe', p)?.value ?? null).toBeNull();
      expect(fig(r, 'debtToEquity', p)?.note).toMatch(/^not meaningful/u);
      if (fig(r, 'currentRatio', p)) expect(fig(r, 'currentRatio', p)?.value).toBeCloseTo(1.3185, 3);
    },
  },
  {
    company: /enron/iu,
    check: (r) => {
      expect(r.scores.beneishM.periods.at(-1)?.value).toBeCloseTo(-0.557, 2);
      expect(r.flags.find((f) => f.code === 'BENEISH_M_HIGH')?.severity).toBe('high');
    },
  },
  {
    company: /恒大|evergrande/iu,
    check: (r) => {
      expect(fig(r, 'debtToAssets', /2022/u)?.value).toBeCloseTo(1.326, 3);
      expect(r.flags.map((f) => f.code)).toEqual(expect.arrayContaining(['NEGATIVE_EQUITY', 'THREE_RED_LINES']));
    },
  },
  {
    company: /康美|kangmei/iu,
    check: (r) => {
      expect(r.flags.find((f) => f.code === 'PROFIT_WITHOUT_CASH')?.severity).toBe('high');
      expect(r.flags.map((f) => f.code)).toContain('RELATED_PARTY_FUND_OCCUPATION');
    },
  },
  {
    company: /茅台|moutai/iu,
    check: (r) => {
      const p = /2024/u;
      if (fig(r, 'debtToAssets', p)?.value != null) expect(fig(r, 'debtToAssets', p)?.value).toBeCloseTo(0.1904, 3);
    },
  },
];

describe.skipIf(files.length === 0)('data/statements through loadStatements → analyze', () => {
  it.each(files)('%s analyses to a valid result with its headline figures', (f) => {
    const { statement } = loadStatements(join(dir, f));
    const r = analyze(statement);
    expect(() => AnalysisResultSchema.parse(r)).not.toThrow();
    expect(r.periods.length).toBeGreaterThan(0);
    for (const h of HEADLINES) if (h.company.test(statement.company)) h.check(r);
  });
});
