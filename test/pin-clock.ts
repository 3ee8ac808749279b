/**
 * Every test runs on a pinned clock: market data is dated (2025-12-26), so a test that reads the
 * machine's date turns red by itself as the calendar moves. `Date` starts at the data date, 10:00
 * Shanghai, and advances in real time (timeouts and TTLs still elapse); tests that need an exact
 * instant pass their own `now` to the runtime. Child processes get the same instant via FINAGENT_NOW.
 */
import { vi } from 'vitest';

export const PINNED_NOW = '2025-12-26T10:00:00+08:00';

vi.useFakeTimers({ toFake: ['Date'], now: new Date(PINNED_NOW), shouldAdvanceTime: true });
process.env.FINAGENT_NOW ??= PINNED_NOW;
