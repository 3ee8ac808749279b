import { describe, expect, it } from 'vitest';
import { analyze, type AnalysisResult } from '../engine/index.js';
import { loadStatements } from '../input/load-statements.js';
import { dataPath } from '../../runtime/paths.js';
import { buildLoanMemo } from './loan-memo.js';
import { validateMemoNumbers } from './validate-numbers.js';

function analysisOf(file: string, loan?: { loanAmount: number; tenorYears: number; rate: number }, lang: 'zh' | 'en' = 'zh'): AnalysisResult {
  const { statement } = loadStatements(dataPath('statements', file));
  return analyze(statement, { lang, ...(loan ? { loan } : {}) });
}

const FILES = ['apple.csv', 'boeing.csv', 'nvidia.json', 'evergrande.csv', 'kangmei.csv', 'moutai-2024.csv', 'enron.csv', 'apple-companyfacts.json'];

describe('loan-review memo', () => {
  it('follows the review-report structure (zh) with tables per period', () => {
    const a = analysisOf('apple.csv', { loanAmount: 5000, tenorYears: 3, rate: 0.04 });
    const { markdown, citations, decision } = buildLoanMemo(a, { lang: 'zh', file: 'statements/apple.csv' });
    const heads = markdown.split('\n').filter((l) => l.startsWith('## ')).map((l) => l.slice(3));
    expect(heads).toEqual(['一、申请基本情况', '二、财务审查', '三、评分模型', '四、风险信号', '五、还款来源与贷款测算（FY2024）', '六、审查意见与授信条件', '数据说明', '附注：数据来源']);
    for (const sub of ['（一）主要财务数据', '（二）短期偿债能力', '（三）资本结构与长期偿债能力', '（四）偿债保障', '（五）盈利能力与杜邦分析', '（六）营运能力', '（七）现金流', '（八）成长性']) {
      expect(markdown).toContain(`### ${sub}`);
    }
    expect(markdown).toContain('| 指标 | FY2022 | FY2023 | FY2024 |');
    expect(markdown).toMatch(/\| 流动比率\[\d+\] \| 0\.8794 \| 0\.9880 \| 0\.8673 \|/);
    expect(markdown).toMatch(/杜邦分解 FY2024：ROE 157\.41%\[\d+\] = 23\.97%\[\d+\] × 1\.0899\[\d+\] × 6\.0251\[\d+\]/);
    expect(markdown).toMatch(/Z″（选用）\[\d+\] \| 2\.0776（灰色区/);
    expect(markdown).toContain('**CURRENT_RATIO_LOW**');
    expect(markdown).toContain('偿债覆盖率 DSCR');
    expect(markdown).toContain('营运资金量');
    expect(citations).toBeGreaterThan(40);
    // Was approve_with_conditions ("need could not be computed"): Apple's working-capital cycle is
    // negative (suppliers fund it), so the need is ≤ 0 and a working-capital loan has no basis.
    expect(decision).toBe('decline');
    expect(markdown).toMatch(/决定依据：新增流动资金贷款额度 -60,323\.90 百万美元（FY2024）≤ 0/);
    expect(markdown).toMatch(/\| 营运资金周转天数合计\[\d+\] \| -79\.48 \|/);
  });

  it('cites sources: the printed line item with file and line, and ratio formulas', () => {
    const a = analysisOf('apple.csv');
    const { markdown, citations } = buildLoanMemo(a, { lang: 'en', file: 'statements/apple.csv' });
    const notes = markdown.slice(markdown.indexOf('## Notes: sources'));
    expect(notes).toMatch(/\[\d+\] Revenue: Net sales \(apple\.csv line 3\)/);
    expect(notes).toMatch(/\[\d+\] Current ratio = totalCurrentAssets \/ totalCurrentLiabilities.*Total current assets \(apple\.csv line 24\); Total current liabilities \(apple\.csv line 36\)/);
    // Every [n] used in the body has a note, and every note is used.
    const body = markdown.slice(0, markdown.indexOf('## Notes: sources'));
    const used = new Set([...body.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1])));
    expect(used.size).toBe(citations);
    expect(Math.max(...used)).toBe(citations);
    // Every table row of figures carries a citation mark.
    const figureRows = body.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| ---') && /\d/.test(l.split('|').slice(2).join('|')) && !l.startsWith('| Item |') && !l.startsWith('| Figure |') && !l.startsWith('| Model |') && !l.startsWith('| Variable |'));
    expect(figureRows.length).toBeGreaterThan(30);
    for (const r of figureRows) expect(r.split('|')[1]).toMatch(/\[\d+\]/);
  });

  it.each(FILES)('every number in the offline memo of %s is found in the analysis (zh and en)', (file) => {
    for (const lang of ['zh', 'en'] as const) {
      const a = analysisOf(file, file === 'kangmei.csv' ? undefined : { loanAmount: 500, tenorYears: 3, rate: 0.04 }, lang);
      const { markdown } = buildLoanMemo(a, { lang, file: `statements/${file}` });
      const check = validateMemoNumbers(markdown, a);
      expect(check.unsupported).toEqual([]);
      expect(check.checked).toBeGreaterThan(30);
    }
  });

  it('negative equity: not-meaningful figures are written as such with the reason, and the opinion declines', () => {
    const a = analysisOf('boeing.csv');
    const { markdown, decision } = buildLoanMemo(a, { lang: 'en' });
    expect(markdown).toMatch(/\| Return on equity\[\d+\] \| n\.m\.\* \| n\.m\.\* \| n\.m\.\* \|/);
    expect(markdown).toContain('Return on equity FY2024: not meaningful: average equity ≤ 0 (-10570.5)');
    expect(markdown).toContain('Debt to equity FY2024: not meaningful: total equity ≤ 0 (-3914)');
    expect(markdown).not.toMatch(/Return on equity\[\d+\] \| -?\d/);
    expect(decision).toBe('decline');
    expect(markdown).toContain('**Opinion: Decline');
    expect(markdown).toMatch(/require full collateral/);
  });

  it('a healthy borrower without flags is approved; output is deterministic', () => {
    const a = analysisOf('nvidia.json');
    const m1 = buildLoanMemo(a, { lang: 'zh' });
    const m2 = buildLoanMemo(analysisOf('nvidia.json'), { lang: 'zh' });
    expect(m1.markdown).toBe(m2.markdown);
    expect(m1.decision).toBe('approve');
    expect(m1.markdown).toContain('决定依据：未触发否决规则或高风险信号');
    expect(m1.markdown).toContain('申请授信：未提供');
  });

  it('no flags but the headline figures missing is not an approval (was: Moutai summary approved on rules that could not run)', () => {
    const m = buildLoanMemo(analysisOf('moutai-2024.csv'), { lang: 'zh' });
    expect(m.decision).toBe('approve_with_conditions');
    expect(m.markdown).toContain('未触发风险信号规则');
    expect(m.markdown).toMatch(/决定依据：核心指标无法计算（2024年度）：流动比率（缺少数据：报表未列示流动资产合计、流动负债合计）/);
    // Leverage without a borrowings line: 0 with the note under the table, distinct from n/a.
    expect(m.markdown).toMatch(/\| 有息负债\/所有者权益\[\d+\] \| 0\.0000\* \| 0\.0000\* \|/);
    expect(m.markdown).toContain('有息负债/所有者权益 2023年度、2024年度：报表未列示任何借款类科目');
    expect(m.markdown).toMatch(/\| 产权比率\[\d+\] \| 0\.2193 \| 0\.2352 \|/);
  });
});
