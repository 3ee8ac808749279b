import type { Hono } from 'hono';
import type { AppEnv, ServerDeps } from '../env.js';

/** Routes of this module (to be filled in). */
export function register(_app: Hono<AppEnv>, _deps: ServerDeps): void {}
