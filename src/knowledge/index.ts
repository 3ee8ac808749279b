/** Knowledge store: statute-aware ingest, SQLite + FTS5 + hnswlib store, hybrid retrieval. */
export { cnToInt, intToCn } from './cn-numerals.js';
export { chunkDocument, findDate, sha256, type ChunkOptions, type SourceText } from './chunker.js';
export { htmlToText } from './html-text.js';
export { listFiles, readSource, type ReadResult } from './readers.js';
export { cleanQuery, expansionTerms } from './expand.js';
export { projectQuery, searchLsa, trainLsa, type LsaModel, type LsaOptions } from './lsa.js';
export { cjkBigrams, gramTokens, latinWords, stem, wordTokens } from './tokens.js';
export { createEmbedder } from './embedders/create.js';
export { createHashedEmbedder } from './embedders/hashed.js';
export { createOllamaEmbedder, createOpenAIEmbedder } from './embedders/http.js';
export { EmbedderConfigSchema, type Embedder, type EmbedderConfig } from './embedders/types.js';
export { KnowledgeStore, openStore, storePaths, type OpenStoreOptions } from './store.js';
export { embeddingText, ingestInto, runIngest, type IngestOptions, type IngestProgress } from './ingest.js';
export {
  allowedDocs,
  fuse,
  normaliseTitle,
  retrieve,
  retrieveBatch,
  runRetrieve,
  runRetrieveBatch,
  RRF_K,
  type RetrieveOptions,
  type RunRetrieveOptions,
} from './retrieve.js';
export {
  ChunkSchema,
  IngestSummarySchema,
  ParsedDocumentSchema,
  RetrieveHitSchema,
  RetrieveResultSchema,
  type Chunk,
  type IngestSummary,
  type ParsedDocument,
  type RetrieveHit,
  type RetrieveResult,
} from './schemas.js';
