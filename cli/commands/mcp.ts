import type { Command } from 'commander';
import { globals, openRuntime } from '../context.js';
import { EXIT_USAGE, run } from '../exit.js';

/**
 * `finagent mcp`: an MCP server on stdin/stdout for one signed-in user (FINAGENT_TOKEN). stdout is the
 * protocol channel, so everything else (errors, notes) goes to stderr.
 */
export function register(program: Command): void {
  program
    .command('mcp')
    .description('serve the assistants over MCP on stdio for the user of FINAGENT_TOKEN (see docs/mcp.md)')
    .action((_opts: unknown, cmd: Command) =>
      run(async () => {
        const token = process.env.FINAGENT_TOKEN?.trim();
        if (!token) {
          // An MCP client starts this process unattended: a named --user would be an unproven identity.
          process.stderr.write('finagent: finagent mcp needs FINAGENT_TOKEN (create one with `finagent token create --user <id>`) in the server\'s environment\n');
          return EXIT_USAGE;
        }
        const g = globals(cmd);
        const { rt } = await openRuntime(g);
        try {
          const [{ authenticate }, { jwtVerifier }, { createMcpServer }, { StdioServerTransport }, { randomUUID }] = await Promise.all([
            import('../../src/auth/authenticate.js'),
            import('../../src/auth/jwt.js'),
            import('../../src/integrations/mcp/server.js'),
            import('@modelcontextprotocol/sdk/server/stdio.js'),
            import('node:crypto'),
          ]);
          const identity = await authenticate(rt, token, await jwtVerifier(rt.config.auth.jwt), 'mcp');
          if (g.user && g.user !== identity.user.id) {
            process.stderr.write(`finagent: --user ${g.user} does not match FINAGENT_TOKEN, which belongs to ${identity.user.id}\n`);
            return EXIT_USAGE;
          }
          const server = createMcpServer({ rt, identity, session: randomUUID(), transport: 'stdio' });
          const transport = new StdioServerTransport();
          const closed = new Promise<void>((resolve) => {
            server.server.onclose = () => resolve();
            // The SDK's stdio transport does not watch for the end of stdin: the client closing its end
            // (or exiting) is how a stdio session ends.
            process.stdin.once('end', () => void server.close());
            process.stdin.once('close', () => void server.close());
          });
          await server.connect(transport);
          process.stderr.write(`finagent mcp: serving ${identity.user.id} (${identity.user.role}) on stdio\n`);
          await closed;
          return 0;
        } finally {
          await rt.close();
        }
      }),
    );
}
