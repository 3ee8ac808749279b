import type { Command } from 'commander';
import { actingUser, effectiveConfig, globals, openRuntime, printJson } from '../context.js';
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
  const dealing = program.command('dealing').description('dealing-desk utilities (parser, blotter, bond import)');
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
          const res = await rt.runTool({ agent: 'dealing', tool: 'parse_dealer_message', input: { text }, user: actingUser(user, 't.zhang'), thread: 'cli-parse' });
          if (res.error) {
            process.stderr.write(`finagent: ${res.error}\n`);
            return EXIT_USAGE;
          }
          if (opts.json) printJson(res.result);
          else for (const [k, v] of Object.entries(res.result as Record<string, unknown>)) process.stdout.write(`${k.padEnd(11)} ${JSON.stringify(v)}\n`);
          return 0;
        } finally {
          rt.close();
        }
      }),
    );

  dealing
    .command('import-bonds')
    .description("import the desk's own bond list (CSV) into <FINAGENT_HOME>/market/bonds.json; desk rows override bundled bonds by code")
    .argument('<file>', 'CSV with header code,shortName,issuer,coupon,issueDate,maturityDate,frequency,dayCount[,aliases][,benchmarkTenor] (or 代码,简称,发行人,票面利率,起息日,到期日,付息频率,计息基础)')
    .option('--replace', 'replace the desk list instead of merging by code')
    .option('--json', 'print { imported, added, updated, file } as JSON')
    .action((file: string, opts: { replace?: boolean; json?: boolean }, cmd: Command) =>
      run(async () => {
        const [{ readFileSync }, { resolve }, market, { dataPath, defaultHome }, { UserInputError }] = await Promise.all([
          import('node:fs'),
          import('node:path'),
          import('../../src/dealing/market/index.js'),
          import('../../src/runtime/paths.js'),
          import('../../src/runtime/errors.js'),
        ]);
        let text: string;
        try {
          text = readFileSync(file, 'utf8');
        } catch (e) {
          throw new UserInputError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
        }
        const { bonds, errors } = market.parseBondCsv(text, file);
        if (errors.length > 0) {
          // Every bad cell at once, so the desk fixes the file in one pass; nothing is written.
          for (const e of errors) process.stderr.write(`${market.formatBondCsvError(e)}\n`);
          process.stderr.write(`finagent: ${errors.length} error${errors.length === 1 ? '' : 's'} in ${file}; nothing imported\n`);
          if (opts.json) printJson({ imported: 0, errors });
          return EXIT_USAGE;
        }
        const config = await effectiveConfig(globals(cmd));
        const bundled = market.loadMarketJson(market.BondMasterFileSchema, dataPath('market'), 'bonds.json');
        const summary = market.importDeskBonds(resolve(config.home ?? defaultHome()), bonds, { bundled, replace: opts.replace === true, importedFrom: file });
        if (opts.json) {
          printJson(summary);
          return 0;
        }
        process.stdout.write(`imported ${summary.imported} bond${summary.imported === 1 ? '' : 's'} (${summary.added} new, ${summary.updated} updated) into ${summary.file}\n`);
        for (const n of summary.notes) process.stdout.write(`  ${n}\n`);
        return 0;
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
            const res = await rt.runTool({ agent: 'dealing', tool: 'list_blotter', input: {}, user: actingUser(user, 't.zhang'), thread: 'cli-blotter' });
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
            rt.close();
          }
        }),
      );
  blotter('blotter', dealing);
  blotter('blotter', program);
}
