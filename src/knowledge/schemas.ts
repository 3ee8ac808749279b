import { z } from 'zod';

/** One retrievable unit: normally one article (条 / Article) with all its paragraphs. */
export const ChunkSchema = z.object({
  docTitle: z.string(),
  /** Structural path above the article, outermost first, e.g. ["第三章 …", "第二节 …"]. */
  path: z.array(z.string()),
  /** Article number as an integer (第四十条 → 40); null for text outside any article. */
  article: z.number().int().nullable(),
  /** Article number as written in the source style: 第四十条, 第二百八十七条之一, Article 12. */
  articleLabel: z.string().nullable(),
  /** 1-based piece index when an oversized article is split; parts = total pieces. */
  part: z.number().int().positive(),
  parts: z.number().int().positive(),
  /** Citation label: 《中华人民共和国商业银行法》第四十条 or "Trading Desk Conduct Rules, Article 12". */
  label: z.string(),
  effective: z.string().nullable(),
  text: z.string(),
  /** sha256 (hex) of the chunk text. */
  hash: z.string(),
});
export type Chunk = z.infer<typeof ChunkSchema>;

export const ParsedDocumentSchema = z.object({
  title: z.string(),
  effective: z.string().nullable(),
  language: z.enum(['zh', 'en']),
  chunks: z.array(ChunkSchema),
});
export type ParsedDocument = z.infer<typeof ParsedDocumentSchema>;

export const ChannelHitSchema = z.object({
  channel: z.string(),
  rank: z.number().int().positive(),
  score: z.number(),
});
export type ChannelHit = z.infer<typeof ChannelHitSchema>;

export const RetrieveHitSchema = z.object({
  chunkId: z.number().int(),
  label: z.string(),
  doc: z.string(),
  article: z.number().int().nullable(),
  articleLabel: z.string().nullable(),
  path: z.array(z.string()),
  effective: z.string().nullable(),
  /** Fused reciprocal-rank score (higher is better). */
  score: z.number(),
  /** Which channel(s) found this hit, with their own rank and raw score. */
  channels: z.array(ChannelHitSchema),
  text: z.string(),
});
export type RetrieveHit = z.infer<typeof RetrieveHitSchema>;

export const RetrieveResultSchema = z.object({
  query: z.string(),
  hits: z.array(RetrieveHitSchema),
});
export type RetrieveResult = z.infer<typeof RetrieveResultSchema>;

export const IngestSummarySchema = z.object({
  store: z.string(),
  documents: z.number().int().nonnegative(),
  articles: z.number().int().nonnegative(),
  unchanged: z.number().int().nonnegative(),
  replaced: z.number().int().nonnegative(),
  /** Documents removed by `--prune` because their file is gone from the ingested folders. */
  removed: z.number().int().nonnegative().default(0),
  skipped: z.array(z.object({ path: z.string(), reason: z.string() })),
  seconds: z.number().nonnegative(),
});
export type IngestSummary = z.infer<typeof IngestSummarySchema>;
