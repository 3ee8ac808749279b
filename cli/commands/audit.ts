import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { cliIdentity, effectiveConfig, globals, printJson } from '../context.js';
import { EXIT_FAILURE, EXIT_USAGE, run } from '../exit.js';

/** A runtime with no assistants: the audit commands read the trail and threads only. */
async function openStores(cmd: Command) {
  const g = globals(cmd);
  const config = await effectiveConfig(g);
  const { defaultHome } = await import('../../src/runtime/paths.js');
  const { existsSync } = await import('node:fs');
  const { join } = await import('node:path');
  const home = config.home ?? defaultHome();
  if (!config.database.url && !existsSync(join(home, 'finagent.db'))) return { home, rt: undefined, user: config.user ?? '' };
  const { createRuntime } = await import('../../src/runtime/runtime.js');
  const rt = await createRuntime({ config, home, agents: [] });
  return { home, rt, user: config.user ?? '' };
}

export function register(program: Command): void {
  const audit = program.command('audit').description('verify, export or anchor the hash-chained audit trail');
  audit
    .command('verify')
    .description('recompute the hash chain and name the first broken record')
    .option('--json', 'machine-readable output')
    .action((opts: { json?: boolean }, cmd: Command) =>
      run(async () => {
        const { home, rt } = await openStores(cmd);
        if (!rt) {
          process.stderr.write(`finagent: no audit trail under ${home} yet\n`);
          return EXIT_USAGE;
        }
        try {
          const result = await rt.audit.verify();
          if (opts.json) printJson(result);
          else if (result.ok) process.stdout.write(`audit trail OK: ${result.records} records, chain intact\n`);
          else process.stdout.write(`audit trail BROKEN at record ${result.brokenId}: ${result.reason}\n`);
          return result.ok ? 0 : EXIT_FAILURE;
        } finally {
          await rt.close();
        }
      }),
    );
  audit
    .command('export')
    .description("write a thread's audit records (JSONL by default); you read your own threads, desk heads their desk's, admin/compliance all (with FINAGENT_TOKEN)")
    .requiredOption('--thread <id>', 'thread to export')
    .option('--format <format>', 'jsonl or json', 'jsonl')
    .option('--out <file>', 'write to a file instead of stdout')
    .action((opts: { thread: string; format: string; out?: string }, cmd: Command) =>
      run(async () => {
        if (!['jsonl', 'json'].includes(opts.format)) {
          process.stderr.write(`finagent: --format must be jsonl or json, not "${opts.format}"\n`);
          return EXIT_USAGE;
        }
        const { home, rt, user } = await openStores(cmd);
        if (!rt) {
          process.stderr.write(`finagent: no audit trail under ${home} yet\n`);
          return EXIT_USAGE;
        }
        try {
          const reader = await cliIdentity(rt, user, undefined);
          const records = await rt.audit.byThread(opts.thread);
          const info = await rt.thread(opts.thread);
          if (!info && records.length === 0) {
            process.stderr.write(`finagent: no audit records for thread "${opts.thread}"\n`);
            return EXIT_USAGE;
          }
          if (info) await rt.authorizeThreadRead(reader, opts.thread);
          else {
            // Records without a thread row (direct tool calls): readable by whoever the records are of, or oversight.
            const owner = records.find((r) => r.kind !== 'auth')?.user ?? '';
            const { canReadThread, AccessDenied } = await import('../../src/runtime/access.js');
            if (!(await canReadThread(reader, owner, rt.users))) {
              await rt.auditor(reader, 'audit', opts.thread)('access', { action: 'export_audit', allowed: false, owner });
              throw new AccessDenied(`${reader.user.id} (${reader.user.role}) may not read the audit records of thread "${opts.thread}"`);
            }
          }
          await rt.auditor(reader, info?.agent ?? 'audit', opts.thread)('access', { action: 'export_audit', allowed: true, records: records.length });
          const text = opts.format === 'json' ? `${JSON.stringify(records, null, 2)}\n` : records.map((r) => JSON.stringify(r)).join('\n') + '\n';
          if (opts.out) writeFileSync(opts.out, text);
          else process.stdout.write(text);
        } finally {
          await rt.close();
        }
      }),
    );
}
