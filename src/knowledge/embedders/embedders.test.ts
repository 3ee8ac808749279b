import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProviderError, UserInputError } from '../../runtime/errors.js';
import { createEmbedder } from './create.js';

const dot = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * (b[i] ?? 0), 0);

describe('hashed embedder', () => {
  it('is deterministic, normalised and puts similar texts closer', async () => {
    const e = createEmbedder();
    const [a, b, c, a2] = await e.embed(['关系人发放信用贷款', '向关系人发放信用贷款的限制', 'KYC records retention', '关系人发放信用贷款']);
    expect(a?.length).toBe(e.dim);
    expect(dot(a ?? [], a ?? [])).toBeCloseTo(1, 6);
    expect(a).toEqual(a2);
    expect(dot(a ?? [], b ?? [])).toBeGreaterThan(dot(a ?? [], c ?? []) + 0.3);
  });
});

interface Seen { url: string; body: { model: string; input: string[] }; auth?: string }

describe('HTTP embedders against a scripted local server', () => {
  let server: Server;
  let base = '';
  const seen: Seen[] = [];
  const readBody = (req: IncomingMessage) =>
    new Promise<string>((resolve) => {
      let s = '';
      req.on('data', (d: Buffer) => (s += d.toString()));
      req.on('end', () => resolve(s));
    });

  beforeAll(async () => {
    server = createServer((req, res) => {
      void readBody(req).then((raw) => {
        const body = JSON.parse(raw) as Seen['body'];
        seen.push({ url: req.url ?? '', body, auth: req.headers.authorization });
        const vec = (t: string) => [t.length, 1, 0];
        res.setHeader('content-type', 'application/json');
        if (req.url === '/v1/embeddings') {
          // In request order, as the OpenAI API returns them (the LangChain client relies on it).
          const data = body.input.map((t, index) => ({ object: 'embedding', index, embedding: vec(t) }));
          res.end(JSON.stringify({ object: 'list', data, model: body.model, usage: { prompt_tokens: 1, total_tokens: 1 } }));
        } else if (req.url === '/api/embed') {
          res.end(JSON.stringify({ model: body.model, embeddings: body.input.map(vec) }));
        } else {
          res.statusCode = 404;
          res.end('{"error":"not found"}');
        }
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('speaks the OpenAI /v1/embeddings wire format, batching and keeping order', async () => {
    const e = createEmbedder({ provider: 'openai', model: 'emb-small', baseUrl: `${base}/v1`, apiKey: 'k1', batchSize: 2 });
    const v = await e.embed(['a', 'bbb', 'cc']);
    expect(e.name).toBe('openai:emb-small');
    expect(e.dim).toBe(3);
    expect(v.map((x) => Math.round((x[0] ?? 0) / (x[1] ?? 1)))).toEqual([1, 3, 2]);
    const calls = seen.filter((s) => s.url === '/v1/embeddings');
    expect(calls.map((c) => c.body.input)).toEqual([['a', 'bbb'], ['cc']]);
    expect(calls[0]?.auth).toBe('Bearer k1');
  });

  it('speaks the Ollama /api/embed wire format', async () => {
    const e = createEmbedder({ provider: 'ollama', model: 'nomic', baseUrl: base });
    const v = await e.embed(['xy']);
    expect(e.name).toBe('ollama:nomic');
    expect(v[0]?.[0]).toBeCloseTo(2 / Math.sqrt(5), 6);
    expect(seen.at(-1)?.body).toMatchObject({ model: 'nomic', input: ['xy'] });
  });

  it('reports HTTP errors and unreachable servers as ProviderError', async () => {
    const bad = createEmbedder({ provider: 'ollama', model: 'm', baseUrl: `${base}/nope` });
    await expect(bad.embed(['x'])).rejects.toThrow(/HTTP 404/);
    const down = createEmbedder({ provider: 'openai', model: 'm', baseUrl: 'http://127.0.0.1:9', timeoutMs: 2000 });
    await expect(down.embed(['x'])).rejects.toBeInstanceOf(ProviderError);
  });

  it('rejects a remote provider without a model', () => {
    expect(() => createEmbedder({ provider: 'openai' })).toThrow(UserInputError);
  });
});
