import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defined } from '../src/engine/defined';
import { APP_URL, launchBrowser, newPage, screenshot } from './browser';

let noWebgpu: Browser;
let browser: Browser;
beforeAll(async () => {
  noWebgpu = await launchBrowser({ webgpu: false });
  browser = await launchBrowser();
});
afterAll(async () => {
  await noWebgpu?.close();
  await browser?.close();
});

describe('backend fallback, bad data, persistence', () => {
  it('falls back to WebGL and says why when no WebGPU adapter exists', async () => {
    const page = await newPage(noWebgpu);
    await page.goto(`${APP_URL}?backend=webgpu`); // asked for WebGPU; left to itself the page would probe and pick WASM
    const chip = page.getByTestId('backend-status');
    await expect.poll(() => chip.getAttribute('data-backend'), { timeout: 60_000 }).toBe('webgl');
    expect(await chip.textContent()).toMatch(/fell back: webgpu: no WebGPU adapter available/);
    await expect.poll(async () => (await page.getByTestId('clean-accuracy').textContent())?.includes('%'), { timeout: 120_000 }).toBe(true);
    console.log(`[e2e] screenshot: ${await screenshot(page, 'fallback-webgl')}`);
    await page.close();
  });

  it('shows a clear error (not a blank page) when a data file is corrupt', async () => {
    const page = await newPage(browser);
    await page.route('**/data/mnist-test.bin', (route) =>
      route.fulfill({ status: 200, body: Buffer.from('<!doctype html><html><body>An HTML page, not the data file</body></html>') }),
    );
    await page.goto(`${APP_URL}?backend=cpu`);
    const error = page.getByTestId('error');
    await expect.poll(() => error.textContent(), { timeout: 60_000 }).toMatch(/mnist-test\.bin.*bad magic.*npm run prepare-data/);
    expect(await page.getByTestId('model-picker').isVisible()).toBe(true);
    // the predictions grid still shows the precomputed trace: it needs no data file
    expect(await page.getByTestId('samples-grid').getAttribute('data-source')).toBe('precomputed');
    console.log(`[e2e] screenshot: ${await screenshot(page, 'corrupt-data-error')}`);
    await page.close();
  });

  it('evaluates a CNN on WebGL and keeps the chosen model across a reload', async () => {
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    const page = await context.newPage();
    await page.goto(`${APP_URL}?backend=webgl`);
    await expect.poll(() => page.getByTestId('backend-status').getAttribute('data-backend'), { timeout: 60_000 }).toBe('webgl');
    await page.getByTestId('model-picker').selectOption('mnist-cnn-badnet');
    const acc = page.getByTestId('clean-accuracy');
    await expect.poll(async () => (await page.getByTestId('metrics').textContent())?.includes('2,000 clean test images'), { timeout: 180_000 }).toBe(true);
    expect(Number(defined(await acc.textContent(), 'clean-accuracy text').replace('%', ''))).toBeGreaterThan(97);
    expect(Number(defined(await page.getByTestId('attack-success-rate').textContent(), 'attack-success-rate text').replace('%', ''))).toBeGreaterThan(95);
    console.log(`[e2e] screenshot: ${await screenshot(page, 'cnn-webgl-1920')}`);
    await page.reload();
    await expect.poll(() => page.getByTestId('model-picker').inputValue(), { timeout: 30_000 }).toBe('mnist-cnn-badnet');
    await context.close();
  });
});
