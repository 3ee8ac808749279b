import { UserInputError } from './errors.js';

/** A clock: tools, audit and pricing read the time only through one of these. */
export type Clock = () => Date;

/** ISO 8601 instant with an explicit offset (`Z` or `±hh:mm`): a pinned clock must not depend on the machine's zone. */
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/;

/**
 * Parses a pinned instant (`FINAGENT_NOW`, `--now`). The offset is required: `2025-12-26T10:00:00+08:00`
 * means the same instant on every machine. `what` names the source in the error.
 */
export function parseInstant(value: string, what = 'FINAGENT_NOW'): Date {
  const text = value.trim();
  if (!ISO_WITH_OFFSET.test(text)) {
    throw new UserInputError(`${what}: "${value}" is not an ISO 8601 instant with an offset (e.g. 2025-12-26T10:00:00+08:00)`);
  }
  const at = new Date(text);
  if (Number.isNaN(at.getTime())) throw new UserInputError(`${what}: "${value}" is not a valid date`);
  return at;
}

/** A clock frozen at one instant: every read returns the same time (replay, demos, tests). */
export function pinnedClock(at: Date | string): Clock {
  const ms = (typeof at === 'string' ? parseInstant(at) : at).getTime();
  return () => new Date(ms);
}

export const systemClock: Clock = () => new Date();
