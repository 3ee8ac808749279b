import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import type { AgentSpec } from './agent-spec.js';
import type { Config } from './config.js';
import { ProviderError, UserInputError } from './errors.js';
import { OfflineChatModel } from './offline-model.js';

/** The URL a provider talks to, for error messages. */
export function providerUrl(config: Config): string | undefined {
  if (config.provider === 'openai') return `${config.openai.baseUrl.replace(/\/$/, '')}/chat/completions`;
  if (config.provider === 'ollama') return `${config.ollama.host.replace(/\/$/, '')}/api/chat`;
  return undefined;
}

/** The Ollama client has no timeout option: abort each request after `ms` (streams included). */
function fetchWithTimeout(ms: number): typeof fetch {
  return (input, init) => {
    const timeout = AbortSignal.timeout(ms);
    const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    return fetch(input, { ...init, signal });
  };
}

/**
 * Builds the chat model for a provider. LLM client libraries are imported lazily: the offline path
 * (and `--help`) never pays for loading them.
 */
export async function createChatModel(config: Config, spec: AgentSpec): Promise<BaseChatModel> {
  switch (config.provider) {
    case 'offline':
      return new OfflineChatModel({ planner: spec.planner, agent: spec.name });
    case 'openai': {
      if (!config.model) throw new UserInputError('provider "openai" needs a model: set FINAGENT_MODEL or --model');
      const { ChatOpenAI } = await import('@langchain/openai');
      return new ChatOpenAI({
        model: config.model,
        apiKey: config.openai.apiKey ?? 'not-needed',
        configuration: { baseURL: config.openai.baseUrl },
        timeout: config.timeoutMs,
        maxRetries: config.retries,
        temperature: 0,
      });
    }
    case 'ollama': {
      if (!config.model) throw new UserInputError('provider "ollama" needs a model: set FINAGENT_MODEL or --model');
      const { ChatOllama } = await import('@langchain/ollama');
      return new ChatOllama({ model: config.model, baseUrl: config.ollama.host, temperature: 0, maxRetries: config.retries, fetch: fetchWithTimeout(config.timeoutMs) });
    }
  }
}

function causeChain(error: unknown): string[] {
  const out: string[] = [];
  let e: unknown = error;
  for (let i = 0; i < 6 && e; i++) {
    if (e instanceof Error) {
      out.push(`${e.name}: ${e.message}`);
      const code = (e as { code?: unknown }).code;
      if (typeof code === 'string') out.push(code);
      e = (e as { cause?: unknown }).cause;
    } else {
      out.push(String(e));
      break;
    }
  }
  return out;
}

/** Turns whatever a provider client threw into one clear line: which URL, what failed, how to go offline. */
export function toProviderError(error: unknown, config: Config): ProviderError {
  const url = providerUrl(config) ?? '(offline)';
  const chain = causeChain(error).join(' | ');
  let what: string;
  if (/ECONNREFUSED|ENOTFOUND|EAI_AGAIN|fetch failed|Connection error|EHOSTUNREACH|ECONNRESET/i.test(chain)) what = 'the server is unreachable';
  else if (/timed? ?out|ETIMEDOUT|AbortError|TimeoutError/i.test(chain)) what = `no answer within ${config.timeoutMs} ms`;
  else if (/malformed tool call|invalid_tool_calls/i.test(chain)) what = 'the model returned malformed tool calls';
  else if (/\b401\b|\b403\b|Unauthorized|api key/i.test(chain)) what = 'the server refused the credentials (check OPENAI_API_KEY)';
  else if (/\b404\b|not found/i.test(chain)) what = `the server does not know model "${config.model}" or the endpoint`;
  else what = (causeChain(error)[0] ?? 'unknown error').slice(0, 200);
  return new ProviderError(
    `provider ${config.provider} at ${url} failed: ${what}. To run without an LLM use --provider offline (or FINAGENT_PROVIDER=offline).`,
    url,
  );
}
