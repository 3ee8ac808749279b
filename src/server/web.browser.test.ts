/**
 * The web chat page end to end: a real server (`startServer`: `createApp` over `createRuntime`,
 * served by @hono/node-server on a free port) and the Debian Chromium driven by playwright-core. A trader
 * quotes, a desk head approves from a second browser context, the trader's card turns firm.
 * Without Chromium the test is reported as skipped (and says SKIPPED), never as passed.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueToken } from '../auth/tokens.js';
import { createRuntime, type Runtime } from '../runtime/runtime.js';
import { startServer, type RunningServer } from './serve.js';

const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
/** This machine's closed network refuses Chromium's background connections: switch them off. */
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
/** The bundled market data's day, 10:00 Shanghai: the market is open, so quotes are firm. */
const START = Date.parse('2025-12-26T10:00:00+08:00');
/** How long the page may take to show something (generous: CI runs the suite in parallel). */
const WAIT = 15_000;

if (!CHROMIUM) console.log('SKIPPED: web chat browser test — no Chromium at /usr/bin/chromium (.ci/run installs chromium and fonts-wqy-microhei)');

let rt: Runtime;
let server: RunningServer | undefined;
let base = '';
let browser: Browser;
const shots = mkdtempSync(join(tmpdir(), 'finagent-web-'));
const serverLog: Record<string, unknown>[] = [];

beforeAll(async () => {
  if (!CHROMIUM) return;
  // Starts at the pinned instant and advances with a monotonic timer (not the wall clock), so quotes
  // are firm and their validity really runs out — and the server's clock is a year away from the
  // browser's, which the countdown must not notice.
  const t0 = performance.now();
  rt = await createRuntime({ home: mkdtempSync(join(tmpdir(), 'finagent-web-home-')), config: { provider: 'offline' }, now: () => new Date(START + (performance.now() - t0)) });
  // What `finagent serve` runs: createApp over the runtime on @hono/node-server, here on a free port.
  server = await startServer({ rt, port: 0, log: (e) => serverLog.push(e) });
  base = server.url;
  // playwright-core gives every launch a fresh, throw-away user data dir.
  browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS, headless: true });
});

afterAll(async () => {
  await browser?.close();
  // Stops the server and closes the runtime.
  await server?.stop({ graceMs: 1000 });
});

/** A browser context as one user: page errors and every request URL are recorded. */
async function open(locale: string): Promise<{ ctx: BrowserContext; page: Page; errors: string[]; urls: string[] }> {
  // A desk in Shanghai: times on the page (thread list) read as the traders read them.
  const ctx = await browser.newContext({ locale, timezoneId: 'Asia/Shanghai', viewport: { width: 1280, height: 860 } });
  const page = await ctx.newPage();
  const errors: string[] = [];
  const urls: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  page.on('request', (r) => urls.push(r.url()));
  await page.goto(`${base}/`);
  return { ctx, page, errors, urls };
}

async function signIn(page: Page, token: string, name: string): Promise<void> {
  await page.locator('#token').fill(token);
  await page.locator('#login-form button[type=submit]').click();
  await expect.poll(() => page.locator('#who-name').textContent(), { timeout: WAIT }).toBe(name);
}

/** Milliseconds left on the card's countdown (the page writes it beside the m:ss text). */
async function msLeft(page: Page): Promise<number> {
  return Number(await page.locator('#rfq-countdown').getAttribute('data-ms-left'));
}

/**
 * True when the Chinese characters draw as distinct glyphs in the page's font: with no CJK font,
 * every one of them draws as the same missing-glyph box.
 */
async function cjkGlyphsDiffer(page: Page, chars: string): Promise<boolean> {
  // Page scripts are strings: this project's TypeScript has no DOM types (Node code only).
  const same = await page.evaluate(`(() => {
    const canvas = document.createElement('canvas');
    canvas.width = 40;
    canvas.height = 40;
    const g = canvas.getContext('2d');
    g.font = '32px ' + getComputedStyle(document.body).fontFamily;
    const images = [...${JSON.stringify(chars)}].map((ch) => {
      g.clearRect(0, 0, 40, 40);
      g.fillText(ch, 2, 32);
      return g.getImageData(0, 0, 40, 40).data.join(',');
    });
    return new Set(images).size === images.length;
  })()`);
  return same === true;
}

/** The token the page keeps in sessionStorage (null when signed out). */
function storedToken(page: Page): Promise<unknown> {
  return page.evaluate(`sessionStorage.getItem('finagent.token')`);
}

