import type { Command } from 'commander';
import { effectiveConfig, globals, printJson } from '../context.js';
import { run } from '../exit.js';

export function register(program: Command): void {
  program
    .command('config')
    .description('print the effective configuration (flags > environment > finagent.config.json > defaults), secrets redacted')
    .action((_opts: unknown, cmd: Command) =>
      run(async () => {
        const { redactConfig } = await import('../../src/runtime/config.js');
        const { defaultHome } = await import('../../src/runtime/paths.js');
        const config = await effectiveConfig(globals(cmd));
        printJson(redactConfig({ ...config, home: config.home ?? defaultHome() }));
      }),
    );
}
