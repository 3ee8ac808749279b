/**
 * The web chat page: `/` and `/assets/*` from the package's `web/` folder (plain HTML, one hand-written
 * ES module, one stylesheet — nothing to build). Public (the page holds no data; every API call it
 * makes carries the user's token), with a strict Content-Security-Policy: same-origin scripts, styles
 * and connections only, no inline code, no framing.
 */
import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { Context, Hono } from 'hono';
import { packageRoot } from '../../runtime/paths.js';
import type { AppEnv, ServerDeps } from '../env.js';
import { jsonError } from '../errors.js';

/** The page's folder inside the installed package (shipped through `files` in package.json). */
export const WEB_ROOT = join(packageRoot, 'web');

/**
 * Self only. `connect-src 'self'` is what the page's fetch/SSE to the API needs; `form-action 'none'`
 * because the login form is handled in script and must never submit the token in a URL.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/** One plain file name with a known type: no folders, no dot-files, so no path can leave `web/`. */
const ASSET_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*\.(?:js|css|svg)$/;

function secure(c: Context<AppEnv>, type: string): void {
  c.header('Content-Type', type);
  c.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  c.header('X-Content-Type-Options', 'nosniff');
  c.header('Referrer-Policy', 'no-referrer');
  c.header('X-Frame-Options', 'DENY');
  // Not fingerprinted: revalidate every load so an upgraded package is picked up at once.
  c.header('Cache-Control', 'no-cache');
}

async function sendFile(c: Context<AppEnv>, name: string, headers: Record<string, string> = {}) {
  let body: Buffer;
  try {
    body = await readFile(join(WEB_ROOT, name));
  } catch {
    return jsonError(c, 404, 'not_found', `no asset ${name}`);
  }
  secure(c, TYPES[extname(name)] ?? 'application/octet-stream');
  for (const [k, v] of Object.entries(headers)) c.header(k, v);
  return c.body(new Uint8Array(body));
}

export function register(app: Hono<AppEnv>, _deps: ServerDeps): void {
  app.get('/', (c) =>
    // X-Server-Time (the runtime's clock) is set on every response by the app; the page samples it
    // with `HEAD /`, so the page itself must not be cached.
    sendFile(c, 'index.html', { 'Cache-Control': 'no-store' }),
  );
  app.get('/assets/:name', (c) => {
    const name = c.req.param('name');
    if (!ASSET_NAME.test(name)) return jsonError(c, 404, 'not_found', `no asset ${name}`);
    return sendFile(c, name);
  });
  // Browsers ask for it unprompted; the page declares its icon (/assets/icon.svg) instead.
  app.get('/favicon.ico', (c) => c.body(null, 204));
}
