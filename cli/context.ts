import type { Command } from 'commander';
import type { AgentSpec } from '../src/runtime/agent-spec.js';
import type { Config } from '../src/runtime/config.js';
import type { Identity } from '../src/runtime/identity.js';
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

/** The config file in effect: --config, FINAGENT_CONFIG, or ./finagent.config.json. */
export function configFile(opts: GlobalOptions): string {
  return opts.config ?? process.env.FINAGENT_CONFIG ?? 'finagent.config.json';
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

/**
 * Every assistant this installation serves: the built-ins (or only `only`, when it names built-ins)
 * plus the modules the configuration lists. Plug-in modules load only when asked for by name or
 * when no subset is given, so `chat dealing` never imports someone's broken KYC module.
 */
export async function configuredAgents(config: Config, opts: GlobalOptions, only?: string[]): Promise<AgentSpec[]> {
  const { BUILTIN_AGENT_LOADERS, loadAgents, loadAgentModules, configBaseDir } = await import('../src/agents/registry.js');
  const builtins = only ? only.filter((n) => BUILTIN_AGENT_LOADERS[n]) : Object.keys(BUILTIN_AGENT_LOADERS);
  const needPlugins = !only || only.some((n) => !BUILTIN_AGENT_LOADERS[n]);
  const plugins = needPlugins && config.agents.length ? await loadAgentModules(config.agents, configBaseDir(configFile(opts))) : [];
  const specs = [...(await loadAgents(builtins)), ...plugins.filter((p) => !only || only.includes(p.name))];
  return specs;
}

/** Opens the runtime with the effective configuration; `agents` limits which assistants load. */
export async function openRuntime(
  opts: GlobalOptions,
  agents?: string[],
  settings?: Record<string, Record<string, unknown>>,
): Promise<{ rt: Runtime; config: Config; user: string }> {
  const config = await effectiveConfig(opts);
  const [{ createRuntime }, { defaultHome }] = await Promise.all([import('../src/runtime/runtime.js'), import('../src/runtime/paths.js')]);
  const specs = await configuredAgents(config, opts, agents);
  const rt = await createRuntime({ config, home: config.home ?? defaultHome(), agents: specs, ...(settings ? { settings } : {}) });
  return { rt, config, user: config.user ?? '' };
}

/**
 * Who acts on this command. With `FINAGENT_TOKEN` the identity is proven by the token (a `--user`
 * that names someone else is refused); otherwise the named user acts locally, trusted only for what
 * the owner of this machine's files could do anyway.
 */
export async function cliIdentity(rt: Runtime, named: string, fallback: string | undefined): Promise<Identity> {
  const token = process.env.FINAGENT_TOKEN;
  if (token) {
    const [{ authenticate }, { jwtVerifier }] = await Promise.all([import('../src/auth/authenticate.js'), import('../src/auth/jwt.js')]);
    const identity = await authenticate(rt, token, await jwtVerifier(rt.config.auth.jwt), 'cli');
    if (named && named !== identity.user.id) {
      const { UserInputError } = await import('../src/runtime/errors.js');
      throw new UserInputError(`--user ${named} does not match FINAGENT_TOKEN, which belongs to ${identity.user.id}`);
    }
    return identity;
  }
  const { localIdentity } = await import('../src/runtime/identity.js');
  const { UserInputError } = await import('../src/runtime/errors.js');
  const id = named || fallback;
  if (!id) throw new UserInputError('no user: give --user (or FINAGENT_USER), or sign in with FINAGENT_TOKEN');
  return localIdentity(await rt.user(id));
}

/** The acting user: --user / FINAGENT_USER / config, else the assistant's default. */
export function actingUser(explicit: string, fallback: string): string {
  return explicit || fallback;
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
