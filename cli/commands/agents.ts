import type { Command } from 'commander';
import { run } from '../exit.js';
import { configuredAgents, effectiveConfig, globals, printJson } from '../context.js';

export function register(program: Command): void {
  program
    .command('agents')
    .description('list the registered assistants, their roles and tools')
    .option('--json', 'machine-readable output')
    .action((opts: { json?: boolean }, cmd: Command) =>
      run(async () => {
        const g = globals(cmd);
        const specs = await configuredAgents(await effectiveConfig(g), g);
        const agents = specs.map((a) => ({
          name: a.name,
          title: a.title,
          description: a.description,
          roles: [...a.roles],
          defaultUser: a.defaultUser ?? null,
          tools: a.tools.map((t) => ({ name: t.name, description: t.description, roles: t.roles ? [...t.roles] : [...a.roles] })),
        }));
        if (opts.json) return printJson({ agents });
        for (const a of agents) {
          process.stdout.write(`${a.name} — ${a.title}\n  ${a.description}\n  roles: ${a.roles.join(', ')}\n  tools:\n`);
          for (const t of a.tools) process.stdout.write(`    ${t.name}${t.roles.length < a.roles.length ? ` [${t.roles.join(', ')}]` : ''}: ${t.description}\n`);
        }
      }),
    );
}
