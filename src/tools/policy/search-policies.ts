import { z } from 'zod';
import { retrieve } from '../../knowledge/retrieve.js';
import { expandedQuery } from '../../policy/terms.js';
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
  k: z.number().int().min(1).max(50).optional().describe('How many articles per retrieval pass (default 20); articles only the re-worded pass finds are appended'),
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
    const k = input.k ?? s.k;
    const res = await retrieve(store, query, { k, doc: input.doc });
    const hits: PolicySearchHit[] = res.hits.map((h) => ({
      label: h.label,
      doc: h.doc,
      article: h.article,
      effective: h.effective,
      score: h.score,
      channels: h.channels,
      text: h.text,
    }));
    // Second pass with the question in the rules' own words (jargon alternatives, the other
    // language's terms): reaches articles the staff wording misses. The first pass keeps its order
    // and scores; articles only the second pass found follow, scored no higher than the first
    // pass's last hit (the answer step re-ranks them all on their content).
    const alt = expandedQuery(query);
    if (alt !== query) {
      const more = await retrieve(store, alt, { k, doc: input.doc });
      const byLabel = new Map(hits.map((h) => [h.label, h]));
      const floor = hits.length ? Math.min(...hits.map((h) => h.score)) : Infinity;
      more.hits.forEach((h, rank) => {
        const channel = { channel: 'policy-expanded', rank: rank + 1, score: h.score };
        const known = byLabel.get(h.label);
        if (known) {
          known.channels = [...known.channels, channel];
          return;
        }
        const hit: PolicySearchHit = {
          label: h.label,
          doc: h.doc,
          article: h.article,
          effective: h.effective,
          score: Math.min(h.score, floor),
          channels: [...h.channels, channel],
          text: h.text,
        };
        byLabel.set(h.label, hit);
        hits.push(hit);
      });
    }
    return { query, store: s.store, threshold: s.threshold ?? null, hits };
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
