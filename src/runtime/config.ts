import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { z } from 'zod';
import { parseInstant } from './clock.js';
import { UserInputError } from './errors.js';
import { parseJsonText, parseWith } from '../util/json-file.js';

export const ProviderNameSchema = z.enum(['offline', 'openai', 'ollama']);
export type ProviderName = z.infer<typeof ProviderNameSchema>;

/** The effective configuration. Precedence: CLI flags > environment > finagent.config.json > defaults. */
export const ConfigSchema = z.object({
  provider: ProviderNameSchema.default('offline'),
  /** Model name for openai/ollama providers (ignored offline). */
  model: z.string().optional(),
  openai: z
    .object({ baseUrl: z.string().default('https://api.openai.com/v1'), apiKey: z.string().optional() })
    .default({ baseUrl: 'https://api.openai.com/v1' }),
  ollama: z.object({ host: z.string().default('http://127.0.0.1:11434') }).default({ host: 'http://127.0.0.1:11434' }),
  home: z.string().optional(),
  user: z.string().optional(),
  /** Pinned clock for this run (ISO 8601 with offset): FINAGENT_NOW or --now. Absent = the system clock. */
  now: z.string().optional(),
  /** Reply language; `auto` follows the user's message. */
  lang: z.enum(['auto', 'zh', 'en']).default('auto'),
  /** Max model calls per turn (the tool loop's stop condition). */
  maxSteps: z.number().int().min(1).max(100).default(12),
  /** Provider request timeout. */
  timeoutMs: z.number().int().min(100).default(60_000),
  /** Retries with backoff for transient provider errors. */
  retries: z.number().int().min(0).max(10).default(2),
  /** A message longer than this is refused in one line (a pasted file is not a chat message). */
  maxMessageChars: z.number().int().min(100).max(200_000).default(4000),
  /** Users file (JSON, `{ users: [...] }`); default the bundled `data/users.json`. */
  usersFile: z.string().optional(),
  /** Extra assistant modules to load (paths relative to the config file, or package names), each exporting `defineAgent` specs. */
  agents: z.array(z.string().min(1)).default([]),
  /** Storage engine: PostgreSQL when `url` is set (FINAGENT_DATABASE_URL), else SQLite under `home`. */
  database: z.object({ url: z.string().optional() }).default({}),
  /** Authentication for the service and for privileged CLI acts (see docs/server.md). */
  auth: z
    .object({
      /** JWT verification: a JWKS URL or a PEM public key (SPKI), plus the expected issuer/audience. */
      jwt: z
        .object({
          jwksUrl: z.string().url().optional(),
          publicKey: z.string().optional(),
          issuer: z.string().optional(),
          audience: z.string().optional(),
          /** Seconds of clock skew tolerated on exp/nbf. */
          clockToleranceSeconds: z.number().int().min(0).max(600).default(30),
          /** Claim holding the user id (default `sub`). */
          userClaim: z.string().default('sub'),
        })
        .optional(),
      /** Requests per minute per token before 429 (0 = no limit). */
      rateLimitPerMinute: z.number().int().min(0).default(120),
    })
    .default({ rateLimitPerMinute: 120 }),
  /**
   * Audit anchoring: Ed25519 key for signed checkpoints (PEM file path or inline PEM). With a signing
   * key, `finagent serve` writes a checkpoint every `checkpointEveryMinutes` (0 = never) and once on
   * a graceful stop, into `checkpointDir` (default `<home>/checkpoints`).
   */
  audit: z
    .object({
      signingKey: z.string().optional(),
      publicKey: z.string().optional(),
      checkpointEveryMinutes: z.number().min(0).default(60),
      checkpointDir: z.string().optional(),
    })
    .default({ checkpointEveryMinutes: 60 }),
  /** Assistant-specific sections, validated by each assistant. */
  dealing: z.record(z.string(), z.unknown()).default({}),
  analyst: z.record(z.string(), z.unknown()).default({}),
  policy: z.record(z.string(), z.unknown()).default({}),
  embeddings: z.record(z.string(), z.unknown()).default({}),
});
export type Config = z.infer<typeof ConfigSchema>;
export type ConfigInput = z.input<typeof ConfigSchema>;

