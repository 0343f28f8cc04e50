import type { Browser, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_URL, launchBrowser } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const origin = new URL(APP_URL).origin;
// blob: URLs (tfjs-backend-wasm's threads) carry the origin that made them
const originOf = (url: string) => new URL(url).origin;
const isCspMessage = (text: string) => /Content Security Policy/i.test(text);

describe('Content-Security-Policy of the built site (vite.config.ts)', () => {
  it('holds on the page and in the workers: normal use violates nothing, eval and inline scripts are refused, every request stays on the origin', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const contextRequests: string[] = [];
    context.on('request', (r) => contextRequests.push(r.url()));
    // the page's violations, from before its first script
    await context.addInitScript(() => {
      const seen: string[] = [];
      Object.assign(window, { __cspViolations: seen });
      document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.effectiveDirective} ${e.blockedURI}`));
    });
    const page = await context.newPage();
    const pageRequests: Request[] = [];
    page.on('request', (r) => pageRequests.push(r));
    // a worker's violations never reach the page's listener; Chromium logs them (CDP Log, source "worker")
    const cspLog: string[] = [];
    page.on('console', (m) => {
      if (isCspMessage(m.text())) cspLog.push(`console: ${m.text().slice(0, 300)}`);
    });
    const cdp = await context.newCDPSession(page);
    cdp.on('Log.entryAdded', ({ entry }) => {
      if (isCspMessage(entry.text)) cspLog.push(`${entry.source}: ${entry.text.slice(0, 300)}`);
    });
    await cdp.send('Log.enable');
    const violations = () => page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations);

    const workerStarted = page.waitForEvent('worker', { predicate: (w) => w.url().includes('compute.worker'), timeout: 60_000 });
    const response = await page.goto(`${APP_URL}?backend=wasm`);
    const pagePolicy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(pagePolicy).toContain("default-src 'self'");
    // the one blob: is for images (a figure's PNG export, src/views/export/png-export.ts): no blob: scripts or workers
    expect(pagePolicy?.replace("img-src 'self' blob:", '')).not.toMatch(/unsafe-eval|unsafe-inline|blob:/);
    expect(response?.headers()['content-security-policy']).toContain("default-src 'self'");
    const worker = await workerStarted;
    const workerScript = pageRequests.find((r) => r.url() === worker.url());
    const workerPolicy = (await workerScript?.response())?.headers()['content-security-policy'];
    expect(workerPolicy).toContain("'wasm-unsafe-eval'");
    expect(workerPolicy).not.toMatch(/'unsafe-eval'|'unsafe-inline'/);

    // normal use: the worker starts WASM on its threads (blob: workers), the precomputed view, moving t
    const chip = page.getByTestId('backend-status');
    await expect.poll(() => chip.getAttribute('data-backend'), { timeout: 60_000 }).toBe('wasm');
    expect(Number(await chip.getAttribute('data-threads'))).toBeGreaterThan(1);
    const grid = page.getByTestId('samples-grid');
    await page.getByTestId('t-slider').focus();
    await page.keyboard.press('Home');
    await expect.poll(() => grid.getAttribute('data-t')).toBe('0');
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
    await expect.poll(() => grid.getAttribute('data-t')).toBe('0.03');
    await page.waitForTimeout(500);
    expect(await violations()).toEqual([]);
    expect(cspLog).toEqual([]);

    // every request of the page and its workers (data, models, traces, .wasm) went to the app's origin
    const urls = [...contextRequests, ...pageRequests.map((r) => r.url())];
    expect(urls.filter((u) => originOf(u) !== origin)).toEqual([]);
    expect(urls.some((u) => u.endsWith('.wasm'))).toBe(true);
    expect(urls.some((u) => u.startsWith('blob:'))).toBe(true);

    // the policy is enforced: an injected inline script does not run, eval throws, on the page and in
    // the worker (a timer's task, since DevTools' own evaluation is exempt)
    const tryEval = () =>
      new Promise<string>((resolve) =>
        setTimeout(() => {
          try {
            resolve(String(eval('1')));
          } catch (e) {
            resolve((e as Error).name);
          }
        }),
      );
    const inlineRan = await page.evaluate(async () => {
      const script = document.createElement('script');
      script.textContent = 'window.__inlineRan = true';
      document.head.append(script);
      await new Promise((r) => setTimeout(r, 100));
      return '__inlineRan' in window;
    });
    expect(inlineRan).toBe(false);
    expect(await page.evaluate(tryEval)).toBe('EvalError');
    expect(await worker.evaluate(tryEval)).toBe('EvalError');
    // reported once by each of the page's two policies, the meta tag's and the header's
    await expect.poll(violations).toEqual(['script-src-elem inline', 'script-src-elem inline', 'script-src eval', 'script-src eval']);
    await context.close();
  });
});
