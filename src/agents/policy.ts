/**
 * The policy-lookup assistant: staff ask about the bank's rules in their own words and get the
 * articles the answer rests on, quoted and cited — or a plain "no supporting rule found".
 * Offline: retrieve → extractive answer → reply. LLM path: the model answers from retrieved
 * articles only, and `verifyPolicyReply` post-checks its citations.
 */
import { AskResultSchema, type AskResult, type Citation } from '../policy/schemas.js';
import { defineAgent, type StateContext, type ToolCallRecord } from '../runtime/agent-spec.js';
import type { AnyTool } from '../runtime/tool.js';
import type { Storage } from '../storage/types.js';
import { verifyPolicyReply, type VerifiedReply, type VerifyOptions } from '../policy/citation-check.js';
import { ensurePolicyStore, loadArticleIndex } from '../tools/policy/policy-store.js';
import { readPolicySettings } from '../tools/policy/policy-settings.js';
import { answerPolicyQuestionTool } from '../tools/policy/answer-policy-question.js';
import { ANSWER_TOOL, SEARCH_TOOL, answerFromSearch, policyPlanner } from '../tools/policy/planner.js';
import { SearchPoliciesOutputSchema, searchPoliciesTool } from '../tools/policy/search-policies.js';

export { verifyPolicyReply, articleIndexFromLabels, type ArticleIndex, type VerifiedReply } from '../policy/citation-check.js';
export { loadArticleIndex } from '../tools/policy/policy-store.js';

export const POLICY_SYSTEM_PROMPT = {
  zh: [
    '你是华信银行的制度查询助手。用户是本行员工，用自己的话询问行内制度。',
    '规则：',
    '1. 先调用 search_policies 检索相关条文（或调用 answer_policy_question 获取带引用的摘录式答案）。',
    '2. 只依据检索到的条文作答，不得凭记忆或常识补充制度内容，不得编造条文。',
    '3. 每一个结论后面标注其依据的引用标签，必须与检索结果中的 label 完全一致，例如《华信银行授信管理办法》第十六条。不得引用检索结果以外的条文。',
    '4. 尽量引用条文原句；如检索到的条文不足以回答，直接说明"未找到支持该问题的规定"，并列出最接近的条文供参考。',
    '5. 用中文回答，简洁准确。',
  ].join('\n'),
  en: [
    "You are Huaxin Bank's policy-lookup assistant. The user is a member of staff asking about the bank's internal rules in their own words.",
    'Rules:',
    '1. Call search_policies first (or answer_policy_question for a ready extractive answer with citations).',
    '2. Answer only from the retrieved articles. Never add rules from memory or general knowledge, and never invent an article.',
    "3. After every statement give the citation label it rests on, exactly as the hit's label, e.g. \"Huaxin Bank Trading Desk Conduct Rules, Article 23\" or 《华信银行授信管理办法》第十六条. Cite nothing outside the retrieved set.",
    '4. Quote the rule\'s own words where you can. If the retrieved articles do not answer the question, say "No supporting rule was found" and list the nearest articles for reference.',
    '5. Reply in English, briefly and precisely.',
  ].join('\n'),
} as const;

export const policyTools: readonly AnyTool[] = [searchPoliciesTool, answerPolicyQuestionTool];

/** The turn's AskResult: the answer tool's result if called, else derived from the latest search. */
export function policyState(toolCalls: readonly ToolCallRecord[]): AskResult | null {
  for (let i = toolCalls.length - 1; i >= 0; i--) {
    const call = toolCalls[i];
    if (!call || call.error !== undefined) continue;
    if (call.name === ANSWER_TOOL) {
      const p = AskResultSchema.safeParse(call.result);
      if (p.success) return p.data;
    }
    if (call.name === SEARCH_TOOL) {
      const p = SearchPoliciesOutputSchema.safeParse(call.result);
      if (p.success) return answerFromSearch(p.data);
    }
  }
  return null;
}

/** Labels retrieved during a turn (for the citation post-check of an LLM reply). */
export function retrievedLabels(toolCalls: readonly ToolCallRecord[]): string[] {
  const out = new Set<string>();
  for (const call of toolCalls) {
    if (call.name === SEARCH_TOOL) {
      const p = SearchPoliciesOutputSchema.safeParse(call.result);
      if (p.success) for (const h of p.data.hits) out.add(h.label);
    } else if (call.name === ANSWER_TOOL) {
      const p = AskResultSchema.safeParse(call.result);
      if (p.success) for (const e of p.data.evidence) out.add(e.label);
    }
  }
  return [...out];
}

/**
 * Post-check of a finished LLM turn: the reply's citations against the articles the turn retrieved
 * and the articles of the store (`settings` = the policy config section, for the store name).
 */
export async function verifyPolicyTurn(
  turn: { reply: string; toolCalls: readonly ToolCallRecord[] },
  home: string,
  settings: Record<string, unknown> = {},
  opts: VerifyOptions = {},
  storage?: Storage,
): Promise<VerifiedReply> {
  const { store } = readPolicySettings(settings);
  return verifyPolicyReply(turn.reply, retrievedLabels(turn.toolCalls), await loadArticleIndex(home, store, storage), opts);
}

/**
 * Offline, the answer is built from the tool output. With an LLM the shown answer is the model's
 * reply after the citation guard, and the citations are the ones that passed it.
 */
async function llmAwareState(ctx: StateContext): Promise<AskResult | null> {
  const offline = policyState(ctx.toolCalls);
  if (ctx.provider === 'offline' || !offline) return offline;
  const verified = await verifyPolicyTurn(ctx, ctx.home, ctx.settings, {}, ctx.storage);
  const known = new Map<string, Citation>();
  for (const c of offline.citations) known.set(c.label, c);
  const citations = verified.citations.map((label) => known.get(label) ?? { label, doc: '', article: null });
  return { ...offline, answer: ctx.reply, citations, supported: offline.supported && citations.length > 0 };
}

export const policyAgent = defineAgent({
  name: 'policy',
  title: 'Policy lookup',
  description: "Answers staff questions about the bank's internal rules with the exact articles cited, or says no rule was found.",
  // Every role of the bank reads its rules, including roles an application adds.
  roles: ['*'],
  defaultUser: 's.chen',
  systemPrompt: POLICY_SYSTEM_PROMPT,
  tools: policyTools,
  planner: policyPlanner,
  // A model may answer without searching: the store it is checked against must exist all the same.
  outputGuard: async (ctx) => {
    const { store, corpus } = readPolicySettings(ctx.settings);
    await ensurePolicyStore(ctx.home, store, corpus, ctx.storage);
    return verifyPolicyTurn(ctx, ctx.home, ctx.settings, {}, ctx.storage);
  },
  state: (ctx: StateContext) => llmAwareState(ctx),
  stateSchema: AskResultSchema.nullable(),
});
