import type { AgentSpec } from '../runtime/agent-spec.js';

/**
 * The registered assistants, declared as data. Loaders are lazy so that `--help` and commands that
 * need one assistant do not import the others.
 */
export const AGENT_LOADERS: Record<string, () => Promise<AgentSpec>> = {
  dealing: async () => (await import('./dealing.js')).dealingAgent,
  analyst: async () => (await import('./analyst.js')).analystAgent,
  policy: async () => (await import('./policy.js')).policyAgent,
};

export async function loadAgents(names: string[] = Object.keys(AGENT_LOADERS)): Promise<AgentSpec[]> {
  return Promise.all(names.map((n) => AGENT_LOADERS[n]!()));
}
