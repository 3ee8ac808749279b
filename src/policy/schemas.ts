import { z } from 'zod';

/** One retrieved article as the answer logic sees it (a subset of the knowledge store's hit). */
export const PolicyHitSchema = z.object({
  label: z.string().min(1),
  doc: z.string(),
  article: z.number().int().nullable(),
  /** Retrieval score (reciprocal rank, fused over channels and passes); only its order is used. */
  score: z.number(),
  channels: z.array(z.object({ channel: z.string(), rank: z.number(), score: z.number() })).default([]),
  text: z.string(),
});
export type PolicyHit = z.infer<typeof PolicyHitSchema>;

export const CitationSchema = z.object({
  label: z.string(),
  doc: z.string(),
  article: z.number().int().nullable(),
});
export type Citation = z.infer<typeof CitationSchema>;

export const EvidenceSchema = z.object({
  label: z.string(),
  text: z.string(),
  /** Evidence score used for the answer decision (0–1, see evidence.ts). */
  score: z.number(),
});
export type Evidence = z.infer<typeof EvidenceSchema>;

/** What `ask` returns and what the policy agent's `state` is. */
export const AskResultSchema = z.object({
  answer: z.string(),
  /** False when no retrieved article supports an answer (the answer then says so). */
  supported: z.boolean(),
  citations: z.array(CitationSchema),
  /** Retrieved articles in the order the answer logic ranks them (best first). */
  evidence: z.array(EvidenceSchema),
});
export type AskResult = z.infer<typeof AskResultSchema>;
