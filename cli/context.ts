import type { Command } from 'commander';
import type { Config } from '../src/runtime/config.js';
import type { Runtime } from '../src/runtime/runtime.js';

export interface GlobalOptions {
  home?: string;
  user?: string;
  provider?: string;
  model?: string;
  config?: string;
  lang?: string;
  now?: string;
}

/** Global options from the root command (they may be given before or after the sub-command). */
export function globals(cmd: Command): GlobalOptions {
  return cmd.optsWithGlobals<GlobalOptions>();
}

export async function effectiveConfig(opts: GlobalOptions): Promise<Config> {
  const { loadConfig } = await import('../src/runtime/config.js');
  const flags: Record<string, unknown> = {};
  if (opts.provider) flags.provider = opts.provider;
  if (opts.model) flags.model = opts.model;
  if (opts.home) flags.home = opts.home;
  if (opts.user) flags.user = opts.user;
  if (opts.lang) flags.lang = opts.lang;
  if (opts.now) flags.now = opts.now;
  return loadConfig({ flags: flags as never, ...(opts.config ? { file: opts.config } : {}) });
}

/** Opens the runtime with the effective configuration; `agents` limits which assistants load. */
export async function openRuntime(
  opts: GlobalOptions,
  agents?: string[],
  settings?: Record<string, Record<string, unknown>>,
): Promise<{ rt: Runtime; config: Config; user: string }> {
  const config = await effectiveConfig(opts);
  const [{ createRuntime }, { loadAgents }, { defaultHome }] = await Promise.all([
    import('../src/runtime/runtime.js'),
    import('../src/agents/registry.js'),
    import('../src/runtime/paths.js'),
  ]);
  const rt = await createRuntime({ config, home: config.home ?? defaultHome(), agents: await loadAgents(agents), ...(settings ? { settings } : {}) });
  return { rt, config, user: config.user ?? '' };
}

/** The acting user: --user / FINAGENT_USER / config, else the assistant's default. */
export function actingUser(explicit: string, fallback: string): string {
  return explicit || fallback;
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
