import { z } from 'zod';

/** A text embedder. `dim` may be 0 until the first call for remote models of unknown size. */
export interface Embedder {
  /** Stable identity recorded in a store, e.g. "hashed-ngram-v1" or "openai:text-embedding-3-small". */
  readonly name: string;
  readonly dim: number;
  embed(texts: string[]): Promise<number[][]>;
}

export const EmbedderConfigSchema = z.object({
  provider: z.enum(['hashed', 'openai', 'ollama']).default('hashed'),
  model: z.string().min(1).optional(),
  baseUrl: z.string().url().optional(),
  apiKey: z.string().optional(),
  /** Known output size (remote models); otherwise learnt from the first response. */
  dim: z.number().int().positive().optional(),
  /** Texts per HTTP request. */
  batchSize: z.number().int().positive().default(64),
  timeoutMs: z.number().int().positive().default(30_000),
});
export type EmbedderConfig = z.input<typeof EmbedderConfigSchema>;

/** Scale to unit length (a zero vector stays zero rather than becoming NaN). */
export function l2normalize(v: number[]): number[] {
  let s = 0;
  for (const x of v) s += x * x;
  if (s === 0) return v;
  const inv = 1 / Math.sqrt(s);
  return v.map((x) => x * inv);
}
