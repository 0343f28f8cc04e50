import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_URL, launchBrowser, newPage, screenshot, fillRunSettings } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('WASM in the page: threads under cross-origin isolation, and the backend probe', () => {
  it('serves COOP/COEP, runs WASM on more than one thread, and trains the CNN on it (the engine’s WASM gradients)', async () => {
    const page = await newPage(browser);
    // the run's evaluations go to a second worker started by the compute worker (src/worker/eval-worker-start.ts)
    const workers: string[] = [];
    const consoleErrors: string[] = [];
    page.on('worker', (w) => workers.push(w.url()));
    page.on('console', (msg) => void (msg.type() === 'error' && consoleErrors.push(msg.text())));
    const response = await page.goto(`${APP_URL}?backend=wasm`);
    expect(response?.headers()['cross-origin-opener-policy']).toBe('same-origin');
    expect(response?.headers()['cross-origin-embedder-policy']).toBe('require-corp');
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    const chip = page.getByTestId('backend-status');
    await expect.poll(() => chip.getAttribute('data-backend'), { timeout: 60_000 }).toBe('wasm');
    expect(await chip.getAttribute('data-choice')).toBe('forced');
    expect(await chip.getAttribute('data-isolated')).toBe('true');
    expect(Number(await chip.getAttribute('data-threads'))).toBeGreaterThan(1);
    expect(await chip.textContent()).toMatch(/WASM · \d+ threads, cross-origin isolated; TSC evaluation on a second worker set by the link/);

    // Conv layers train on WASM only through the engine's own gradients (docs/runtime.md §6).
    await page.getByTestId('model-picker').selectOption('mnist-cnn-badnet');
    await expect.poll(async () => (await page.getByTestId('clean-accuracy').textContent())?.includes('%'), { timeout: 120_000 }).toBe(true);
    await fillRunSettings(page, { rounds: 1, curveEpochs: 1, cleanPercent: 1, evalSamples: 50, testSamples: 100 });
    await page.getByTestId('run-button').click();
    await expect.poll(() => page.getByTestId('run-status').getAttribute('data-status'), { timeout: 240_000, interval: 500 }).toBe('done');
    expect(await page.locator('.curve-point[data-round="1"][data-stage="2"][data-series="poisonedLoss"][data-live="false"]').count()).toBe(21);
    expect(workers.filter((url) => /eval-worker-[\w-]+\.js$/.test(url))).toHaveLength(1);
    expect(consoleErrors.filter((text) => text.includes('evaluation worker unavailable'))).toEqual([]);
    expect(await page.getByTestId('perm-logit-diff').textContent()).toMatch(/e-[4-9]|e-1\d/);
    await page.close();
  });

  it('left to itself, probes the backends, picks WASM over SwiftShader’s WebGPU, and remembers it', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    const t0 = Date.now();
    await page.goto(APP_URL);
    const chip = page.getByTestId('backend-status');
    await expect.poll(() => chip.getAttribute('data-choice'), { timeout: 60_000, interval: 100 }).toBe('probe');
    const text = await chip.textContent();
    console.log(`[e2e] backend chip ${Date.now() - t0} ms after navigation (the worker starts after the first view): ${text}`);
    expect(await chip.getAttribute('data-backend')).toBe('wasm');
    // WebGPU's probe may end before its adapter is known to be software (e.g. over its budget while starting)
    // WASM is timed on every core and on one thread; the faster one is what the worker runs on
    const probe = /fastest in a probe: wasm ×(\d+) threads: (.+?) · wasm ×1 thread: (.+?) · webgpu( \(software adapter\))?: /.exec(text ?? '');
    expect(probe, text ?? '').not.toBeNull();
    // which one wins is the probe's measured work (src/worker/backend-choice.ts, unit-tested); here: one of the two
    expect([1, Number(probe?.[1])]).toContain(Number(await chip.getAttribute('data-threads')));
    console.log(`[e2e] screenshot: ${await screenshot(page, 'backend-probe')}`);
    // the next visit in this browser starts the winner without probing
    await page.reload();
    await expect.poll(() => chip.getAttribute('data-choice'), { timeout: 60_000 }).toBe('cached');
    expect(await chip.getAttribute('data-backend')).toBe('wasm');
    await context.close();
  });
});
