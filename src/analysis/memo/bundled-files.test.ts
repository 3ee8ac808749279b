import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dataPath } from '../../runtime/paths.js';
import { analyze, type AnalysisResult } from '../engine/index.js';
import { loadStatements } from '../input/load-statements.js';
import { buildLoanMemo } from './loan-memo.js';
import { validateMemoNumbers } from './validate-numbers.js';

/*
 * Every bundled statement file (data/statements/*), with and without a loan request, in both
 * languages: an Altman score for the latest period or the reason it is missing, the variant and
 * why, and an opinion that agrees with the loan capacity, DSCR and flags — naming what decided.
 */
const FILES = readdirSync(dataPath('statements')).filter((f) => /\.(csv|json)$/u.test(f) && !f.endsWith('.meta.json'));
const SYMBOL = { z: 'Z', zPrime: 'Z′', zDoublePrime: 'Z″' } as const;

function run(file: string, lang: 'zh' | 'en', loan: boolean): AnalysisResult {
  const { statement } = loadStatements(dataPath('statements', file));
  return analyze(statement, { lang, ...(loan ? { loan: { loanAmount: 10, tenorYears: 3, rate: 0.04 } } : {}) });
}

describe('every bundled statement file', () => {
  it('is found (the loop below is not empty)', () => expect(FILES.length).toBeGreaterThanOrEqual(9));

  describe.each(FILES)('%s', (file) => {
    it.each([
      ['zh', false],
      ['en', false],
      ['zh', true],
      ['en', true],
    ] as const)('%s, loan %s: Altman score or reason, coherent opinion naming its deciding figure', (lang, loan) => {
      const a = run(file, lang, loan);
      const { markdown, decision } = buildLoanMemo(a, { lang, file });
      const al = a.scores.altmanZ;
      const latest = al.periods.at(-1);
      const sel = latest?.[al.selected];
      const sym = SYMBOL[al.selected];
      // The variant and why.
      expect(markdown).toContain(lang === 'zh' ? `选用模型：Altman ${sym}。原因：${al.reasons.zh}` : `Model: Altman ${sym}. Why: ${al.reasons.en}`);
      // A score, or the lines it lacks by name.
      if (sel?.value === null || sel?.value === undefined) {
        const gap = lang === 'zh' ? new RegExp(`Altman ${sym}（${latest?.period}）无法计算：(报表缺少|无意义)`) : new RegExp(`Altman ${sym} \\(${latest?.period}\\) cannot be computed: (the statements lack|.*not meaningful)`);
        expect(markdown).toMatch(gap);
      } else {
        expect(sel.zone).not.toBeNull();
      }
      // The opinion follows the numbers.
      const severities = new Set(a.flags.map((f) => f.severity));
      const cap = a.loan?.workingCapital.newLoanCapacity.value ?? null;
      const dscr = a.loan?.dscr.value ?? null;
      const mustDecline = severities.has('critical') || (a.loan !== undefined && ((cap !== null && cap <= 0) || (dscr !== null && dscr < 1)));
      if (mustDecline) expect(decision).toBe('decline');
      if (severities.has('high') || severities.has('critical')) expect(decision).not.toBe('approve');
      if (decision === 'approve') {
        expect([...severities].some((s) => s === 'high' || s === 'critical')).toBe(false);
        if (a.loan) {
          expect(dscr).not.toBeNull();
          expect(dscr as number).toBeGreaterThanOrEqual(1);
          expect(a.loan.workingCapital.requestWithinNeed).toBe(true);
        }
      }
      // What decided is named, with its figure.
      const decided = markdown.split('\n').find((l) => l.startsWith(lang === 'zh' ? '决定依据：' : 'Decided by: '));
      expect(decided, 'memo names what decided').toBeDefined();
      if (a.loan && cap !== null && cap <= 0) expect(decided).toMatch(lang === 'zh' ? /新增流动资金贷款额度 -?[\d,.]+ .*≤ 0/ : /new working-capital loan capacity -?[\d,.]+ .*≤ 0/);
      for (const f of a.flags.filter((x) => x.severity === 'critical')) expect(decided).toContain(f.code);
      // Flags name a period of the statement; every memo number comes from the analysis.
      for (const f of a.flags) expect(a.periods.some((p) => f.messages.zh.includes(p) && f.messages.en.includes(p)), f.code).toBe(true);
      expect(validateMemoNumbers(markdown, a).unsupported).toEqual([]);
    });
  });
});
