import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dealingAgent } from '../../agents/dealing.js';
import { packageRoot } from '../../runtime/paths.js';
import { testRuntime, type TestRuntime } from '../../testing/index.js';
import { createApp } from '../app.js';
import { CONTENT_SECURITY_POLICY, WEB_ROOT } from './web.js';

const NOW = '2025-12-26T10:00:00+08:00';
let t: TestRuntime;
let app: ReturnType<typeof createApp>['app'];

beforeAll(async () => {
  t = await testRuntime({ agents: [dealingAgent], now: NOW });
  app = createApp({ rt: t.rt, log: () => undefined }).app;
});
afterAll(() => t.close());

/** The CSP as directive → sources. */
function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...sources]) => [name!, sources]),
  );
}

describe('web page routes', () => {
  it('serves / without a token: HTML, a strict CSP, the runtime clock, no caching', async () => {
    const res = await app.request('/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('cache-control')).toBe('no-store');
    // The pinned runtime clock, not the machine's: the page's countdowns read it.
    expect(res.headers.get('x-server-time')).toBe(new Date(NOW).toISOString());
    const html = await res.text();
    expect(html).toContain('<script type="module" src="/assets/app.js"></script>');
    expect(html).toMatch(/<input id="token"[^>]*type="password"/);
  });

  it('answers HEAD / with the clock and no body (the page samples the server time this way)', async () => {
    const res = await app.request('/', { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-server-time')).toBe(new Date(NOW).toISOString());
    expect(await res.text()).toBe('');
  });

  it.each([
    ['app.js', 'text/javascript; charset=utf-8'],
    ['lib.js', 'text/javascript; charset=utf-8'],
    ['styles.css', 'text/css; charset=utf-8'],
    ['icon.svg', 'image/svg+xml'],
  ])('serves /assets/%s without a token as %s, under the same CSP', async (name, type) => {
    const res = await app.request(`/assets/${name}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(type);
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await res.arrayBuffer()).equals(readFileSync(join(WEB_ROOT, name)))).toBe(true);
  });

  it('serves nothing outside web/ and no unknown types', async () => {
    for (const path of ['/assets/..%2Fpackage.json', '/assets/%2E%2E%2Fpackage.json', '/assets/.hidden.js', '/assets/missing.js', '/assets/index.html', '/assets/x.json', '/assets/sub/app.js']) {
      const res = await app.request(path);
      expect([401, 404], path).toContain(res.status);
      expect(await res.text(), path).not.toContain('"name": "finagent"');
    }
    const missing = await app.request('/assets/missing.js');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: { code: 'not_found', message: 'no asset missing.js' } });
  });

  it('answers /favicon.ico without a token and keeps the API behind one', async () => {
    expect((await app.request('/favicon.ico')).status).toBe(204);
    const api = await app.request('/threads/search', { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
    expect(api.status).toBe(401);
  });

  it('has a CSP that is strict (self only, no inline or eval) yet lets the page load and call the API', () => {
    const d = directives(CONTENT_SECURITY_POLICY);
    expect(d.get('default-src')).toEqual(["'none'"]);
    for (const name of ['script-src', 'style-src', 'connect-src', 'img-src']) expect(d.get(name), name).toEqual(["'self'"]);
    expect(d.get('frame-ancestors')).toEqual(["'none'"]);
    expect(d.get('form-action')).toEqual(["'none'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-|https?:|data:|\*/);

    // What the policy forbids, the page must not need: inline scripts, styles, handlers; other origins.
    const html = readFileSync(join(WEB_ROOT, 'index.html'), 'utf8');
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/<style|\sstyle=|\son[a-z]+=/i);
    const urls = [...html.matchAll(/\b(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(urls.length).toBeGreaterThanOrEqual(3);
    for (const u of urls) {
      expect(u, u).toMatch(/^\/assets\/[\w.-]+$/);
      expect(readdirSync(WEB_ROOT), u).toContain(u.slice('/assets/'.length));
    }
    for (const file of ['app.js', 'lib.js']) {
      const js = readFileSync(join(WEB_ROOT, file), 'utf8');
      expect(js, file).not.toMatch(/\beval\(|new Function|innerHTML|insertAdjacentHTML|document\.write|https?:\/\//);
      for (const m of js.matchAll(/from '([^']+)'/g)) expect(m[1], file).toMatch(/^\.\/[\w-]+\.js$/);
    }
    expect(readFileSync(join(WEB_ROOT, 'styles.css'), 'utf8')).not.toMatch(/@import|url\(/);
  });

  it('has page scripts that type-check against the DOM (there is no build step to catch mistakes)', () => {
    // checkJs with the JSDoc types in the files; strict, browser libs only (no Node types).
    const dir = mkdtempSync(join(tmpdir(), 'finagent-web-tsc-'));
    const config = join(dir, 'tsconfig.json');
    const files = ['app.js', 'lib.js'].map((f) => join(WEB_ROOT, f));
    writeFileSync(config, JSON.stringify({ compilerOptions: { allowJs: true, checkJs: true, noEmit: true, strict: true, target: 'es2022', module: 'esnext', moduleResolution: 'bundler', lib: ['es2023', 'dom', 'dom.iterable'], types: [] }, files }));
    const tsc = join(packageRoot, 'node_modules', 'typescript', 'bin', 'tsc');
    let out = '';
    try {
      execFileSync(process.execPath, [tsc, '-p', config], { encoding: 'utf8', stdio: 'pipe' });
    } catch (e) {
      out = String((e as { stdout?: string }).stdout ?? e);
    }
    expect(out).toBe('');
  }, 60_000);

  it('ships web/ in the package', () => {
    const pkg = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { files: string[] };
    expect(pkg.files).toContain('web');
  });
});

/** The page's pure module (web/lib.js), run in Node. */
interface WebLib {
  sseParser(dispatch: (event: string, data: string) => void): { push(chunk: string): void; end(): void };
  normalizeMessage(m: unknown): { type: string; id: string; text: string; toolCalls: string[]; name: string; status: string; chunk: boolean };
  serverClock(): { observe(serverMs: number, width: number, t0: number, t1: number, from: 'runtime' | 'date'): void; offset(): number; readonly source: string };
  formatLeft(ms: number): string;
  formatSize(n: unknown, ccy: string, lang: 'en' | 'zh'): string;
  approvalIdOf(values: unknown): string | undefined;
}
const lib = (await import(pathToFileURL(join(WEB_ROOT, 'lib.js')).href)) as WebLib;

describe('web/lib.js', () => {
  function parse(chunks: string[]): [string, string][] {
    const out: [string, string][] = [];
    const p = lib.sseParser((e, d) => out.push([e, d]));
    for (const c of chunks) p.push(c);
    p.end();
    return out;
  }

  it('parses text/event-stream however the bytes are cut', () => {
    const stream = 'event: metadata\r\ndata: {"run_id":"r1"}\r\n\r\n: keep-alive\n\nevent: values\ndata: {"a":\ndata:1}\n\nevent:end\ndata:null\n\n';
    const expected = [
      ['metadata', '{"run_id":"r1"}'],
      ['values', '{"a":\n1}'],
      ['end', 'null'],
    ];
    expect(parse([stream])).toEqual(expected);
    // Every split point, including between the CR and LF of a CRLF.
    for (let i = 1; i < stream.length; i++) expect(parse([stream.slice(0, i), stream.slice(i)]), `split at ${i}`).toEqual(expected);
    expect(parse(stream.split(''))).toEqual(expected);
  });

  it('accepts CR-only line ends, defaults the event name, and drops an unterminated event', () => {
    expect(parse(['data: x\r\r', 'data:  two spaces\n\n'])).toEqual([
      ['message', 'x'],
      ['message', ' two spaces'],
    ]);
    expect(parse(['event: values\ndata: {"cut":'])).toEqual([]);
  });

  it('reads messages in LangGraph dict form and LangChain serialized form', () => {
    expect(lib.normalizeMessage({ type: 'ai', id: 'a1', content: '报价 1.7425', tool_calls: [] })).toMatchObject({ type: 'ai', text: '报价 1.7425', chunk: false });
    expect(lib.normalizeMessage({ role: 'user', content: [{ type: 'text', text: 'hi' }] })).toMatchObject({ type: 'human', text: 'hi' });
    // AIMessageChunk.toDict() says type "ai": the chunk-only field tells a streamed piece.
    expect(lib.normalizeMessage({ type: 'ai', id: 'a1', content: '报', tool_call_chunks: [] })).toMatchObject({ type: 'ai', chunk: true });
    const lc = { lc: 1, type: 'constructor', id: ['langchain_core', 'messages', 'AIMessageChunk'], kwargs: { id: 'c1', content: '5年', tool_calls: [{ name: 'request_quote', args: {} }] } };
    expect(lib.normalizeMessage(lc)).toEqual({ type: 'ai', id: 'c1', text: '5年', toolCalls: ['request_quote'], name: '', status: '', chunk: true });
    expect(lib.normalizeMessage({ lc: 1, id: ['x', 'ToolMessage'], kwargs: { name: 'counter_quote', status: 'error', content: 'Error: …' } })).toMatchObject({ type: 'tool', name: 'counter_quote', status: 'error' });
  });

  it('estimates the server clock from samples, prefers the runtime clock and restarts when it jumps', () => {
    const c = lib.serverClock();
    expect(c.offset()).toBe(0);
    // Date header (whole seconds) first: server 1000 s ahead, read between t0=0 and t1=200.
    c.observe(1_000_000, 1000, 0, 200, 'date');
    expect(c.offset()).toBeGreaterThanOrEqual(999_800);
    expect(c.offset()).toBeLessThanOrEqual(1_001_000);
    // A runtime-clock sample replaces it and Date headers are then ignored.
    c.observe(5_000_100, 0, 100, 140, 'runtime');
    expect(c.source).toBe('runtime');
    expect(c.offset()).toBe(5_000_100 - 120);
    c.observe(9_999_999_999, 1000, 0, 0, 'date');
    expect(c.offset()).toBe(5_000_100 - 120);
    // A tighter consistent sample narrows the interval: offset ∈ [4_999_960, 4_999_990].
    c.observe(5_001_000, 0, 1010, 1040, 'runtime');
    expect(c.offset()).toBe((4_999_960 + 4_999_990) / 2);
    // A pinned (frozen) server clock: the next sample contradicts the interval, so it starts over.
    c.observe(5_000_100, 0, 60_000, 60_010, 'runtime');
    expect(c.offset()).toBe(5_000_100 - 60_005);
  });

  it('formats sizes as the desk says them and the time left', () => {
    expect(lib.formatSize(100_000_000, 'CNY', 'zh')).toBe('1亿 CNY');
    expect(lib.formatSize(50_000_000, 'CNY', 'zh')).toBe('5000万 CNY');
    expect(lib.formatSize(1_000_000_000, 'CNY', 'en')).toBe('1000mm CNY (10亿)');
    expect(lib.formatSize(50_000_000, 'USD', 'zh')).toBe('50mm USD');
    expect(lib.formatSize(null, 'CNY', 'en')).toBe('—');
    expect(lib.formatLeft(29_001)).toBe('0:30');
    expect(lib.formatLeft(90_000)).toBe('1:30');
    expect(lib.formatLeft(-5)).toBe('0:00');
  });

  it('finds the approval id of a pending quote in the state, the tool notes or the reply', () => {
    expect(lib.approvalIdOf({ state: { rfq: { approvalId: 'APR-20251226-0009' } } })).toBe('APR-20251226-0009');
    const toolCalls = [{ name: 'request_quote', result: { notes: [{ code: 'approval_required', data: { approvalId: 'APR-20251226-0001' } }] } }];
    expect(lib.approvalIdOf({ toolCalls, reply: 'APR-20251226-0002' })).toBe('APR-20251226-0001');
    expect(lib.approvalIdOf({ toolCalls: [], reply: '已提交审批 APR-20251226-0002，审批前为意向价' })).toBe('APR-20251226-0002');
    expect(lib.approvalIdOf({ reply: 'no id' })).toBeUndefined();
  });
});
