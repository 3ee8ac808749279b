/**
 * `finagent/testing`: what an application needs to test its own assistants deterministically — a
 * scripted chat model, an in-memory runtime with a pinned clock, identities vouched for by the test,
 * and scripted OpenAI-/Ollama-compatible servers that speak the real wire protocol.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AgentSpec } from '../runtime/agent-spec.js';
import { pinnedClock, type Clock } from '../runtime/clock.js';
import type { ConfigInput } from '../runtime/config.js';
import { harnessIdentity } from '../runtime/identity.js';
import { createRuntime, type ModelProvider, type Runtime } from '../runtime/runtime.js';
import type { TurnResult } from '../runtime/turn-result.js';
import type { User } from '../runtime/users.js';
import { openSqliteStorage } from '../storage/sqlite/storage.js';

export { ScriptedChatModel, type ScriptedStep } from './scripted-model.js';
export { startOllamaServer, startOpenAIServer, type ScriptedServer } from '../runtime/testing/scripted-servers.js';
export { OfflineChatModel } from '../runtime/offline-model.js';
export { harnessIdentity } from '../runtime/identity.js';
export { pinnedClock } from '../runtime/clock.js';

export interface TestRuntimeOptions {
  agents: AgentSpec[];
  /** Users of the test (default: the bundled directory). */
  users?: User[];
  /** Start of the clock (ISO with offset, default the bundled market data's day, 2025-12-26 10:00 Shanghai). */
  now?: string | Clock;
  config?: ConfigInput;
  settings?: Record<string, Record<string, unknown>>;
  /** A chat model instead of the offline planners. */
  model?: ModelProvider;
}

export interface TestRuntime {
  rt: Runtime;
  /** One turn as `userId` (vouched for by the test, so approvals work). */
  turn(agent: string, userId: string, message: string, thread?: string): Promise<TurnResult>;
  close(): Promise<void>;
}

/** A runtime over in-memory SQLite, with a pinned clock and a throw-away home folder. */
export async function testRuntime(opts: TestRuntimeOptions): Promise<TestRuntime> {
  const home = mkdtempSync(join(tmpdir(), 'finagent-test-'));
  const storage = await openSqliteStorage({ file: ':memory:' });
  const now = typeof opts.now === 'function' ? opts.now : pinnedClock(opts.now ?? '2025-12-26T10:00:00+08:00');
  const rt = await createRuntime({
    home,
    storage,
    agents: opts.agents,
    now,
    config: { provider: 'offline', ...(opts.config ?? {}) },
    ...(opts.users ? { users: opts.users } : {}),
    ...(opts.settings ? { settings: opts.settings } : {}),
    ...(opts.model ? { model: opts.model } : {}),
  });
  return {
    rt,
    async turn(agent, userId, message, thread = `${agent}-${userId}`) {
      return rt.runTurn({ agent, message, thread, user: harnessIdentity(await rt.user(userId)) });
    },
    close: () => rt.close(),
  };
}
