import { existsSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AgentSpec } from '../runtime/agent-spec.js';
import { UserInputError } from '../runtime/errors.js';

/**
 * The built-in assistants. Loaders are lazy so that `--help` and commands that need one assistant do
 * not import the others. Applications add their own through `createRuntime({ agents })` or the
 * config's `agents` list of modules.
 */
export const BUILTIN_AGENT_LOADERS: Record<string, () => Promise<AgentSpec>> = {
  dealing: async () => (await import('./dealing.js')).dealingAgent,
  analyst: async () => (await import('./analyst.js')).analystAgent,
  policy: async () => (await import('./policy.js')).policyAgent,
};

/** @deprecated kept for callers of the first release: the built-in loaders. */
export const AGENT_LOADERS = BUILTIN_AGENT_LOADERS;

export async function loadAgents(names: string[] = Object.keys(BUILTIN_AGENT_LOADERS)): Promise<AgentSpec[]> {
  return Promise.all(names.filter((n) => BUILTIN_AGENT_LOADERS[n]).map((n) => BUILTIN_AGENT_LOADERS[n]!()));
}

function isAgentSpec(v: unknown): v is AgentSpec {
  if (typeof v !== 'object' || v === null) return false;
  const s = v as Partial<AgentSpec>;
  return typeof s.name === 'string' && Array.isArray(s.roles) && Array.isArray(s.tools) && typeof s.planner === 'function' && typeof s.systemPrompt === 'object';
}

/** Every assistant spec a module exports: its default export, named exports, or arrays of them. */
export function specsOf(mod: Record<string, unknown>): AgentSpec[] {
  const out: AgentSpec[] = [];
  const visit = (v: unknown) => {
    if (isAgentSpec(v)) {
      if (!out.includes(v)) out.push(v);
    } else if (Array.isArray(v)) v.forEach(visit);
  };
  if ('default' in mod) visit(mod.default);
  for (const [k, v] of Object.entries(mod)) if (k !== 'default') visit(v);
  return out;
}

/**
 * Loads the assistant modules a config names (`"agents": ["./my-kyc-agent.js"]`). Relative paths
 * resolve against the config file's folder (or the working directory); bare names are packages.
 */
export async function loadAgentModules(modules: readonly string[], baseDir: string): Promise<AgentSpec[]> {
  const specs: AgentSpec[] = [];
  for (const m of modules) {
    const local = m.startsWith('.') || isAbsolute(m);
    const path = local ? resolve(baseDir, m) : m;
    if (local && !existsSync(path)) throw new UserInputError(`assistant module ${m} not found (looked for ${path})`);
    let mod: Record<string, unknown>;
    try {
      mod = (await import(local ? pathToFileURL(path).href : path)) as Record<string, unknown>;
    } catch (e) {
      throw new UserInputError(`assistant module ${m} failed to load: ${(e as Error).message}`);
    }
    const found = specsOf(mod);
    if (found.length === 0) throw new UserInputError(`assistant module ${m} exports no assistant (export a defineAgent(...) spec)`);
    specs.push(...found);
  }
  return specs;
}

/** Where a config file's relative paths resolve from. */
export function configBaseDir(configFile: string | undefined): string {
  return configFile ? dirname(resolve(configFile)) : process.cwd();
}
