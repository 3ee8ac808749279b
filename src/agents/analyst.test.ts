import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateMemoNumbers } from '../analysis/memo/index.js';
import { createRuntime, type Runtime } from '../runtime/runtime.js';
import { AnalystStateSchema, type AnalystState } from '../tools/analyst/index.js';
import { runAnalysis } from '../tools/analyst/analysis-input.js';
import { analystAgent, analystGuard } from './analyst.js';

let home: string;
let rt: Runtime;

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'finagent-analyst-'));
  rt = await createRuntime({ home, agents: [analystAgent], config: { provider: 'offline', maxSteps: 6 }, now: () => new Date('2025-06-16T02:00:00Z') });
});
afterAll(async () => {
  await rt.close();
  rmSync(home, { recursive: true, force: true });
});

const turn = (message: string, thread: string, user = 'c.li') => rt.runTurn({ agent: 'analyst', message, thread, user });

/** Every number in an offline reply must come from the turn's tool output. */
function expectGrounded(reply: string, results: unknown[]) {
  const check = validateMemoNumbers(reply, results[0], ...results.slice(1));
  expect(check.unsupported).toEqual([]);
  expect(check.checked).toBeGreaterThan(0);
}

describe('analyst dialogue through runTurn (offline planner)', () => {
  it('analyze → why is Z low → compare → memo, remembering the thread file', async () => {
    const t = 'D1';
    const a = await turn('分析一下 data/statements/apple.csv', t);
    expect(a.toolCalls.map((c) => c.name)).toEqual(['analyze_statements']);
    expect(a.toolCalls[0]?.args).toMatchObject({ path: 'data/statements/apple.csv', lang: 'zh' });
    expect(a.reply).toContain('Apple Inc.');
    expect(a.reply).toContain('0.8673'); // current ratio FY2024 (reference §4.1)
    expectGrounded(a.reply, a.toolCalls.map((c) => c.result));
    const s1 = AnalystStateSchema.parse(a.state);
    expect(s1).toMatchObject({ file: 'data/statements/apple.csv', company: 'Apple Inc.', periods: ['FY2022', 'FY2023', 'FY2024'], memo: null });
    expect(s1.headline.currentRatio).toBeCloseTo(0.8673, 4);
    expect(s1.scores.altmanZ).toMatchObject({ model: 'zDoublePrime', period: 'FY2024', zone: 'grey' });
    expect(s1.scores.piotroskiF.value).toBe(7);
    expect(s1.flags).toContain('CURRENT_RATIO_LOW');

    const b = await turn('为什么Z值偏低？', t);
    expect(b.toolCalls).toHaveLength(1);
    expect(b.toolCalls[0]).toMatchObject({ name: 'explain_figure', args: { path: 'data/statements/apple.csv', name: 'altmanZ' } });
    expect(b.reply).toMatch(/X1/);
    expect(b.reply).toMatch(/营运资金为负/);
    expect(b.reply).toMatch(/留存收益为负/);
    expect(b.reply).toContain('7.1551'); // market-value Z shown as the contrast (§4.1)
    expectGrounded(b.reply, b.toolCalls.map((c) => c.result));

    const c = await turn('对比2023和2024年的偿债能力', t);
    // 偿债能力 is short- and long-term together (was: liquidity only).
    expect(c.toolCalls[0]).toMatchObject({ name: 'compare_periods', args: { path: 'data/statements/apple.csv', from: '2023', to: '2024', group: 'solvency' } });
    const rows = (c.toolCalls[0]?.result as { rows: Array<{ name: string; from: number; to: number; assessment: string }> }).rows;
    const cr = rows.find((r) => r.name === 'currentRatio');
    expect(cr?.from).toBeCloseTo(0.988, 4);
    expect(cr?.to).toBeCloseTo(0.8673, 4);
    expect(cr?.assessment).toBe('worse');
    expect(c.reply).toContain('流动比率');
    expectGrounded(c.reply, c.toolCalls.map((x) => x.result));

    const d = await turn('写一份授信审查报告', t);
    expect(d.toolCalls[0]).toMatchObject({ name: 'write_loan_memo', args: { path: 'data/statements/apple.csv', lang: 'zh' } });
    const memo = d.toolCalls[0]?.result as { markdown: string; citations: number; path: string };
    expect(memo.citations).toBeGreaterThan(20);
    expect(readFileSync(memo.path, 'utf8')).toBe(memo.markdown);
    const s4 = AnalystStateSchema.parse(d.state);
    expect(s4.memo).toBe(memo.path);
    expect(d.reply).toContain('审查意见');
  });

  it('follows up in English and keeps loan terms for the memo', async () => {
    const t = 'D2';
    await turn('analyze statements/nvidia.json', t);
    const c = await turn('compare FY2024 and FY2025 profitability', t);
    expect(c.toolCalls[0]).toMatchObject({ name: 'compare_periods', args: { from: 'FY2024', to: 'FY2025', group: 'profitability', lang: 'en' } });
    const l = await turn('loan 5,000 million for 3 years at 4.5%', t);
    expect(l.toolCalls[0]).toMatchObject({ name: 'analyze_statements', args: { path: 'statements/nvidia.json', loanAmount: 5000, loanUnit: 'millions', tenorYears: 3, rate: 0.045 } });
    const st = l.state as AnalystState;
    expect(st.loan).toMatchObject({ loanAmount: 5000, tenorYears: 3, rate: 0.045 });
    expect(l.reply).toContain('DSCR');
    expectGrounded(l.reply, l.toolCalls.map((x) => x.result));
    const m = await turn('write the memo', t);
    expect(m.toolCalls[0]).toMatchObject({ name: 'write_loan_memo', args: { loanAmount: 5000, tenorYears: 3, rate: 0.045, lang: 'en' } });
    expect((m.toolCalls[0]?.result as { markdown: string }).markdown).toContain('5. Repayment capacity and loan view');
  });

  it('a Chinese loan request in 万元 is converted by the tool, not the planner', async () => {
    const t = 'D3';
    await turn('分析一下 statements/moutai-2024.csv', t);
    const l = await turn('贷款 5000万 3年 利率4%', t);
    expect(l.toolCalls[0]?.args).toMatchObject({ loanAmount: 5000, loanUnit: '万元', tenorYears: 3, rate: 0.04 });
    const st = l.state as AnalystState;
    expect(st.loan?.loanAmount).toBeCloseTo(0.5, 12); // 5000万元 = 0.5 亿元
  });

  it('a bad file gives a clear error in the tool result, naming line and field', async () => {
    const bad = join(home, 'bad.csv');
    writeFileSync(bad, 'item,FY2023,FY2024\n营业收入,100,abc\n');
    const r = await turn(`分析一下 ${bad}`, 'D4');
    expect(r.toolCalls[0]?.error).toMatch(/bad\.csv:2/);
    expect(r.toolCalls[0]?.error).toMatch(/abc/);
    expect(r.reply).toMatch(/^无法完成：[\s\S]*bad\.csv:2 \(row "营业收入", column "FY2024"\)/);
    expect(r.state).toBeNull();
    const missing = await turn('analyze statements/nope.csv', 'D5');
    expect(missing.toolCalls[0]?.error).toMatch(/statement file "statements\/nope\.csv" not found/);
  });

  it('asks for a file when the thread has none, and refuses other roles', async () => {
    const r = await turn('为什么Z值偏低？', 'D6');
    expect(r.toolCalls).toEqual([]);
    expect(r.reply).toMatch(/请先给出报表文件/);
    await expect(turn('analyze statements/apple.csv', 'D7', 't.zhang')).rejects.toThrow(/may not use the analyst assistant/);
  });

  it('negative equity: ROE is reported as not meaningful, never as a number', async () => {
    const r = await turn('what is the ROE of statements/boeing.csv?', 'D8');
    expect(r.toolCalls[0]).toMatchObject({ name: 'explain_figure', args: { name: 'roe' } });
    const res = r.toolCalls[0]?.result as { value: number | null; note: string };
    expect(res.value).toBeNull();
    expect(res.note).toMatch(/not meaningful: average equity ≤ 0/);
    expect(r.reply).toMatch(/not meaningful/);
  });
});

describe('the LLM output guard', () => {
  it('flags an invented number in a model-written reply', async () => {
    const analysis = runAnalysis({ path: 'statements/apple.csv' }).analysis;
    const toolCalls = [{ name: 'analyze_statements', args: {}, result: analysis }];
    const good = analystGuard({ toolCalls, reply: 'FY2024 current ratio 0.87, debt to assets 84.4%, ROE 157.41%.' });
    expect(good.ok).toBe(true);
    const bad = analystGuard({ toolCalls, reply: 'FY2024 current ratio 0.87 and a DSCR of 3.42×.' });
    expect(bad.ok).toBe(false);
    expect(bad.reply).toContain('3.42');
  });
});
