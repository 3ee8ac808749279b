/**
 * Remote embedders through LangChain's own clients: `OpenAIEmbeddings` (any OpenAI-compatible
 * `/v1/embeddings`) and `OllamaEmbeddings` (`/api/embed`). Vectors are checked for a stable dimension
 * and L2-normalised so cosine and inner product agree across providers.
 */
import { ProviderError } from '../../runtime/errors.js';
import { l2normalize, type Embedder } from './types.js';

interface HttpOptions {
  model: string;
  baseUrl: string;
  apiKey?: string;
  dim?: number;
  batchSize: number;
  timeoutMs: number;
}

/** One clear provider error from whatever the LangChain client threw (HTTP status when there is one). */
function providerError(url: string, e: unknown): ProviderError {
  const err = e as { status?: unknown; status_code?: unknown; message?: unknown; cause?: unknown };
  const status = typeof err.status === 'number' ? err.status : typeof err.status_code === 'number' ? err.status_code : undefined;
  const message = typeof err.message === 'string' ? err.message : String(e);
  return new ProviderError(`embedding request to ${url} failed${status ? `: HTTP ${status}` : ''}: ${message.slice(0, 200)}`, url);
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

/**
 * OpenAI-compatible `/v1/embeddings` through LangChain's `OpenAIEmbeddings` (imported lazily: offline
 * runs never load the client). `baseUrl` may be the server root or already end in /v1.
 */
export function createOpenAIEmbedder(opts: HttpOptions): Embedder {
  const root = opts.baseUrl.replace(/\/+$/, '');
  const baseURL = /\/v1$/.test(root) ? root : `${root}/v1`;
  const url = `${baseURL}/embeddings`;
  let client: Promise<{ embedDocuments(texts: string[]): Promise<number[][]> }> | undefined;
  const get = () =>
    (client ??= import('@langchain/openai').then(
      ({ OpenAIEmbeddings }) =>
        new OpenAIEmbeddings({
          model: opts.model,
          apiKey: opts.apiKey ?? 'not-needed',
          batchSize: opts.batchSize,
          timeout: opts.timeoutMs,
          maxRetries: 0,
          encodingFormat: 'float',
          configuration: { baseURL },
        }),
    ));
  return makeEmbedder(`openai:${opts.model}`, opts, async (batch) => {
    try {
      return await (await get()).embedDocuments(batch);
    } catch (e) {
      throw providerError(url, e);
    }
  });
}

/** Ollama `/api/embed` through LangChain's `OllamaEmbeddings`, with the request timeout applied. */
export function createOllamaEmbedder(opts: HttpOptions): Embedder {
  const baseUrl = opts.baseUrl.replace(/\/+$/, '');
  const url = `${baseUrl}/api/embed`;
  let client: Promise<{ embedDocuments(texts: string[]): Promise<number[][]> }> | undefined;
  const timedFetch: typeof fetch = (input, init) => fetch(input, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, AbortSignal.timeout(opts.timeoutMs)]) : AbortSignal.timeout(opts.timeoutMs) });
  const get = () => (client ??= import('@langchain/ollama').then(({ OllamaEmbeddings }) => new OllamaEmbeddings({ model: opts.model, baseUrl, fetch: timedFetch, maxRetries: 0 })));
  return makeEmbedder(`ollama:${opts.model}`, opts, async (batch) => {
    try {
      return await (await get()).embedDocuments(batch);
    } catch (e) {
      throw providerError(url, e);
    }
  });
}
