import type { Command } from 'commander';

/** The `mcp` command (to be filled in). */
export function register(_program: Command): void {}
