import { z } from 'zod';
import { buildAnswer } from '../../policy/answer.js';
import { AskResultSchema, type AskResult } from '../../policy/schemas.js';
import { defineTool } from '../../runtime/tool.js';
import type { Storage } from '../../storage/types.js';
import { searchPolicies } from './search-policies.js';

export const AnswerPolicyQuestionInputSchema = z.object({
  question: z.string().describe('The staff member\'s question, verbatim'),
  doc: z.string().optional().describe('Restrict to documents whose title contains this text'),
});

/** Retrieve, then the extractive answer with citations (or "no supporting rule found"). */
export async function answerPolicyQuestion(
  input: z.infer<typeof AnswerPolicyQuestionInputSchema>,
  home: string,
  settings: Record<string, unknown>,
  storage?: Storage,
): Promise<AskResult> {
  const found = await searchPolicies({ query: input.question, doc: input.doc }, home, settings, storage);
  return buildAnswer(found.query, found.hits, { threshold: found.threshold ?? undefined });
}

export const answerPolicyQuestionTool = defineTool({
  name: 'answer_policy_question',
  description:
    'Answer a question about the bank\'s internal rules: quotes the supporting articles with their citation labels, ' +
    'or says that no supporting rule was found. Use it when you need a ready, cited answer.',
  input: AnswerPolicyQuestionInputSchema,
  output: AskResultSchema,
  execute: (input, ctx) => answerPolicyQuestion(input, ctx.home, ctx.settings, ctx.storage),
});
