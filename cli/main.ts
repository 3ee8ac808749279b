import { createRequire } from 'node:module';
import { EXIT_USAGE } from './exit.js';
import { register as registerAdmin } from './commands/admin.js';
import { register as registerAgents } from './commands/agents.js';
import { register as registerAudit } from './commands/audit.js';
import { register as registerChat } from './commands/chat.js';
import { register as registerConfig } from './commands/config.js';
import { register as registerMcp } from './commands/mcp.js';
import { register as registerServe } from './commands/serve.js';
import { registerDomainCommands } from './commands/domain.js';

// Only commander and the command declarations load at start-up: every action imports its runtime
// lazily, so `finagent --help` stays fast (no LangChain import). commander is CommonJS: `require`
// loads it directly, without the ESM wrapper's export scan of its sources (~10 ms of every start).
const { Command, CommanderError } = createRequire(import.meta.url)('commander') as typeof import('commander');
const program = new Command();
program
  .name('finagent')
  .description('Enterprise financial assistants (dealing, statement analyst, policy lookup) — offline by default, any OpenAI-compatible server or Ollama by configuration.')
  .version('0.1.0')
  .option('--home <dir>', 'data folder for threads, audit, RFQs and stores (FINAGENT_HOME, default ./.finagent)')
  .option('-u, --user <id>', 'acting user from data/users.json (FINAGENT_USER)')
  .option('--provider <name>', 'offline | openai | ollama (FINAGENT_PROVIDER)')
  .option('--model <name>', 'model name for openai/ollama (FINAGENT_MODEL)')
  .option('--lang <lang>', 'reply language: auto | zh | en')
  .option('--now <instant>', 'pin the clock for this run, ISO 8601 with offset, e.g. 2025-12-26T10:00:00+08:00 (FINAGENT_NOW)')
  .option('--config <file>', 'configuration file (default ./finagent.config.json)')
  .showHelpAfterError('(run finagent --help for usage)')
  .exitOverride();

registerChat(program);
registerDomainCommands(program);
registerAudit(program);
registerConfig(program);
registerAgents(program);
registerAdmin(program);
registerServe(program);
registerMcp(program);

try {
  await program.parseAsync(process.argv);
} catch (e) {
  if (e instanceof CommanderError) {
    // --help and --version exit 0; every other parse error is bad usage.
    process.exitCode = e.exitCode === 0 ? 0 : EXIT_USAGE;
  } else {
    throw e;
  }
}
