import { readFileSync, writeFileSync } from 'node:fs';
import { readKeyPem as readPem } from '../../src/runtime/pem.js';
import { UserInputError } from '../../src/runtime/errors.js';
import type { Command } from 'commander';
import { cliIdentity, effectiveConfig, globals, printJson } from '../context.js';
import { EXIT_FAILURE, EXIT_USAGE, run } from '../exit.js';

function readJsonFile(path: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new UserInputError(`cannot read ${what} ${path}: ${(e as Error).message}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new UserInputError(`${what} ${path} is not valid JSON: ${(e as Error).message}`);
  }
}

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
    .description('recompute the hash chain and name the first broken record; with --checkpoint also detect truncation and re-hashing after a signed checkpoint')
    .option('--checkpoint <file>', 'a signed checkpoint written by `audit checkpoint`')
    .option('--public-key <file>', 'the expected signer (PEM; default audit.publicKey from the config)')
    .option('--json', 'machine-readable output')
    .action((opts: { json?: boolean; checkpoint?: string; publicKey?: string }, cmd: Command) =>
      run(async () => {
        const { home, rt } = await openStores(cmd);
        if (!rt) {
          process.stderr.write(`finagent: no audit trail under ${home} yet\n`);
          return EXIT_USAGE;
        }
        try {
          if (opts.checkpoint) {
            const { verifyAgainstCheckpoint } = await import('../../src/runtime/audit-checkpoint.js');
            const checkpoint = readJsonFile(opts.checkpoint, 'checkpoint');
            const pinned = opts.publicKey ? readPem(opts.publicKey) : rt.config.audit.publicKey ? readPem(rt.config.audit.publicKey) : undefined;
            const verdict = await verifyAgainstCheckpoint(checkpoint as Parameters<typeof verifyAgainstCheckpoint>[0], rt.audit.pages(), pinned);
            if (opts.json) printJson(verdict);
            else if (verdict.ok) {
              process.stdout.write(`audit trail OK against the checkpoint: ${verdict.records} records, ${verdict.since} since the checkpoint${verdict.keyPinned ? '' : ' (signer not pinned: pass --public-key or set audit.publicKey)'}\n`);
            } else process.stdout.write(`audit trail BROKEN (${verdict.problem})${verdict.brokenId ? ` at record ${verdict.brokenId}` : ''}: ${verdict.reason}\n`);
            return verdict.ok ? 0 : EXIT_FAILURE;
          }
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
    .command('checkpoint')
    .description('sign the current head of the chain (Ed25519, audit.signingKey) and write it: keep it away from the database')
    .requiredOption('--out <file>', 'where to write the signed checkpoint (JSON)')
    .option('--key <file>', 'Ed25519 private key (PEM; default audit.signingKey from the config)')
    .action((opts: { out: string; key?: string }, cmd: Command) =>
      run(async () => {
        const { home, rt } = await openStores(cmd);
        if (!rt) {
          process.stderr.write(`finagent: no audit trail under ${home} yet\n`);
          return EXIT_USAGE;
        }
        try {
          const keySource = opts.key ?? rt.config.audit.signingKey;
          if (!keySource) {
            process.stderr.write('finagent: no signing key: pass --key FILE or set audit.signingKey (see `finagent audit keygen`)\n');
            return EXIT_USAGE;
          }
          const { writeCheckpoint } = await import('../../src/runtime/audit-anchor.js');
          const cp = await writeCheckpoint(rt, readPem(keySource), opts.out);
          process.stdout.write(`checkpoint at record ${cp.headId} (${cp.records} records) written to ${opts.out}\n`);
        } finally {
          await rt.close();
        }
      }),
    );
  audit
    .command('keygen')
    .description('generate an Ed25519 key pair for checkpoints (private key to --out, public key to --out.pub)')
    .requiredOption('--out <file>', 'private key file (PEM, mode 0600)')
    .action((opts: { out: string }) =>
      run(async () => {
        const { generateAuditKeyPair } = await import('../../src/runtime/audit-checkpoint.js');
        const { existsSync } = await import('node:fs');
        if (existsSync(opts.out)) {
          process.stderr.write(`finagent: ${opts.out} exists; refusing to overwrite a key\n`);
          return EXIT_USAGE;
        }
        const pair = generateAuditKeyPair();
        writeFileSync(opts.out, pair.privateKeyPem, { mode: 0o600 });
        writeFileSync(`${opts.out}.pub`, pair.publicKeyPem);
        process.stdout.write(`private key ${opts.out}, public key ${opts.out}.pub\n`);
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
