import type { Command } from 'commander';
import { globals, openRuntime } from '../context.js';
import { EXIT_FAILURE, EXIT_USAGE, run } from '../exit.js';

interface ServeOptions {
  port: string;
  host: string;
  grace: string;
  maxBody: string;
}

/**
 * `finagent serve`: the HTTP service over the same runtime as the CLI (same home, storage, audit,
 * provider — offline by default). One line with the URL on stdout, then JSON log lines; SIGINT or
 * SIGTERM stops it gracefully (a second signal stops it at once). With `audit.signingKey` configured
 * it writes signed audit checkpoints on a schedule and on stop (src/server/checkpoints.ts).
 */
export function register(program: Command): void {
  program
    .command('serve')
    .description('serve the assistants over HTTP: LangGraph server API subset, approvals, health (see docs/server.md)')
    .option('--port <n>', 'TCP port (0 picks a free one)', '8787')
    .option('--host <addr>', 'interface to bind (127.0.0.1 = this machine only)', '127.0.0.1')
    .option('--grace <seconds>', 'on shutdown, how long turns in flight may take to finish', '10')
    .option('--max-body <kib>', 'largest request body accepted, in KiB (larger gets 413)', '256')
    .action((opts: ServeOptions, cmd: Command) =>
      run(async () => {
        const port = Number(opts.port);
        const grace = Number(opts.grace);
        if (!Number.isInteger(port) || port < 0 || port > 65535) {
          process.stderr.write(`finagent: --port ${opts.port} is not a port number (0-65535)\n`);
          return EXIT_USAGE;
        }
        if (!Number.isFinite(grace) || grace < 0) {
          process.stderr.write(`finagent: --grace ${opts.grace} is not a number of seconds\n`);
          return EXIT_USAGE;
        }
        const maxBodyKib = Number(opts.maxBody);
        if (!Number.isInteger(maxBodyKib) || maxBodyKib < 1 || maxBodyKib > 102_400) {
          process.stderr.write(`finagent: --max-body ${opts.maxBody} is not a size in KiB (1-102400)\n`);
          return EXIT_USAGE;
        }
        const { rt, config } = await openRuntime(globals(cmd));
        const [{ startServer }, { jwtVerifier }] = await Promise.all([import('../../src/server/serve.js'), import('../../src/auth/jwt.js')]);
        let server: Awaited<ReturnType<typeof startServer>>;
        try {
          server = await startServer({ rt, jwt: await jwtVerifier(config.auth.jwt), port, host: opts.host, maxBodyBytes: maxBodyKib * 1024 });
        } catch (e) {
          await rt.close();
          const code = (e as NodeJS.ErrnoException).code;
          if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL') {
            process.stderr.write(`finagent: cannot listen on ${opts.host}:${port}: ${code === 'EADDRINUSE' ? 'the port is in use' : (e as Error).message}\n`);
            return EXIT_FAILURE;
          }
          throw e;
        }
        const cp = server.checkpoints?.settings;
        const anchoring = cp ? `, audit checkpoints every ${cp.everyMs / 60_000} min to ${cp.dir}` : '';
        process.stdout.write(`finagent serving ${server.url} (provider ${config.provider}, ${rt.storage.engine} ${rt.storage.location}, assistants ${rt.agentNames().join(', ')}${anchoring})\n`);
        return new Promise<number>((resolve) => {
          let signals = 0;
          const onSignal = (signal: NodeJS.Signals) => {
            if (++signals > 1) {
              process.stderr.write(`finagent: ${signal} again, stopping now\n`);
              process.exit(1);
            }
            server.deps.log({ level: 'info', msg: 'signal', signal });
            server.stop({ graceMs: grace * 1000 }).then(
              () => resolve(0),
              (e: unknown) => {
                process.stderr.write(`finagent: error while stopping: ${(e as Error).message}\n`);
                resolve(1);
              },
            );
          };
          process.on('SIGINT', onSignal);
          process.on('SIGTERM', onSignal);
        });
      }),
    );
}
