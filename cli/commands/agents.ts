import type { Command } from 'commander';
import { run } from '../exit.js';
import { printJson } from '../context.js';

export function register(program: Command): void {
  program
    .command('agents')
    .description('list the registered assistants, their roles and tools')
    .option('--json', 'machine-readable output')
    .action((opts: { json?: boolean }) =>
      run(async () => {
        const { loadAgents } = await import('../../src/agents/registry.js');
        const agents = (await loadAgents()).map((a) => ({
          name: a.name,
          title: a.title,
          description: a.description,
          roles: [...a.roles],
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
