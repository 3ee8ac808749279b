import { UserInputError } from '../../runtime/errors.js';
import { createHashedEmbedder } from './hashed.js';
import { createOllamaEmbedder, createOpenAIEmbedder } from './http.js';
import { EmbedderConfigSchema, type Embedder, type EmbedderConfig } from './types.js';

/** Build the embedder named by configuration; the offline hashed one by default. */
export function createEmbedder(config: EmbedderConfig = {}): Embedder {
  const parsed = EmbedderConfigSchema.safeParse(config);
  if (!parsed.success) throw new UserInputError(`invalid embedder config: ${parsed.error.message}`);
  const c = parsed.data;
  if (c.provider === 'hashed') return createHashedEmbedder(c.dim ?? 256);
  if (!c.model) throw new UserInputError(`embedder provider "${c.provider}" needs a model name (embedder.model)`);
  const common = { model: c.model, apiKey: c.apiKey, dim: c.dim, batchSize: c.batchSize, timeoutMs: c.timeoutMs };
  if (c.provider === 'openai') return createOpenAIEmbedder({ ...common, baseUrl: c.baseUrl ?? 'https://api.openai.com/v1' });
  return createOllamaEmbedder({ ...common, baseUrl: c.baseUrl ?? 'http://127.0.0.1:11434' });
}
