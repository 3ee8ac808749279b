import type { Command } from 'commander';
import type { Identity } from '../../src/runtime/identity.js';
import type { Runtime } from '../../src/runtime/runtime.js';
import { cliIdentity, globals, openRuntime, printJson } from '../context.js';
import { reportError, run } from '../exit.js';

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
  /quit          leave (also Ctrl-D; Ctrl-C clears the line)
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
    .option('-t, --thread <id>', 'conversation thread (continues across invocations; default <agent>-<user>)')
    .option('--json', 'machine-readable output: { agent, thread, user, reply, toolCalls, state }')
    .action((agent: string, opts: ChatOptions, cmd: Command) =>
      run(async () => {
        const g = globals(cmd);
        const { rt, user: configured } = await openRuntime(g, [agent]);
        try {
          const spec = rt.agent(agent);
          const identity = await cliIdentity(rt, configured, spec.defaultUser);
          if (opts.message !== undefined) {
            const result = await rt.runTurn({ agent, message: opts.message, thread: opts.thread ?? `${agent}-${identity.user.id}`, user: identity });
            if (opts.json) printJson(result);
            else process.stdout.write(`${result.reply}\n`);
            return 0;
          }
          return await repl(agent, identity, opts.thread ?? `${agent}-${identity.user.id}-${rt.now().getTime().toString(36)}`, Boolean(opts.json), rt);
        } finally {
          await rt.close();
        }
      }),
    );
}

async function repl(agent: string, identity: Identity, firstThread: string, jsonStart: boolean, rt: Runtime): Promise<number> {
  const { createInterface } = await import('node:readline');
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY, historySize: 200, prompt: `${agent}> ` });
  let thread = firstThread;
  let json = jsonStart;
  let generation = 1;
  // Ctrl-C clears the line being typed (like a shell); Ctrl-D or /quit leaves.
  rl.on('SIGINT', () => {
    rl.write(null, { ctrl: true, name: 'u' });
    process.stdout.write('^C\n');
    rl.prompt();
  });
  if (process.stdin.isTTY) process.stdout.write(`finagent ${agent} — user ${identity.user.id}, thread ${thread}. /help for commands.\n`);
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
        process.stdout.write(renderTurn(await rt.runTurn({ agent, message: text, thread, user: identity }), json));
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
