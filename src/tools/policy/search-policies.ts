import { z } from 'zod';
import { RRF_K, retrieve } from '../../knowledge/retrieve.js';
import { expandedQuery } from '../../policy/terms.js';
import { UserInputError } from '../../runtime/errors.js';
import type { Storage } from '../../storage/types.js';
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
  k: z.number().int().min(1).max(50).optional().describe('How many articles per retrieval pass (default 20); the two passes (question, question in the rules\' words) are merged'),
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
  storage?: Storage,
): Promise<SearchPoliciesOutput> {
  const query = input.query.trim();
  if (!query) throw new UserInputError('empty question: ask about a rule, e.g. 给关系人发放信用贷款可以吗？');
  const s = readPolicySettings(settings);
  return withPolicyStore(home, s.store, s.corpus, async (store) => {
    const k = input.k ?? s.k;
    const first = await retrieve(store, query, { k, doc: input.doc });
    // Second pass with the question in the rules' own words (jargon alternatives, the other
    // language's terms): it reaches articles the staff wording misses, and it often ranks the
    // answering article first where the staff wording does not (说一声 → 泄露, 交报销单 → 提交报销申请).
    // Both passes vote: the hits are ordered by reciprocal rank over the two passes, so an article
    // the re-worded pass ranks first is not buried below the first pass's look-alikes.
    const alt = expandedQuery(query);
    const second = alt !== query ? await retrieve(store, alt, { k, doc: input.doc }) : null;
    return { query, store: s.store, threshold: s.threshold ?? null, hits: mergePasses(first.hits, second?.hits ?? []) };
  }, storage);
}

type PassHit = Awaited<ReturnType<typeof retrieve>>['hits'][number];

/**
 * Merge the two retrieval passes by reciprocal rank (k = RRF_K, as inside the store). Each hit keeps
 * its own channels; `policy-question` and `policy-expanded` record its rank in each pass. Ties keep
 * the first pass's order.
 */
export function mergePasses(first: PassHit[], second: PassHit[]): PolicySearchHit[] {
  const byLabel = new Map<string, { hit: PolicySearchHit; order: number }>();
  const add = (list: PassHit[], channel: string) =>
    list.forEach((h, i) => {
      const rank = i + 1;
      const mark = { channel, rank, score: h.score };
      const known = byLabel.get(h.label);
      if (known) {
        known.hit.score += 1 / (RRF_K + rank);
        known.hit.channels = [...known.hit.channels, mark];
        return;
      }
      byLabel.set(h.label, {
        order: byLabel.size,
        hit: {
          label: h.label,
          doc: h.doc,
          article: h.article,
          effective: h.effective,
          score: 1 / (RRF_K + rank),
          channels: [...h.channels, mark],
          text: h.text,
        },
      });
    });
  add(first, 'policy-question');
  add(second, 'policy-expanded');
  return [...byLabel.values()].sort((a, b) => b.hit.score - a.hit.score || a.order - b.order).map((x) => x.hit);
}

export const searchPoliciesTool = defineTool({
  name: 'search_policies',
  description:
    'Search the bank\'s internal rules (credit, AML/KYC, trading-desk conduct, authorisation, expenses). ' +
    'Returns articles with their citation labels; answer only from these and cite the labels exactly.',
  input: SearchPoliciesInputSchema,
  output: SearchPoliciesOutputSchema,
  execute: (input, ctx) => searchPolicies(input, ctx.home, ctx.settings, ctx.storage),
});
