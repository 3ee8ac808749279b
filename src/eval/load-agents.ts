import { BUILTIN_AGENT_LOADERS } from '../agents/registry.js';
import type { AgentSpec } from '../runtime/agent-spec.js';

/**
 * Loads the registered assistants the selected cases need. An assistant that cannot be loaded
 * (not written yet, broken import) is reported, and its cases are skipped rather than crashing
 * the whole evaluation.
 */
export async function loadNeededAgents(names: readonly string[], extra: readonly AgentSpec[] = []): Promise<{ agents: AgentSpec[]; unavailable: Map<string, string> }> {
  const agents: AgentSpec[] = [];
  const unavailable = new Map<string, string>();
  for (const name of [...new Set(names)]) {
    const plugin = extra.find((a) => a.name === name);
    if (plugin) {
      agents.push(plugin);
      continue;
    }
    const loader = BUILTIN_AGENT_LOADERS[name];
    if (!loader) {
      unavailable.set(name, 'not registered');
      continue;
    }
    try {
      agents.push(await loader());
    } catch (e) {
      unavailable.set(name, e instanceof Error ? e.message.split('\n')[0] ?? 'failed to load' : String(e));
    }
  }
  return { agents, unavailable };
}