describe('web chat page in headless Chromium', () => {
  it.skipIf(!CHROMIUM)(
    'trader quotes 5年国开, a large RFQ waits for approval, the desk head approves in a second context, the card turns firm',
    async () => {
      const timing: Record<string, number> = {};
      let mark = performance.now();
      const step = (name: string) => {
        const t = performance.now();
        timing[name] = Math.round(t - mark);
        mark = t;
      };
      const trader = await issueToken(rt.stores.tokens, 't.zhang', rt.now());
      const head = await issueToken(rt.stores.tokens, 'l.wang', rt.now());

      // --- The trader signs in (labels follow the browser's language: zh-CN).
      const zhang = await open('zh-CN');
      const tp = zhang.page;
      await expect.poll(() => tp.locator('#login-title').textContent(), { timeout: WAIT }).toBe('登录');
      await signIn(tp, trader.token, 'Zhang Tao');
      expect(await tp.locator('#who-role').textContent()).toBe('交易员 · rates');
      expect(await storedToken(tp)).toBe(trader.token);
      await tp.locator('[data-assistant="dealing"]').click();
      await expect.poll(() => tp.locator('[data-assistant="dealing"]').getAttribute('aria-pressed'), { timeout: WAIT }).toBe('true');
      step('trader signed in, assistant picked');

      // Record what the page shows while the reply streams (progress line and the reply bubble).
      await tp.evaluate(`(() => {
        const seen = (window.__seen = []);
        new MutationObserver(() => {
          const p = document.getElementById('progress');
          if (p && !p.hidden && p.textContent) seen.push(p.textContent);
        }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
      })()`);
      await tp.locator('#message').fill('5年国开 2.15 出 1E +0');
      await tp.locator('#message').press('Enter');
      await expect.poll(() => tp.locator('#rfq').getAttribute('data-status'), { timeout: WAIT }).toBe('QUOTED');
      step('first quote streamed');

      const seen = (await tp.evaluate('window.__seen')) as string[];
      // Progress came from the stream's events while the turn ran, before the reply was complete.
      expect(seen.some((s) => s.includes('parse_dealer_message')), seen.join(' | ')).toBe(true);
      expect(seen.some((s) => s.includes('request_quote')), seen.join(' | ')).toBe(true);
      expect(await tp.locator('#progress').isHidden()).toBe(true);
      const bubbles = tp.locator('.bubble.assistant .text');
      await expect.poll(() => bubbles.count(), { timeout: WAIT }).toBe(1);
      const reply = (await bubbles.first().textContent()) ?? '';
      expect(reply).toMatch(/实盘/);
      expect(await tp.locator('.bubble.user .text').first().textContent()).toBe('5年国开 2.15 出 1E +0');

      // The card shows what the server holds for the thread.
      const threadId = (await tp.locator('#threads [aria-pressed="true"]').getAttribute('data-thread'))!;
      const held = (await rt.threadResult(threadId, { user: await rt.user('t.zhang'), method: 'harness' }))!.state as {
        rfq: { id: string; quote: { bid: number; offer: number; validUntil: string } };
      };
      expect(await tp.locator('#rfq').getAttribute('data-firm')).toBe('true');
      expect(await tp.locator('#rfq-id').textContent()).toBe(held.rfq.id);
      expect(await tp.locator('#rfq-instrument').textContent()).toMatch(/国开.*\(\d{6}\)/);
      expect(await tp.locator('#rfq-side').textContent()).toBe('客户卖出');
      expect(await tp.locator('#rfq-size').textContent()).toBe('1亿 CNY');
      expect(await tp.locator('#rfq-level').textContent()).toBe(`${held.rfq.quote.bid} / ${held.rfq.quote.offer} 收益率 %`);
      expect(await tp.locator('#rfq-firm').textContent()).toBe('实盘');
      expect(reply).toContain(String(held.rfq.quote.bid));

      // The countdown runs on the server's clock (a year behind the browser's) and goes down.
      const ttl = Date.parse(held.rfq.quote.validUntil) - rt.now().getTime();
      const first = await msLeft(tp);
      expect(first).toBeGreaterThan(0);
      expect(first).toBeLessThanOrEqual(ttl + 1500);
      await tp.waitForTimeout(1300);
      const second = await msLeft(tp);
      expect(second).toBeLessThan(first - 800);
      expect(second).toBeGreaterThan(0);
      expect(await tp.locator('#rfq-countdown').textContent()).toMatch(/^0:[0-5]\d$/);
      step('card and countdown checked');

      // Chinese renders as text: present in the DOM and drawn with real glyphs.
      expect(await tp.locator('body').innerText()).toMatch(/客户卖出[\s\S]*实盘/);
      expect(await cjkGlyphsDiffer(tp, '客户卖出国开实盘')).toBe(true);
      await tp.screenshot({ path: join(shots, '1-trader-quote.png'), fullPage: true });

      // --- A large one: indicative until a desk head approves.
      await tp.locator('#message').fill('220205 收 10E 客户 HXCB');
      await tp.locator('#send').click();
      await expect.poll(() => tp.locator('#rfq').getAttribute('data-status'), { timeout: WAIT }).toBe('PENDING_APPROVAL');
      expect(await tp.locator('#rfq').getAttribute('data-firm')).toBe('false');
      const pendingText = (await tp.locator('#rfq-firm').textContent()) ?? '';
      const approvalId = /APR-\d{8}-\d+/.exec(pendingText)?.[0];
      expect(approvalId, pendingText).toBeDefined();
      expect(pendingText).toContain('待交易主管审批');
      expect(await tp.locator('#rfq-size').textContent()).toBe('10亿 CNY');
      expect(await tp.locator('#rfq-countdown').textContent()).toBe('—');
      await tp.screenshot({ path: join(shots, '2-trader-pending.png'), fullPage: true });
      step('large RFQ pending approval');

      // --- The desk head, in a second browser context (own session, English labels).
      const wang = await open('en-US');
      const hp = wang.page;
      await signIn(hp, head.token, 'Wang Lei');
      expect(await hp.locator('#who-role').textContent()).toBe('desk head · rates');
      const item = hp.locator(`#approval-list [data-approval-id="${approvalId}"]`);
      await expect.poll(() => item.count(), { timeout: WAIT }).toBe(1);
      const itemText = (await item.textContent()) ?? '';
      expect(itemText).toContain('22国开05 (220205)');
      expect(itemText).toContain('client buys');
      expect(itemText).toContain('1000mm CNY (10亿)');
      expect(itemText).toContain('t.zhang');
      expect(itemText).toMatch(/expires in \d+:\d\d/);
      expect(await cjkGlyphsDiffer(hp, '国开亿')).toBe(true);
      await hp.screenshot({ path: join(shots, '3-desk-head-queue.png'), fullPage: true });
      await item.getByRole('button', { name: 'Approve' }).click();
      await expect.poll(() => hp.locator('#notice').textContent(), { timeout: WAIT }).toBe(`${approvalId}: approved.`);
      await expect.poll(() => item.count(), { timeout: WAIT }).toBe(0);
      step('desk head approved');

      // --- The trader's card turns firm by itself: it re-reads the thread state every 3 s while
      // the quote waits for approval (the Refresh button does the same on demand).
      await expect.poll(() => tp.locator('#rfq').getAttribute('data-status'), { timeout: WAIT }).toBe('QUOTED');
      expect(await tp.locator('#rfq').getAttribute('data-firm')).toBe('true');
      expect(await tp.locator('#rfq-firm').textContent()).toBe('实盘');
      expect(await msLeft(tp)).toBeGreaterThan(0);
      await tp.screenshot({ path: join(shots, '4-trader-firm.png'), fullPage: true });
      step('trader card firm after approval');

      // A reload keeps the session (sessionStorage) and reopens the thread from the server's state.
      await tp.reload();
      await expect.poll(() => tp.locator('#rfq').getAttribute('data-status'), { timeout: WAIT }).toBe('QUOTED');
      expect(await tp.locator('#rfq-id').textContent()).toBe((await rt.stores.approvals.get(approvalId!))!.rfqId);
      expect(await tp.locator('.bubble.user .text').allTextContents()).toEqual(['5年国开 2.15 出 1E +0', '220205 收 10E 客户 HXCB']);
      expect(await tp.locator('.bubble.assistant .text').count()).toBe(2);
      expect(await tp.locator('#threads [data-thread] .item-title').first().textContent()).toBe('5年国开 2.15 出 1E +0');
      // The labels switch language; the conversation stays as the assistant wrote it.
      await tp.locator('#lang-toggle').click();
      expect(await tp.locator('#rfq-firm').textContent()).toBe('Firm');
      expect(await tp.locator('#rfq-side').textContent()).toBe('client buys');
      expect(await tp.locator('#rfq-size').textContent()).toBe('1000mm CNY (10亿)');
      await tp.locator('#lang-toggle').click();
      step('reload and language toggle');

      // --- Log out: the token leaves the tab; it never was in a URL.
      await tp.locator('#logout').click();
      await expect.poll(() => tp.locator('#login').isVisible(), { timeout: WAIT }).toBe(true);
      expect(await storedToken(tp)).toBeNull();
      for (const u of [...zhang.urls, ...wang.urls]) {
        expect(u).not.toContain(trader.token);
        expect(u).not.toContain(head.token);
      }
      // No script errors and nothing refused by the Content-Security-Policy.
      expect(zhang.errors, zhang.errors.join('\n')).toEqual([]);
      expect(wang.errors, wang.errors.join('\n')).toEqual([]);
      await zhang.ctx.close();
      await wang.ctx.close();
      console.log(`web browser test: screenshots in ${shots}; ms per step ${JSON.stringify(timing)}`);
    },
    120_000,
  );
});
