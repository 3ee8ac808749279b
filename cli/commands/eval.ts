import type { Command } from 'commander';
import { configuredAgents, effectiveConfig, globals } from '../context.js';
import { run } from '../exit.js';

interface EvalFlags {
  agent?: string;
  repeat?: string;
  concurrency?: string;
  json?: string | boolean;
  report?: string;
  junit?: string;
  baseline?: string;
  gate?: string;
  manifest?: string;
  judge?: boolean;
  sample?: string;
}

export function register(program: Command): void {
  program
    .command('eval')
    .description('score the assistants on the versioned suites in data/eval (exit 1 when a gate fails)')
    .argument('[suites...]', 'suite names from data/eval/suites.json (default: all)')
    .option('--agent <name>', 'only suites of this assistant')
    .option('--repeat <n>', 'runs per case, for pass^k and flakiness', '1')
    .option('--concurrency <n>', 'cases run at once', '4')
    .option('--json [file]', 'write every metric and case result as JSON (to stdout without a file)')
    .option('--report <file>', 'self-contained HTML report')
    .option('--junit <file>', 'JUnit XML for CI systems')
    .option('--baseline <file>', 'a previous --json report: deltas and regression gates')
    .option('--gate <file>', 'thresholds (e.g. data/eval/gate.json)')
    .option('--manifest <file>', 'suite manifest (default data/eval/suites.json)')
    .option('--judge', 'grade policy answers with an LLM judge (needs a non-offline provider)')
    .option('--sample <n>', 'quick check: every n-th case of each suite (no --gate)')
    .action((suites: string[], opts: EvalFlags, cmd: Command) =>
      run(async () => {
        const g = globals(cmd);
        const { evalCommand } = await import('../../src/eval/eval-command.js');
        // Plug-in assistants named in the config are evaluated like the built-ins.
        const config = await effectiveConfig(g);
        const { BUILTIN_AGENT_LOADERS } = await import('../../src/agents/registry.js');
        const extraAgents = config.agents.length ? (await configuredAgents(config, g)).filter((a) => !BUILTIN_AGENT_LOADERS[a.name]) : [];
        return evalCommand({ ...opts, suites, ...(g.provider ? { provider: g.provider } : {}), ...(g.home ? { home: g.home } : {}) }, { extraAgents });
      }),
    );
}
