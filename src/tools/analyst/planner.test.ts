import { describe, expect, it } from 'vitest';
import type { PlannerInput, TranscriptEntry } from '../../runtime/planner.js';
import { detectLang } from '../../runtime/planner.js';
import { analystPlanner, parseLoan, threadFile } from './planner.js';

const TOOLS = ['analyze_statements', 'write_loan_memo', 'explain_figure', 'compare_periods'];

function input(text: string, history: TranscriptEntry[] = []): PlannerInput {
  const user: TranscriptEntry = { role: 'user', text };
  return { transcript: [...history, user], turn: [user], userText: text, tools: TOOLS, lang: detectLang(text) };
}
const earlier = (path: string, extra: Record<string, unknown> = {}): TranscriptEntry[] => [
  { role: 'user', text: 'x' },
  { role: 'assistant', text: '', toolCalls: [{ id: '1', name: 'analyze_statements', args: { path, ...extra } }] },
  { role: 'tool', name: 'analyze_statements', toolCallId: '1', ok: true, result: { periods: ['FY2022', 'FY2023', 'FY2024'] } },
  { role: 'assistant', text: 'done', toolCalls: [] },
];

describe('analyst planner', () => {
  it('maps zh/en requests to one tool call', () => {
    expect(analystPlanner(input('分析一下 data/statements/kangmei.csv'))).toEqual({ type: 'tools', calls: [{ name: 'analyze_statements', args: { path: 'data/statements/kangmei.csv', lang: 'zh' } }] });
    expect(analystPlanner(input('analyze statements/apple.csv'))).toEqual({ type: 'tools', calls: [{ name: 'analyze_statements', args: { path: 'statements/apple.csv', lang: 'en' } }] });
    const h = earlier('statements/apple.csv');
    expect(analystPlanner(input('为什么Z值偏低？', h))).toEqual({ type: 'tools', calls: [{ name: 'explain_figure', args: { path: 'statements/apple.csv', name: 'altmanZ', lang: 'zh' } }] });
    expect(analystPlanner(input('compare FY2023 and FY2024 liquidity', h))).toEqual({
      type: 'tools',
      calls: [{ name: 'compare_periods', args: { path: 'statements/apple.csv', from: 'FY2023', to: 'FY2024', group: 'liquidity', lang: 'en' } }],
    });
    expect(analystPlanner(input('对比一下盈利能力', h))).toMatchObject({ calls: [{ name: 'compare_periods', args: { from: 'FY2023', to: 'FY2024', group: 'profitability' } }] });
    expect(analystPlanner(input('写一份授信审查报告', earlier('statements/apple.csv', { loanAmount: 500, tenorYears: 3, rate: 0.04 })))).toEqual({
      type: 'tools',
      calls: [{ name: 'write_loan_memo', args: { path: 'statements/apple.csv', loanAmount: 500, tenorYears: 3, rate: 0.04, lang: 'zh' } }],
    });
    expect(analystPlanner(input('what is the DSO?', h))).toMatchObject({ calls: [{ name: 'explain_figure', args: { name: 'dso' } }] });
  });

  it('parses loan terms without computing figures', () => {
    expect(parseLoan('贷款 5000万 3年 利率4%')).toEqual({ loanAmount: 5000, loanUnit: '万元', tenorYears: 3, rate: 0.04 });
    expect(parseLoan('loan of 1.2 billion, 5 years at 3.85%')).toEqual({ loanAmount: 1.2, loanUnit: 'billions', tenorYears: 5, rate: 0.0385 });
    expect(parseLoan('借款 2亿元 期限2年 利率 3.1%')).toEqual({ loanAmount: 2, loanUnit: '亿元', tenorYears: 2, rate: 0.031 });
    expect(parseLoan('compare liquidity')).toBeNull();
  });

  it('finds the thread file from earlier tool calls, replies from tool output, and asks when it lacks a file', () => {
    expect(threadFile(input('x', earlier('statements/boeing.csv')))).toBe('statements/boeing.csv');
    expect(analystPlanner(input('why is the Z-score low?'))).toMatchObject({ type: 'reply', text: expect.stringMatching(/statement file first/) });
    const err: PlannerInput = {
      ...input('analyze statements/x.csv'),
      turn: [{ role: 'user', text: 'analyze statements/x.csv' }, { role: 'tool', name: 'analyze_statements', toolCallId: '9', ok: false, error: 'x.csv:3 (row "a"): bad' }],
    };
    expect(analystPlanner(err)).toEqual({ type: 'reply', text: 'Could not complete: x.csv:3 (row "a"): bad' });
    expect(analystPlanner(input('hello'))).toMatchObject({ type: 'reply' });
  });

  it('answers follow-ups from the thread: the subject of the last question that had one', () => {
    const h = (q: string): TranscriptEntry[] => [
      { role: 'user', text: 'load statements/apple.csv' },
      { role: 'assistant', text: '', toolCalls: [{ id: '1', name: 'analyze_statements', args: { path: 'statements/apple.csv' } }] },
      { role: 'tool', name: 'analyze_statements', toolCallId: '1', ok: true, result: { periods: ['FY2022', 'FY2023', 'FY2024'] } },
      { role: 'assistant', text: 'done', toolCalls: [] },
      { role: 'user', text: q },
      { role: 'assistant', text: 'x', toolCalls: [] },
    ];
    expect(analystPlanner(input('和去年比呢', h('毛利率是多少')))).toEqual({ type: 'tools', calls: [{ name: 'explain_figure', args: { path: 'statements/apple.csv', name: 'grossMargin', lang: 'zh' } }] });
    expect(analystPlanner(input('what about 2022?', h("what's the current ratio")))).toMatchObject({ calls: [{ name: 'explain_figure', args: { name: 'currentRatio', period: '2022' } }] });
    expect(analystPlanner(input('和去年比呢', h('偿债能力如何')))).toMatchObject({ calls: [{ name: 'compare_periods', args: { from: 'FY2023', to: 'FY2024', group: 'solvency' } }] });
    expect(analystPlanner(input('why?', h('red flags?')))).toMatchObject({ calls: [{ name: 'analyze_statements' }] });
    expect(analystPlanner(input('compare gross margin 2022 vs 2024', h('x')))).toMatchObject({ calls: [{ name: 'compare_periods', args: { from: '2022', to: '2024', names: ['grossMargin'] } }] });
  });

  it('finds a bundled file by company name, and asks for loan terms a figure needs', () => {
    expect(analystPlanner(input('分析茅台'))).toMatchObject({ calls: [{ name: 'analyze_statements', args: { path: 'statements/moutai-2024.csv' } }] });
    expect(analystPlanner(input("boeing's ROE?"))).toMatchObject({ calls: [{ name: 'explain_figure', args: { path: 'statements/boeing.csv', name: 'roe' } }] });
    expect(analystPlanner(input('DSCR多少', earlier('statements/apple.csv')))).toMatchObject({ type: 'reply', text: expect.stringMatching(/需要贷款金额、期限和利率（缺：金额、期限、利率）/) });
    expect(analystPlanner(input('DSCR多少', earlier('statements/apple.csv', { loanAmount: 500, tenorYears: 3, rate: 0.04 })))).toMatchObject({
      calls: [{ name: 'explain_figure', args: { name: 'dscr', loanAmount: 500, tenorYears: 3, rate: 0.04 } }],
    });
    expect(analystPlanner(input('贷款 5000万', earlier('statements/apple.csv')))).toMatchObject({ type: 'reply', text: expect.stringMatching(/缺：期限、利率/) });
  });

  it('rejects loan terms a reviewer would reject, in their words, before any tool runs', () => {
    const h = earlier('statements/moutai-2024.csv');
    expect(analystPlanner(input('贷款 5000万 3年 利率500%', h))).toEqual({ type: 'reply', text: '利率 500%：年利率按百分比填写，应在 0–30% 之间（例如“利率4.35%”）。' });
    expect(analystPlanner(input('loan 500 million for 100 years at 4%', h))).toEqual({ type: 'reply', text: 'tenor 100 years: loan tenor in years, expected more than 0 and at most 50.' });
    expect(parseLoan('贷款 500 百万 3年 利率5%')).toEqual({ loanAmount: 500, loanUnit: 'millions', tenorYears: 3, rate: 0.05 });
  });

  it('answers what it cannot in the user\'s language, with examples', () => {
    const zh = analystPlanner(input('今天天气怎么样', earlier('statements/apple.csv')));
    expect(zh).toMatchObject({ type: 'reply', text: expect.stringMatching(/^这个问题我无法从报表回答。可以这样问（当前文件：statements\/apple\.csv）：\n- 数值：“净利润是多少”/) });
    const en = analystPlanner(input('tell me a joke', earlier('statements/apple.csv')));
    expect(en).toMatchObject({ type: 'reply', text: expect.stringMatching(/^I can't answer that from the statements\. You can ask \(current file: statements\/apple\.csv\):\n- a figure: "what is net income"/) });
  });

  it('is deterministic', () => {
    const h = earlier('statements/apple.csv');
    expect(analystPlanner(input('贷款 5000万 3年 利率4%', h))).toEqual(analystPlanner(input('贷款 5000万 3年 利率4%', h)));
  });
});