export interface ConfigSources {
  /** Flags given on the command line (already parsed; undefined = not given). */
  flags?: Partial<Pick<Config, 'provider' | 'model' | 'home' | 'user' | 'lang' | 'maxSteps' | 'now'>>;
  env?: NodeJS.ProcessEnv;
  /** Path of the config file; default `finagent.config.json` in cwd, or FINAGENT_CONFIG. */
  file?: string;
}

function readConfigFile(path: string): Record<string, unknown> {
  if (!existsSync(path)) return {};
  const raw = parseJsonText(readFileSync(path, 'utf8'), `config file ${path}`);
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new UserInputError(`config file ${path} must hold a JSON object`);
  }
  const out = raw as Record<string, unknown>;
  // Paths in the file are relative to the file, not to wherever finagent is started.
  if (typeof out.usersFile === 'string' && !isAbsolute(out.usersFile)) out.usersFile = resolve(dirname(path), out.usersFile);
  return out;
}

function fromEnv(env: NodeJS.ProcessEnv): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (env.FINAGENT_PROVIDER) out.provider = env.FINAGENT_PROVIDER;
  if (env.FINAGENT_MODEL) out.model = env.FINAGENT_MODEL;
  if (env.FINAGENT_HOME) out.home = env.FINAGENT_HOME;
  if (env.FINAGENT_USER) out.user = env.FINAGENT_USER;
  if (env.FINAGENT_LANG) out.lang = env.FINAGENT_LANG;
  if (env.FINAGENT_NOW) out.now = env.FINAGENT_NOW;
  if (env.FINAGENT_DATABASE_URL) out.database = { url: env.FINAGENT_DATABASE_URL };
  if (env.FINAGENT_USERS) out.usersFile = env.FINAGENT_USERS;
  if (env.FINAGENT_MAX_STEPS) out.maxSteps = Number(env.FINAGENT_MAX_STEPS);
  if (env.FINAGENT_TIMEOUT_MS) out.timeoutMs = Number(env.FINAGENT_TIMEOUT_MS);
  const openai: Record<string, unknown> = {};
  if (env.OPENAI_BASE_URL) openai.baseUrl = env.OPENAI_BASE_URL;
  if (env.OPENAI_API_KEY) openai.apiKey = env.OPENAI_API_KEY;
  if (Object.keys(openai).length) out.openai = openai;
  if (env.OLLAMA_HOST) out.ollama = { host: normaliseOllamaHost(env.OLLAMA_HOST) };
  return out;
}

/** OLLAMA_HOST may be `host:port` without a scheme (as the ollama CLI accepts). */
function normaliseOllamaHost(host: string): string {
  return /^https?:\/\//.test(host) ? host : `http://${host}`;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Deep merge of plain objects; later layers win; undefined never overrides. */
export function mergeLayers(...layers: Array<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const layer of layers) {
    for (const [key, value] of Object.entries(layer)) {
      if (value === undefined) continue;
      const prev = out[key];
      out[key] = isPlainObject(prev) && isPlainObject(value) ? mergeLayers(prev, value) : value;
    }
  }
  return out;
}

export function loadConfig(sources: ConfigSources = {}): Config {
  const env = sources.env ?? process.env;
  const file = resolve(sources.file ?? env.FINAGENT_CONFIG ?? 'finagent.config.json');
  const merged = mergeLayers(readConfigFile(file), fromEnv(env), (sources.flags ?? {}) as Record<string, unknown>);
  const config = parseWith(ConfigSchema, merged, 'invalid configuration');
  if (config.now !== undefined) parseInstant(config.now, 'now (FINAGENT_NOW / --now)');
  return config;
}

/** The configuration with secrets replaced, for `finagent config`. */
export function redactConfig(config: Config): Config {
  const key = config.openai.apiKey;
  const url = config.database.url;
  return {
    ...config,
    database: { ...config.database, ...(url ? { url: url.replace(/(\/\/[^:/@]+:)[^@]*@/, '$1***@') } : {}) },
    audit: { ...config.audit, ...(config.audit.signingKey ? { signingKey: /BEGIN/.test(config.audit.signingKey) ? '(redacted)' : config.audit.signingKey } : {}) },
    openai: { ...config.openai, apiKey: key ? `${key.slice(0, 3)}…(redacted)` : undefined },
    embeddings: Object.fromEntries(
      Object.entries(config.embeddings).map(([k, v]) => [k, /key|secret|token/i.test(k) ? '(redacted)' : v]),
    ),
  };
}
