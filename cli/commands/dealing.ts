import type { Command } from 'commander';
import { cliIdentity, effectiveConfig, globals, openRuntime, printJson } from '../context.js';
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

interface BlotterOptions {
  format: string;
  since?: string;
  out?: string;
  sender?: string;
  target?: string;
  startSeq: string;
  bom?: boolean;
  json?: boolean;
}

/** Kept here so that `--help` does not import the export module (and zod) at start-up. */
const EXPORT_FORMAT_NAMES = ['csv', 'json', 'jsonl', 'fix'] as const;

/**
 * `blotter --format csv|json|jsonl|fix`: the caller's exportable tickets after `--since`, to stdout or
 * `--out`; the cursor for the next run goes to stderr as `next cursor: N`, so stdout stays the file.
 */
async function exportBlotter(format: (typeof EXPORT_FORMAT_NAMES)[number], opts: BlotterOptions, cmd: Command): Promise<number> {
  if (opts.json) {
    process.stderr.write('finagent: --json is the plain listing; with --format the output is already the export\n');
    return EXIT_USAGE;
  }
  const since = opts.since === undefined ? 0 : /^\d{1,15}$/.test(opts.since) ? Number(opts.since) : NaN;
  if (Number.isNaN(since)) {
    process.stderr.write(`finagent: --since must be a blotter cursor (a whole number ≥ 0), not "${opts.since}"\n`);
    return EXIT_USAGE;
  }
  const startSeq = /^\d{1,9}$/.test(opts.startSeq) ? Number(opts.startSeq) : 0;
  if (startSeq < 1) {
    process.stderr.write(`finagent: --start-seq must be a whole number ≥ 1, not "${opts.startSeq}"\n`);
    return EXIT_USAGE;
  }
  const { rt, user } = await openRuntime(globals(cmd), ['dealing']);
  try {
    const { exportTickets, scopeNarrowedLocally } = await import('../../src/integrations/exports/tickets.js');
    const identity = await cliIdentity(rt, user, rt.agent('dealing').defaultUser);
    const out = await exportTickets(rt, identity, {
      format,
      since,
      surface: 'cli',
      bom: Boolean(opts.bom),
      fix: { startSeqNum: startSeq, ...(opts.sender ? { senderCompId: opts.sender } : {}), ...(opts.target ? { targetCompId: opts.target } : {}) },
    });
    if (opts.out) {
      const { writeFileSync } = await import('node:fs');
      writeFileSync(opts.out, out.body, 'utf8');
    } else process.stdout.write(out.body);
    process.stderr.write(`next cursor: ${out.cursor}\n`);
    if (opts.out) process.stderr.write(`${out.count} ticket${out.count === 1 ? '' : 's'} written to ${opts.out}\n`);
    if (scopeNarrowedLocally(identity)) process.stderr.write(`note: ${identity.user.id} acts locally, so only their own tickets are exported; sign in with FINAGENT_TOKEN for the desk's (desk heads) or all (admin, compliance)\n`);
    return 0;
  } finally {
    await rt.close();
  }
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
      .description('list booked trade tickets, or export them (csv, json, jsonl, fix) after a cursor — see docs/exports.md')
      .option('--format <format>', 'table | csv | json | jsonl | fix', 'table')
      .option('--since <cursor>', 'export only the tickets after this blotter cursor (the last run printed "next cursor: N" on stderr)')
      .option('--out <file>', 'write the export to a file instead of stdout')
      .option('--sender <compId>', 'FIX SenderCompID (default: config dealing.exports.fix.senderCompId, else FINAGENT)')
      .option('--target <compId>', 'FIX TargetCompID (default: config dealing.exports.fix.targetCompId, else MIDDLEOFFICE)')
      .option('--start-seq <n>', 'FIX MsgSeqNum of the first message', '1')
      .option('--bom', 'CSV: start with a UTF-8 byte-order mark (Excel)')
      .option('--json', 'machine-readable listing { tickets } (as before; not with --format)')
      .action((opts: BlotterOptions, cmd: Command) =>
        run(async () => {
          const format = opts.format;
          if (format !== 'table' && !(EXPORT_FORMAT_NAMES as readonly string[]).includes(format)) {
            process.stderr.write(`finagent: --format must be table, ${EXPORT_FORMAT_NAMES.join(', ')}, not "${format}"\n`);
            return EXIT_USAGE;
          }
          if (format !== 'table') return exportBlotter(format as (typeof EXPORT_FORMAT_NAMES)[number], opts, cmd);
          if (opts.json && (opts.since !== undefined || opts.out !== undefined)) {
            process.stderr.write('finagent: --since and --out go with --format csv|json|jsonl|fix; --json is the plain listing\n');
            return EXIT_USAGE;
          }
          if (opts.since !== undefined || opts.out !== undefined) {
            process.stderr.write('finagent: --since and --out go with --format csv|json|jsonl|fix (the table lists every ticket)\n');
            return EXIT_USAGE;
          }
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
