import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { effectiveConfig, globals, printJson } from '../context.js';
import { EXIT_FAILURE, EXIT_USAGE, run } from '../exit.js';

async function openAudit(cmd: Command) {
  const config = await effectiveConfig(globals(cmd));
  const { defaultHome } = await import('../../src/runtime/paths.js');
  const { existsSync } = await import('node:fs');
  const { join } = await import('node:path');
  const home = config.home ?? defaultHome();
  if (!existsSync(join(home, 'finagent.db'))) return { home, log: undefined, close: () => {} };
  const { openDatabase } = await import('../../src/runtime/database.js');
  const { AuditLog } = await import('../../src/runtime/audit.js');
  const db = openDatabase(home);
  return { home, log: new AuditLog(db), close: () => db.close() };
}

export function register(program: Command): void {
  const audit = program.command('audit').description('verify or export the hash-chained audit trail');
  audit
    .command('verify')
    .description('recompute the hash chain and name the first broken record')
    .option('--json', 'machine-readable output')
    .action((opts: { json?: boolean }, cmd: Command) =>
      run(async () => {
        const { home, log, close } = await openAudit(cmd);
        if (!log) {
          process.stderr.write(`finagent: no audit trail under ${home} yet\n`);
          return EXIT_USAGE;
        }
        const result = log.verify();
        close();
        if (opts.json) printJson(result);
        else if (result.ok) process.stdout.write(`audit trail OK: ${result.records} records, chain intact\n`);
        else process.stdout.write(`audit trail BROKEN at record ${result.brokenId}: ${result.reason}\n`);
        return result.ok ? 0 : EXIT_FAILURE;
      }),
    );
  audit
    .command('export')
    .description("write a thread's audit records (JSONL by default)")
    .requiredOption('--thread <id>', 'thread to export')
    .option('--format <format>', 'jsonl or json', 'jsonl')
    .option('--out <file>', 'write to a file instead of stdout')
    .action((opts: { thread: string; format: string; out?: string }, cmd: Command) =>
      run(async () => {
        if (!['jsonl', 'json'].includes(opts.format)) {
          process.stderr.write(`finagent: --format must be jsonl or json, not "${opts.format}"\n`);
          return EXIT_USAGE;
        }
        const { home, log, close } = await openAudit(cmd);
        if (!log) {
          process.stderr.write(`finagent: no audit trail under ${home} yet\n`);
          return EXIT_USAGE;
        }
        const records = log.byThread(opts.thread);
        close();
        if (records.length === 0) {
          process.stderr.write(`finagent: no audit records for thread "${opts.thread}"\n`);
          return EXIT_USAGE;
        }
        const text = opts.format === 'json' ? `${JSON.stringify(records, null, 2)}\n` : records.map((r) => JSON.stringify(r)).join('\n') + '\n';
        if (opts.out) writeFileSync(opts.out, text);
        else process.stdout.write(text);
      }),
    );
}
