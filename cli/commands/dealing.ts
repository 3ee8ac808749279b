import type { Command } from 'commander';
import { cliIdentity, globals, openRuntime, printJson } from '../context.js';
import { EXIT_USAGE, run } from '../exit.js';

interface Ticket {
  tradeId?: string;
  status?: string;
  side?: string;
  client?: string;
  instrument?: { code?: string | null; name?: string | null } | string;
  notional?: number;
  level?: number | null;
  settlementAmount?: number | string | null;
  settleDate?: string;
}

function instrumentText(i: Ticket['instrument']): string {
  if (!i) return '';
  if (typeof i === 'string') return i;
  return [i.code, i.name].filter(Boolean).join(' ');
}

export function register(program: Command): void {
  const dealing = program.command('dealing').description('dealing-desk utilities (parser, blotter)');
  dealing
    .command('parse')
    .description('parse one dealer chat line (Chinese shorthand or English) into structured fields')
    .argument('<text...>', 'the chat line, e.g. "5年国开 2.15 出 1E +0"')
    .option('--json', 'print the parse as JSON')
    .action((words: string[], opts: { json?: boolean }, cmd: Command) =>
      run(async () => {
        const text = words.join(' ').trim();
        if (!text) {
          process.stderr.write('finagent: nothing to parse\n');
          return EXIT_USAGE;
        }
        const { rt, user } = await openRuntime(globals(cmd), ['dealing']);
        try {
          const res = await rt.runTool({ agent: 'dealing', tool: 'parse_dealer_message', input: { text }, user: await cliIdentity(rt, user, rt.agent('dealing').defaultUser), thread: 'cli-parse' });
          if (res.error) {
            process.stderr.write(`finagent: ${res.error}\n`);
            return EXIT_USAGE;
          }
          if (opts.json) printJson(res.result);
          else for (const [k, v] of Object.entries(res.result as Record<string, unknown>)) process.stdout.write(`${k.padEnd(11)} ${JSON.stringify(v)}\n`);
          return 0;
        } finally {
          await rt.close();
        }
      }),
    );

  const blotter = (name: string, parent: Command) =>
    parent
      .command(name)
      .description('list booked trade tickets')
      .option('--json', 'machine-readable output')
      .action((opts: { json?: boolean }, cmd: Command) =>
        run(async () => {
          const { rt, user } = await openRuntime(globals(cmd), ['dealing']);
          try {
            const res = await rt.runTool({ agent: 'dealing', tool: 'list_blotter', input: {}, user: await cliIdentity(rt, user, rt.agent('dealing').defaultUser), thread: 'cli-blotter' });
            if (res.error) {
              process.stderr.write(`finagent: ${res.error}\n`);
              return EXIT_USAGE;
            }
            if (opts.json) return printJson(res.result);
            const { tickets = [] } = (res.result ?? {}) as { tickets?: Ticket[] };
            if (tickets.length === 0) process.stdout.write('no tickets booked\n');
            for (const t of tickets) {
              process.stdout.write(
                [t.tradeId, t.status, t.side, instrumentText(t.instrument), t.notional, t.level ?? '', t.settlementAmount ?? '', t.settleDate ?? '', t.client ?? ''].join('  ') + '\n',
              );
            }
            return 0;
          } finally {
            await rt.close();
          }
        }),
      );
  blotter('blotter', dealing);
  blotter('blotter', program);
}
