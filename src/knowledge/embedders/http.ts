/**
 * Remote embedders over real HTTP (fetch): OpenAI-compatible `/v1/embeddings` and Ollama `/api/embed`.
 * Responses are validated; vectors are L2-normalised so cosine/inner product agree across providers.
 */
import { z } from 'zod';
import { ProviderError } from '../../runtime/errors.js';
import { l2normalize, type Embedder } from './types.js';

const OpenAIResponse = z.object({
  data: z.array(z.object({ embedding: z.array(z.number()), index: z.number().int() })),
});
const OllamaResponse = z.object({ embeddings: z.array(z.array(z.number())) });

interface HttpOptions {
  model: string;
  baseUrl: string;
  apiKey?: string;
  dim?: number;
  batchSize: number;
  timeoutMs: number;
}

async function postJson(url: string, body: unknown, headers: Record<string, string>, timeoutMs: number): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (e) {
    throw new ProviderError(`embedding request to ${url} failed: ${(e as Error).message}`, url);
  }
  const text = await res.text();
  if (!res.ok) throw new ProviderError(`embedding request to ${url} returned HTTP ${res.status}: ${text.slice(0, 200)}`, url);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ProviderError(`embedding response from ${url} is not JSON: ${text.slice(0, 200)}`, url);
  }
}

function makeEmbedder(
  name: string,
  opts: HttpOptions,
  call: (batch: string[]) => Promise<number[][]>,
): Embedder {
  let dim = opts.dim ?? 0;
  return {
    name,
    get dim() {
      return dim;
    },
    async embed(texts) {
      const out: number[][] = [];
      for (let i = 0; i < texts.length; i += opts.batchSize) {
        const batch = texts.slice(i, i + opts.batchSize);
        const vecs = await call(batch);
        if (vecs.length !== batch.length) {
          throw new ProviderError(`${name} returned ${vecs.length} vectors for ${batch.length} texts`, opts.baseUrl);
        }
        for (const v of vecs) {
          if (dim === 0) dim = v.length;
          if (v.length !== dim) throw new ProviderError(`${name} returned a ${v.length}-dimensional vector, expected ${dim}`, opts.baseUrl);
          out.push(l2normalize(v));
        }
      }
      return out;
    },
  };
}

/** `baseUrl` may be the server root or already end in /v1 (OpenAI SDK convention). */
export function createOpenAIEmbedder(opts: HttpOptions): Embedder {
  const root = opts.baseUrl.replace(/\/+$/, '');
  const url = /\/v1$/.test(root) ? `${root}/embeddings` : `${root}/v1/embeddings`;
  const headers: Record<string, string> = opts.apiKey ? { authorization: `Bearer ${opts.apiKey}` } : {};
  return makeEmbedder(`openai:${opts.model}`, opts, async (batch) => {
    const raw = await postJson(url, { model: opts.model, input: batch }, headers, opts.timeoutMs);
    const parsed = OpenAIResponse.safeParse(raw);
    if (!parsed.success) throw new ProviderError(`unexpected embeddings response from ${url}: ${parsed.error.message}`, url);
    return [...parsed.data.data].sort((a, b) => a.index - b.index).map((d) => d.embedding);
  });
}

export function createOllamaEmbedder(opts: HttpOptions): Embedder {
  const url = `${opts.baseUrl.replace(/\/+$/, '')}/api/embed`;
  return makeEmbedder(`ollama:${opts.model}`, opts, async (batch) => {
    const raw = await postJson(url, { model: opts.model, input: batch }, {}, opts.timeoutMs);
    const parsed = OllamaResponse.safeParse(raw);
    if (!parsed.success) throw new ProviderError(`unexpected embeddings response from ${url}: ${parsed.error.message}`, url);
    return parsed.data.embeddings;
  });
}
