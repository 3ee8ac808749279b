import type { Command } from 'commander';
import { cliIdentity, globals, openRuntime, printJson } from '../context.js';
import { EXIT_USAGE, run } from '../exit.js';

interface AskOptions {
  store?: string;
  json?: boolean;
  thread?: string;
}

interface AskState {
  answer?: string;
  supported?: boolean;
  citations?: Array<{ label: string }>;
}

export function register(program: Command): void {
  program
    .command('ask')
    .description('ask the policy-lookup assistant; the answer quotes the articles it rests on')
    .argument('[question...]', 'the question, in your own words (Chinese or English)')
    .option('--store <name>', 'knowledge store to search (default: policies, built from data/policies on first use)')
    .option('-t, --thread <id>', 'conversation thread')
    .option('--json', 'machine-readable output: { answer, supported, citations, evidence }')
    .action((words: string[], opts: AskOptions, cmd: Command) =>
      run(async () => {
        const question = words.join(' ').trim();
        if (!question) {
          process.stderr.write('finagent: the question is empty — usage: finagent ask "<question>"\n');
          return EXIT_USAGE;
        }
        const { rt, user } = await openRuntime(globals(cmd), ['policy'], opts.store ? { policy: { store: opts.store } } : undefined);
        if (opts.store) {
          // A store that does not exist is a typo, not a request for a new empty store.
          const { existingStores } = await import('../../src/knowledge/store.js');
          const { readPolicySettings } = await import('../../src/tools/policy/policy-settings.js');
          const pgAccess = rt.storage.pg;
          const stores = pgAccess ? await (await import('../../src/knowledge/pg-store.js')).existingPgStores(pgAccess) : existingStores(rt.home);
          const defaultStore = readPolicySettings(rt.config.policy).store;
          if (!stores.includes(opts.store) && opts.store !== defaultStore) {
            await rt.close();
            process.stderr.write(`finagent: no knowledge store "${opts.store}" ${pgAccess ? `in ${rt.storage.location}` : `under ${rt.home}`} (stores: ${stores.length ? stores.join(', ') : 'none yet'}; \`finagent ingest <files> --store ${opts.store}\` creates one)\n`);
            return EXIT_USAGE;
          }
        }
        try {
          const { randomUUID } = await import('node:crypto');
          const result = await rt.runTurn({ agent: 'policy', message: question, thread: opts.thread ?? `ask-${randomUUID().slice(0, 8)}`, user: await cliIdentity(rt, user, rt.agent('policy').defaultUser) });
          const state = (result.state ?? {}) as AskState;
          if (opts.json) printJson(state);
          else process.stdout.write(`${result.reply}\n`);
          return 0;
        } finally {
          await rt.close();
        }
      }),
    );
}
