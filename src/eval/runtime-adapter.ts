import { loadConfig } from '../runtime/config.js';
import { ToolRefusal } from '../runtime/errors.js';
import { harnessIdentity } from '../runtime/identity.js';
import { createRuntime, type TurnRequest } from '../runtime/runtime.js';
import type { RuntimeFactory } from './runtime-port.js';

/**
 * The eval port over the real runtime (src/runtime/runtime.ts): same LangChain loop, entitlements
 * and audit as `finagent chat`. Configuration comes from file/env like the CLI; the eval's own
 * `provider` and temporary `home` win.
 */
export const realRuntime: RuntimeFactory = async (opts) => {
  const config = loadConfig({
    flags: { home: opts.home, ...(opts.provider ? { provider: opts.provider as 'offline' | 'openai' | 'ollama' } : {}) },
  });
  const settings: Record<string, Record<string, unknown>> = {};
  for (const [k, v] of Object.entries(opts.settings ?? {})) {
    if (typeof v === 'object' && v !== null) settings[k] = v as Record<string, unknown>;
  }
  const rt = await createRuntime({ home: opts.home, config, ...(opts.agents ? { agents: opts.agents } : {}), now: opts.now, settings });
  // The harness plays the suite's users and vouches for them (approvals need a proven identity).
  const who = async (user: TurnRequest['user']) => (typeof user === 'string' ? harnessIdentity(await rt.user(user)) : user);
  return {
    runTurn: async (req) => rt.runTurn({ ...req, user: await who(req.user) }),
    // The runtime reports a tool's refusal in the record; the port rejects so the case records it.
    runTool: async (req) => {
      const rec = await rt.runTool({ ...req, user: await who(req.user) });
      if (rec.error !== undefined) throw new ToolRefusal(rec.error);
      return rec.result;
    },
    close: () => rt.close(),
  };
};
