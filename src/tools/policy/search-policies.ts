import { z } from 'zod';
import { retrieve } from '../../knowledge/retrieve.js';
import { UserInputError } from '../../runtime/errors.js';
import { defineTool } from '../../runtime/tool.js';
import { readPolicySettings } from './policy-settings.js';
import { withPolicyStore } from './policy-store.js';

export const PolicySearchHitSchema = z.object({
  label: z.string(),
  doc: z.string(),
  article: z.number().int().nullable(),
  effective: z.string().nullable(),
  score: z.number(),
  channels: z.array(z.object({ channel: z.string(), rank: z.number().int(), score: z.number() })),
  text: z.string(),
});
export type PolicySearchHit = z.infer<typeof PolicySearchHitSchema>;

export const SearchPoliciesInputSchema = z.object({
  query: z.string().describe('The question or keywords, in the staff member\'s words'),
  k: z.number().int().min(1).max(50).optional().describe('How many articles to return (default 20)'),
  doc: z.string().optional().describe('Restrict to documents whose title contains this text'),
});

export const SearchPoliciesOutputSchema = z.object({
  query: z.string(),
  store: z.string(),
  /** Evidence threshold configured for this store (null = the calibrated default), for the answer step. */
  threshold: z.number().nullable(),
  hits: z.array(PolicySearchHitSchema),
});
export type SearchPoliciesOutput = z.infer<typeof SearchPoliciesOutputSchema>;

/** Hybrid retrieval over the bank's rules; the bundled corpus is ingested on first use. */
export async function searchPolicies(
  input: z.infer<typeof SearchPoliciesInputSchema>,
  home: string,
  settings: Record<string, unknown>,
): Promise<SearchPoliciesOutput> {
  const query = input.query.trim();
  if (!query) throw new UserInputError('empty question: ask about a rule, e.g. 给关系人发放信用贷款可以吗？');
  const s = readPolicySettings(settings);
  return withPolicyStore(home, s.store, s.corpus, async (store) => {
    const res = await retrieve(store, query, { k: input.k ?? s.k, doc: input.doc });
    return {
      query,
      store: s.store,
      threshold: s.threshold ?? null,
      hits: res.hits.map((h) => ({
        label: h.label,
        doc: h.doc,
        article: h.article,
        effective: h.effective,
        score: h.score,
        channels: h.channels,
        text: h.text,
      })),
    };
  });
}

export const searchPoliciesTool = defineTool({
  name: 'search_policies',
  description:
    'Search the bank\'s internal rules (credit, AML/KYC, trading-desk conduct, authorisation, expenses). ' +
    'Returns articles with their citation labels; answer only from these and cite the labels exactly.',
  input: SearchPoliciesInputSchema,
  output: SearchPoliciesOutputSchema,
  execute: (input, ctx) => searchPolicies(input, ctx.home, ctx.settings),
});
