/**
 * The policy assistant's offline planner (pure): retrieve → answer → reply. The answer step is the
 * pure extractive logic of src/policy/answer.ts applied to the retrieved articles, so the reply and
 * the turn's `state` (derived the same way) always agree.
 */
import { buildAnswer } from '../../policy/answer.js';
import type { AskResult } from '../../policy/schemas.js';
import { turnResults, type Planner, type PlannerInput } from '../../runtime/planner.js';
import { SearchPoliciesOutputSchema, type SearchPoliciesOutput } from './search-policies.js';

export const SEARCH_TOOL = 'search_policies';
export const ANSWER_TOOL = 'answer_policy_question';

/** The AskResult for a search result: the same function for the planner and for `state`. */
export function answerFromSearch(found: SearchPoliciesOutput): AskResult {
  return buildAnswer(found.query, found.hits, { threshold: found.threshold ?? undefined });
}

export const policyPlanner: Planner = (input: PlannerInput) => {
  const question = input.userText.trim();
  const results = turnResults(input);
  const last = results[results.length - 1];
  if (!last) {
    if (!input.tools.includes(SEARCH_TOOL)) {
      return {
        type: 'reply',
        text: input.lang === 'zh' ? '您没有使用制度检索工具的权限。' : 'You are not permitted to search the policy store.',
      };
    }
    return { type: 'tools', calls: [{ name: SEARCH_TOOL, args: { query: question } }] };
  }
  if (!last.ok) {
    const why = last.error ?? 'unknown error';
    return { type: 'reply', text: input.lang === 'zh' ? `制度检索失败：${why}` : `The policy search failed: ${why}` };
  }
  if (last.name === ANSWER_TOOL) {
    const answer = (last.result as { answer?: unknown } | undefined)?.answer;
    if (typeof answer === 'string') return { type: 'reply', text: answer };
  }
  const parsed = SearchPoliciesOutputSchema.safeParse(last.result);
  if (!parsed.success) {
    return { type: 'reply', text: input.lang === 'zh' ? '制度检索返回了无法识别的结果。' : 'The policy search returned an unreadable result.' };
  }
  return { type: 'reply', text: answerFromSearch(parsed.data).answer };
};
