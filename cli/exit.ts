/**
 * Exit codes: 0 ok, 1 failure, 2 bad usage/input. A user error never prints a stack trace;
 * FINAGENT_DEBUG=1 shows one for internal errors.
 */
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

interface CodedError {
  code?: unknown;
  message?: unknown;
}

export function exitCodeFor(error: unknown): number {
  const code = (error as CodedError | null)?.code;
  if (code === 'bad_input' || code === 'forbidden' || code === 'unauthenticated') return EXIT_USAGE;
  return EXIT_FAILURE;
}

export function reportError(error: unknown): number {
  const e = error as CodedError | null;
  const message = typeof e?.message === 'string' ? e.message : String(error);
  const known = typeof e?.code === 'string' && ['bad_input', 'forbidden', 'unauthenticated', 'refused', 'provider', 'failure'].includes(e.code);
  process.stderr.write(`finagent: ${known ? message : `internal error: ${message}`}\n`);
  if (!known && process.env.FINAGENT_DEBUG && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  return exitCodeFor(error);
}

/** Runs a command action and sets the process exit code from its result or error. */
export async function run(action: () => Promise<number | void>): Promise<void> {
  try {
    const code = await action();
    process.exitCode = typeof code === 'number' ? code : EXIT_OK;
  } catch (error) {
    process.exitCode = reportError(error);
  }
}
