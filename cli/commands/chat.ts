import type { Command } from 'commander';
import { actingUser, globals, openRuntime, printJson } from '../context.js';
import { EXIT_USAGE, reportError, run } from '../exit.js';

/** Who talks to an assistant when no --user is given. */
export const DEFAULT_USERS: Record<string, string> = { dealing: 't.zhang', analyst: 'c.li', policy: 's.chen' };

interface ChatOptions {
  message?: string;
  thread?: string;
  json?: boolean;
}

const HELP = `commands:
  /help          this help
  /reset         start a new thread (the old one stays in the audit trail)
  /thread        show the current thread id
  /json          toggle JSON output of each turn
  /quit          leave (also Ctrl-D)
`;

function renderTurn(result: { reply: string; toolCalls: Array<{ name: string; error?: string }> }, json: boolean): string {
  if (json) return `${JSON.stringify(result, null, 2)}\n`;
  const calls = result.toolCalls.map((c) => `${c.name}${c.error ? ' ✗' : ''}`).join(', ');
  return `${calls ? `  [${calls}]\n` : ''}${result.reply}\n`;
}

export function register(program: Command): void {
  program
    .command('chat')
    .description('talk to an assistant: interactive REPL, or one turn with -m')
    .argument('<agent>', 'assistant name (see `finagent agents`)')
    .option('-m, --message <text>', 'send one message and print the reply')
    .option('-t, --thread <id>', 'conversation thread (continues across invocations)')
    .option('--json', 'machine-readable output: { agent, thread, user, reply, toolCalls, state }')
    .action((agent: string, opts: ChatOptions, cmd: Command) =>
      run(async () => {
        const g = globals(cmd);
        const { AGENT_LOADERS } = await import('../../src/agents/registry.js');
        if (!AGENT_LOADERS[agent]) {
          process.stderr.write(`finagent: unknown assistant "${agent}" (available: ${Object.keys(AGENT_LOADERS).join(', ')})\n`);
          return EXIT_USAGE;
        }
        const { rt, user: configured } = await openRuntime(g, [agent]);
        const user = actingUser(configured, DEFAULT_USERS[agent] ?? 's.chen');
        try {
          if (opts.message !== undefined) {
            const result = await rt.runTurn({ agent, message: opts.message, thread: opts.thread ?? `${agent}-default`, user });
            if (opts.json) printJson(result);
            else process.stdout.write(`${result.reply}\n`);
            return 0;
          }
          return await repl(agent, user, opts.thread ?? `${agent}-${Date.now().toString(36)}`, Boolean(opts.json), rt);
        } finally {
          rt.close();
        }
      }),
    );
}

async function repl(agent: string, user: string, firstThread: string, jsonStart: boolean, rt: import('../../src/runtime/runtime.js').Runtime): Promise<number> {
  const { createInterface } = await import('node:readline');
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY, historySize: 200, prompt: `${agent}> ` });
  let thread = firstThread;
  let json = jsonStart;
  let generation = 1;
  if (process.stdin.isTTY) process.stdout.write(`finagent ${agent} — user ${user}, thread ${thread}. /help for commands.\n`);
  rl.prompt();
  for await (const line of rl) {
    const text = line.trim();
    if (text === '/quit' || text === '/exit') break;
    if (text === '/help') process.stdout.write(HELP);
    else if (text === '/thread') process.stdout.write(`${thread}\n`);
    else if (text === '/json') {
      json = !json;
      process.stdout.write(`json output ${json ? 'on' : 'off'}\n`);
    } else if (text === '/reset') {
      thread = `${firstThread}-${++generation}`;
      process.stdout.write(`new thread ${thread}\n`);
    } else if (text.startsWith('/')) process.stdout.write(`unknown command ${text}; /help lists them\n`);
    else if (text) {
      try {
        process.stdout.write(renderTurn(await rt.runTurn({ agent, message: text, thread, user }), json));
      } catch (e) {
        // One clear line, and the session goes on: the turn is lost, nothing else.
        reportError(e);
      }
    }
    rl.prompt();
  }
  rl.close();
  return 0;
}
