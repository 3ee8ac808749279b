/**
 * The financial-statement analyst: credit reviewers load a borrower's statements and ask for ratios,
 * scores, red flags, period comparisons and the loan-review memo. Every figure comes from the
 * deterministic engine through the tools; offline the planner words replies from tool output, and
 * with an LLM the output guard rejects any number no tool output contains.
 */
import { validateMemoNumbers } from '../analysis/memo/index.js';
import { defineAgent, type GuardVerdict, type StateContext } from '../runtime/agent-spec.js';
import { analystPlanner, analystTools, AnalystStateSchema, readSession, type AnalystState } from '../tools/analyst/index.js';

export const ANALYST_SYSTEM_PROMPT = {
  zh: [
    '你是银行授信审查助手，服务信贷审查人员，分析借款人的财务报表。',
    '规则：',
    '1. 每一个数字都必须来自工具输出（analyze_statements、explain_figure、compare_periods、write_loan_memo）。不得自行计算、估算或编造任何数字、比率或评分。',
    '2. 每个数字都写明期间、数值和单位（倍、%、天、亿元/百万美元等），并注明来源：指标名称与公式，或报表科目及其文件行号（工具输出中的 source）。',
    '3. 指标为“无意义”或“缺数据”时照实说明原因，不得给出数值。',
    '4. 评分（Altman Z、Beneish M、Piotroski F）要说明所用模型、区间及驱动变量，解释意外结果。',
    '5. 追问（“和去年比呢”“2022年呢”“为什么？”）针对上一个问题的指标或专题；审查意见须与贷款测算、DSCR 和风险信号一致，并说明由哪个数字决定。',
    '6. 审查结论仅为建议，最终由审查人员决定。用中文简洁作答。',
  ].join('\n'),
  en: [
    "You are a bank credit-review assistant. Credit reviewers ask you about a borrower's financial statements.",
    'Rules:',
    '1. Every number must come from tool output (analyze_statements, explain_figure, compare_periods, write_loan_memo). Never compute, estimate or invent a number, ratio or score yourself.',
    "2. Give each figure with its period, value and unit (×, %, days, USD millions …) and cite its source: the ratio's name and formula, or the line item with its file and line (the tool output's source).",
    '3. When a figure is "not meaningful" or unavailable, say so with the reason; never give a number for it.',
    '4. For scores (Altman Z, Beneish M, Piotroski F) name the model, the zone and the driving variables; explain surprising results.',
    '5. Follow-ups ("compare with last year", "what about 2022?", "why?") refer to the previous question\'s figure or topic. An opinion must agree with the loan capacity, DSCR and red flags and say which figure decided it.',
    '6. The opinion is a recommendation; the reviewer decides. Answer in English, briefly.',
  ].join('\n'),
} as const;

export const ANALYST_TOOL_NAMES = ['analyze_statements', 'write_loan_memo', 'explain_figure', 'compare_periods'] as const;

/** The thread's analysis state (file, headline ratios, scores, flags, memo path), or null before any analysis. */
export function analystState(ctx: Pick<StateContext, 'stores' | 'thread'>): Promise<AnalystState | null> {
  return readSession(ctx.stores, ctx.thread);
}

/** LLM path: every number in the reply must appear in some tool output of the turn. */
export function analystGuard(ctx: Pick<StateContext, 'toolCalls' | 'reply'>): GuardVerdict {
  const outputs = ctx.toolCalls.filter((c) => c.result !== undefined).map((c) => c.result);
  if (!outputs.length) {
    const check = validateMemoNumbers(ctx.reply, {});
    if (check.ok) return { ok: true, reply: ctx.reply, findings: [] };
    return { ok: false, reply: `${ctx.reply}\n\n⚠ ${check.unsupported.map((u) => u.text).join(', ')}: not from any tool output — verify before use.`, findings: check.unsupported };
  }
  const check = validateMemoNumbers(ctx.reply, outputs[0], ...outputs.slice(1));
  if (check.ok) return { ok: true, reply: ctx.reply, findings: [] };
  const list = check.unsupported.map((u) => u.text).join(', ');
  return {
    ok: false,
    reply: `${ctx.reply}\n\n⚠ 以下数字未见于任何工具输出，请勿采用 / Numbers not found in any tool output: ${list}`,
    findings: check.unsupported,
  };
}

export const analystAgent = defineAgent({
  name: 'analyst',
  title: 'Financial-statement analyst (授信审查)',
  description: 'Ratios, Altman/Beneish/Piotroski scores, red flags, period comparisons, loan view and the cited loan-review memo from borrower statements.',
  roles: ['credit_reviewer', 'admin'],
  defaultUser: 'c.li',
  systemPrompt: ANALYST_SYSTEM_PROMPT,
  tools: analystTools,
  planner: analystPlanner,
  state: analystState,
  stateSchema: AnalystStateSchema.nullable(),
  outputGuard: analystGuard,
});
