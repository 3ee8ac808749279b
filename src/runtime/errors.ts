/**
 * Typed errors. `UserInputError` means the caller gave bad input (exit code 2 at the CLI);
 * `ToolRefusal` is a business refusal inside a tool (the model sees the message, the run continues);
 * `ProviderError` is an unreachable / failing LLM provider (exit code 1, one clear line).
 */
const MARK = Symbol.for('finagent.error');

export class FinagentError extends Error {
  readonly [MARK] = true;
  constructor(message: string, readonly code: string) {
    super(message);
    this.name = new.target.name;
  }
  static isInstance(e: unknown): e is FinagentError {
    return typeof e === 'object' && e !== null && (e as Record<symbol, unknown>)[MARK] === true;
  }
}

/** Bad usage or bad input from the user: a file, a flag, a message. CLI exit code 2. */
export class UserInputError extends FinagentError {
  constructor(message: string, readonly details?: Record<string, unknown>) {
    super(message, 'bad_input');
  }
}

/**
 * A tool declining to act for a business reason (limit breached, unknown bond, quote expired…).
 * The message is shown to the model/user verbatim; `check` names the rule that failed.
 */
export class ToolRefusal extends FinagentError {
  constructor(message: string, readonly check?: string, readonly data?: Record<string, unknown>) {
    super(message, 'refused');
  }
}

/** The LLM provider failed (unreachable, timeout, malformed tool calls). CLI exit code 1. */
export class ProviderError extends FinagentError {
  constructor(message: string, readonly url?: string) {
    super(message, 'provider');
  }
}

/** An operation that failed for a reason that is not the user's input (corrupt store, IO…). Exit 1. */
export class OperationError extends FinagentError {
  constructor(message: string) {
    super(message, 'failure');
  }
}
