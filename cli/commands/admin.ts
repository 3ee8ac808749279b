import type { Command } from 'commander';
import { cliIdentity, effectiveConfig, globals, printJson } from '../context.js';
import { EXIT_USAGE, run } from '../exit.js';

/** A runtime without assistants over the configured storage (tokens, approvals, migrations). */
async function openStorageRuntime(cmd: Command, agents?: string[]) {
  const g = globals(cmd);
  const config = await effectiveConfig(g);
  const { defaultHome } = await import('../../src/runtime/paths.js');
  const { createRuntime } = await import('../../src/runtime/runtime.js');
  const { configuredAgents } = await import('../context.js');
  const specs = agents ? await configuredAgents(config, g, agents) : [];
  return { rt: await createRuntime({ config, home: config.home ?? defaultHome(), agents: specs }), config };
}

export function register(program: Command): void {
  const token = program.command('token').description('API tokens for the service and for privileged CLI acts (FINAGENT_TOKEN)');
  token
    .command('create')
    .description('issue a token for --user <id>; it is printed once and stored only as a hash')
    .option('--expires <duration>', 'lifetime, e.g. 12h, 30d, 1y (default: no expiry)')
    .option('--label <text>', 'what the token is for')
    .option('--json', 'print { token, id, user, expiresAt }')
    .action((opts: { expires?: string; label?: string; json?: boolean }, cmd: Command) =>
      run(async () => {
        // --user is the global option: here it names whom the token is for.
        const forUser = globals(cmd).user;
        if (!forUser) {
          process.stderr.write('finagent: token create needs --user <id> (the user the token proves)\n');
          return EXIT_USAGE;
        }
        const { rt } = await openStorageRuntime(cmd);
        try {
          const { issueToken, parseDuration } = await import('../../src/auth/tokens.js');
          const user = await rt.user(forUser);
          const expiresInMs = opts.expires ? parseDuration(opts.expires) : undefined;
          const { token: secret, record } = await issueToken(rt.stores.tokens, user.id, rt.now(), { ...(expiresInMs ? { expiresInMs } : {}), label: opts.label ?? null });
          await rt.audit.append({ ts: rt.now().toISOString(), user: user.id, role: user.role, agent: 'cli', thread: '(auth)', kind: 'auth', payload: { action: 'token_created', tokenId: record.id, expiresAt: record.expiresAt } });
          if (opts.json) printJson({ token: secret, id: record.id, user: record.userId, expiresAt: record.expiresAt });
          else process.stdout.write(`${secret}\n`);
          if (!opts.json) process.stderr.write(`token ${record.id} for ${user.id}${record.expiresAt ? `, expires ${record.expiresAt}` : ''} — shown once, store it now\n`);
        } finally {
          await rt.close();
        }
      }),
    );
  token
    .command('list')
    .description('list tokens (ids, users, expiry, revocation — never the secrets)')
    .option('--json', 'machine-readable output')
    .action((opts: { json?: boolean }, cmd: Command) =>
      run(async () => {
        const { rt } = await openStorageRuntime(cmd);
        try {
          const only = globals(cmd).user;
          const list = (await rt.stores.tokens.list(only || undefined)).map(({ hash: _h, ...t }) => t);
          if (opts.json) return printJson({ tokens: list });
          if (!list.length) process.stdout.write('no tokens\n');
          for (const t of list) process.stdout.write(`${t.id}  ${t.userId}  created ${t.createdAt}  ${t.revokedAt ? `revoked ${t.revokedAt}` : t.expiresAt ? `expires ${t.expiresAt}` : 'no expiry'}${t.label ? `  ${t.label}` : ''}\n`);
        } finally {
          await rt.close();
        }
      }),
    );
  token
    .command('revoke')
    .description('revoke a token by id')
    .argument('<id>', 'token id (tok_…)')
    .action((id: string, _opts: unknown, cmd: Command) =>
      run(async () => {
        const { rt } = await openStorageRuntime(cmd);
        try {
          if (!(await rt.stores.tokens.revoke(id, rt.now()))) {
            process.stderr.write(`finagent: no live token ${id}\n`);
            return EXIT_USAGE;
          }
          process.stdout.write(`revoked ${id}\n`);
        } finally {
          await rt.close();
        }
      }),
    );

  program
    .command('approve')
    .description('decide a request for a firm quote above the trader\'s authority (desk heads; identity from FINAGENT_TOKEN)')
    .argument('[approvalId]', 'APR-… (omit to list what you may approve)')
    .option('--reject', 'reject instead of approve')
    .option('--reason <text>', 'reason recorded with the decision')
    .option('--json', 'machine-readable output')
    .action((approvalId: string | undefined, opts: { reject?: boolean; reason?: string; json?: boolean }, cmd: Command) =>
      run(async () => {
        const { rt } = await openStorageRuntime(cmd, ['dealing']);
        try {
          const { user } = { user: (await effectiveConfig(globals(cmd))).user ?? '' };
          const identity = await cliIdentity(rt, user, undefined);
          const tool = approvalId ? 'approve_quote' : 'list_approvals';
          const input = approvalId ? { approvalId, decision: opts.reject ? 'reject' : 'approve', ...(opts.reason ? { reason: opts.reason } : {}) } : {};
          const res = await rt.runTool({ agent: 'dealing', tool, input, user: identity, thread: `approvals-${identity.user.id}` });
          if (res.error) {
            process.stderr.write(`finagent: ${res.error}\n`);
            return EXIT_USAGE;
          }
          if (opts.json) return printJson(res.result);
          if (!approvalId) {
            const { approvals } = res.result as { approvals: Array<{ id: string; rfqId: string; requestedBy: string; expiresAt: string; economics: Record<string, unknown> }> };
            if (!approvals.length) process.stdout.write('nothing is waiting for your approval\n');
            for (const a of approvals) process.stdout.write(`${a.id}  ${a.rfqId}  by ${a.requestedBy}  ${JSON.stringify(a.economics)}  decide by ${a.expiresAt}\n`);
            return 0;
          }
          const { approval, rfq } = res.result as { approval: { id: string; status: string }; rfq: { id: string; status: string; quote: { validUntil: string | null } | null } };
          process.stdout.write(`${approval.id} ${approval.status}: ${rfq.id} is ${rfq.status}${rfq.quote?.validUntil ? `, firm until ${rfq.quote.validUntil}` : ''}\n`);
        } finally {
          await rt.close();
        }
      }),
    );

  const db = program.command('db').description('database administration');
  db.command('migrate')
    .description('apply pending schema migrations (SQLite file or FINAGENT_DATABASE_URL)')
    .option('--json', 'machine-readable output')
    .action((opts: { json?: boolean }, cmd: Command) =>
      run(async () => {
        const { rt } = await openStorageRuntime(cmd);
        try {
          const result = await rt.storage.migrate();
          if (opts.json) return printJson({ engine: rt.storage.engine, location: rt.storage.location, ...result });
          process.stdout.write(`${rt.storage.engine} ${rt.storage.location}: schema version ${result.current}${result.applied.length ? `, applied ${result.applied.join(', ')}` : ', up to date'}\n`);
        } finally {
          await rt.close();
        }
      }),
    );
}
