import type { Command } from 'commander';

/** The `serve` command (to be filled in). */
export function register(_program: Command): void {}
