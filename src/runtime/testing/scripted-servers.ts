import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What a scripted server answers to the n-th request (0-based), given the parsed request body. */
export type ScriptStep = (body: Record<string, unknown>, n: number) => Record<string, unknown>;

export interface ScriptedServer {
  url: string;
  requests: Array<{ path: string; body: Record<string, unknown> }>;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

function listen(handler: (req: IncomingMessage, res: ServerResponse) => Promise<void>): Promise<Server> {
  const server = createServer((req, res) => {
    handler(req, res).catch((e: unknown) => {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: String(e) }));
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

function closer(server: Server): () => Promise<void> {
  return () => new Promise((resolve) => server.close(() => resolve()));
}

/**
 * An OpenAI-compatible `/v1/chat/completions` server on 127.0.0.1 speaking the real wire format.
 * Each completion gets a unique `id` (LangGraph would otherwise overwrite the turn).
 */
export async function startOpenAIServer(script: Array<{ content?: string; toolCalls?: Array<{ name: string; arguments: string }> }>): Promise<ScriptedServer> {
  const requests: ScriptedServer['requests'] = [];
  let n = 0;
  const server = await listen(async (req, res) => {
    const body = await readBody(req);
    requests.push({ path: req.url ?? '', body });
    if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: 'not found', type: 'invalid_request_error' } }));
      return;
    }
    const step = script[Math.min(n, script.length - 1)] ?? { content: '' };
    const id = `chatcmpl-${++n}-${Date.now()}`;
    const toolCalls = step.toolCalls?.map((c, i) => ({ id: `call_${n}_${i}`, type: 'function', function: { name: c.name, arguments: c.arguments } }));
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        id,
        object: 'chat.completion',
        created: Math.floor(Date.now() / 1000),
        model: String(body.model ?? 'scripted'),
        choices: [
          {
            index: 0,
            message: { role: 'assistant', content: step.content ?? null, ...(toolCalls ? { tool_calls: toolCalls } : {}) },
            finish_reason: toolCalls ? 'tool_calls' : 'stop',
          },
        ],
        usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
      }),
    );
  });
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/v1`, requests, close: closer(server) };
}

/** An Ollama `/api/chat` server on 127.0.0.1 (NDJSON streaming or a single JSON object). */
export async function startOllamaServer(script: Array<{ content?: string; toolCalls?: Array<{ name: string; arguments: Record<string, unknown> }> }>): Promise<ScriptedServer> {
  const requests: ScriptedServer['requests'] = [];
  let n = 0;
  const server = await listen(async (req, res) => {
    const body = await readBody(req);
    requests.push({ path: req.url ?? '', body });
    if (req.url !== '/api/chat') {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'not found' }));
      return;
    }
    const step = script[Math.min(n++, script.length - 1)] ?? { content: '' };
    const model = String(body.model ?? 'scripted');
    const created_at = new Date().toISOString();
    const message = {
      role: 'assistant',
      content: step.content ?? '',
      ...(step.toolCalls ? { tool_calls: step.toolCalls.map((c) => ({ function: { name: c.name, arguments: c.arguments } })) } : {}),
    };
    const final = { model, created_at, message: { role: 'assistant', content: '' }, done: true, done_reason: 'stop', total_duration: 1000, prompt_eval_count: 10, eval_count: 5 };
    if (body.stream === false) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ...final, message }));
      return;
    }
    res.writeHead(200, { 'content-type': 'application/x-ndjson' });
    res.write(`${JSON.stringify({ model, created_at, message, done: false })}\n`);
    res.end(`${JSON.stringify(final)}\n`);
  });
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, requests, close: closer(server) };
}

/** A server on 127.0.0.1 that accepts requests and never answers (for timeout tests). */
export async function startSilentServer(): Promise<ScriptedServer> {
  const requests: ScriptedServer['requests'] = [];
  const open: ServerResponse[] = [];
  const server = await listen(async (req, res) => {
    requests.push({ path: req.url ?? '', body: await readBody(req) });
    open.push(res);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => {
      for (const res of open) res.destroy();
      server.closeAllConnections();
      return closer(server)();
    },
  };
}

/** A port on 127.0.0.1 with nothing listening (for "provider down" tests). */
export async function deadPort(): Promise<number> {
  const server = await listen(async () => {});
  const { port } = server.address() as AddressInfo;
  await closer(server)();
  return port;
}
