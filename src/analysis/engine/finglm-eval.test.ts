import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../runtime/paths.js';
import { evaluateFinglm, formatFinglmReport, loadFinglmRatioRows, parseFinglmAmount, scoreFinglmRow } from './finglm-eval.js';
import { FINGLM_RATIOS, finglmField } from './finglm-map.js';

/* Synthetic rows in FinGLM's shape (values invented); the real dataset is only read when present. */
const row = (ratio: string, fields: Record<string, string>, gold: string) => ({ file: 'synthetic', id: 1, ratio, fields, gold });

describe('FinGLM mapping and scoring', () => {
  it('maps 34 ratio names and prior-year fields', () => {
    expect(Object.keys(FINGLM_RATIOS)).toHaveLength(34);
    expect(finglmField('上年营业收入')).toEqual({ item: 'revenue', offset: -1 });
    expect(finglmField('存货')).toEqual({ item: 'inventory', offset: 0 });
    expect(finglmField('商誉')).toBeUndefined();
  });
  it('parses amounts; blank is absent, text is NaN', () => {
    expect(parseFinglmAmount('123.40元')).toBe(123.4);
    expect(parseFinglmAmount('')).toBeUndefined();
    expect(parseFinglmAmount('abc')).toBeNaN();
  });
  it('scores percent and plain answers at 2 decimals, half-up', () => {
    expect(scoreFinglmRow(row('资产负债比率', { 总负债: '1000.0元', 资产总额: '8000元' }, '12.50%')).outcome).toBe('correct');
    expect(scoreFinglmRow(row('速动比率', { 流动资产: '300元', 存货: '100元', 流动负债: '80元' }, '2.50')).outcome).toBe('correct');
    // 0.125 exactly → 0.13 half-up (a binary float would give 0.12 with toFixed)
    expect(scoreFinglmRow(row('流动比率', { 流动资产: '1元', 流动负债: '8元' }, '0.13')).shown).toBe('0.13');
    expect(scoreFinglmRow(row('流动比率', { 流动资产: '1元', 流动负债: '8元' }, '0.12')).outcome).toBe('wrong');
  });
  it('declines growth on a negative base by default, computes it mechanically on request', () => {
    const r = row('财务费用增长率', { 财务费用: '50元', 上年财务费用: '-100元' }, '-150.00%');
    expect(scoreFinglmRow(r).outcome).toBe('declined');
    expect(scoreFinglmRow(r, { growthBase: 'mechanical' }).outcome).toBe('correct');
  });
  it('rows without inputs are not scored; unknown ratios are unsupported', () => {
    expect(scoreFinglmRow({ file: 's', id: 2, ratio: '流动比率', fields: {}, gold: null }).outcome).toBe('no_inputs');
    expect(scoreFinglmRow(row('市盈率', { 股价: '1' }, '1.00')).outcome).toBe('unsupported');
  });
  it('loads JSON Lines from a folder and copes with a missing one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'finglm-'));
    const line = { id: 7, type: '2-1', question: 'q', prompt: { 流动资产: '3元', 流动负债: '2元', 公式: '流动比率=流动资产/流动负债', prom_answer: '1.50' } };
    writeFileSync(join(dir, 'A-list-answer.json'), `${JSON.stringify(line)}\n{bad json\n${JSON.stringify({ id: 8, type: '1', prompt: {} })}\n`);
    const { rows, files, badLines } = loadFinglmRatioRows(dir);
    expect(files).toEqual(['A-list-answer.json']);
    expect(badLines).toBe(1);
    expect(rows).toHaveLength(1);
    expect(evaluateFinglm(rows, files).accuracy).toBe(1);
    expect(loadFinglmRatioRows(join(dir, 'absent')).rows).toEqual([]);
  });
});

const dataset = join(packageRoot, '..', 'shared', 'datasets', 'finglm');
describe.skipIf(!existsSync(dataset))('FinGLM dataset (when present)', () => {
  it('supports ≥ 30 of the ratio types and is ≥ 99% correct at 2 decimals', () => {
    const { rows, files } = loadFinglmRatioRows(dataset);
    const strict = evaluateFinglm(rows, files);
    const mech = evaluateFinglm(rows, files, { growthBase: 'mechanical' });
    if (process.env.FINGLM_REPORT) console.log(formatFinglmReport(strict, mech));
    expect(strict.supportedTypes).toBeGreaterThanOrEqual(30);
    expect(mech.accuracy).toBeGreaterThanOrEqual(0.99);
    expect(strict.wrong).toBe(0);
  });
});
