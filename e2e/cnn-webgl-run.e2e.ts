import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_URL, launchBrowser, screenshot, fillRunSettings } from './browser';

let browser: Browser;
let page: Page;
beforeAll(async () => {
  browser = await launchBrowser();
  // 1280×720: the smaller projector size the page must stay legible at.
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  page = await context.newPage();
});
afterAll(async () => {
  await browser?.close();
});

describe('a TSC run on the MNIST CNN on WebGL (SwiftShader), tiny configuration', () => {
  it('runs both stages on the CNN: conv channels and dense units are permuted, π(θ) ≡ θ', async () => {
    await page.goto(`${APP_URL}?backend=webgl`);
    await expect.poll(() => page.getByTestId('backend-status').getAttribute('data-backend'), { timeout: 60_000 }).toBe('webgl');
    await page.getByTestId('model-picker').selectOption('mnist-cnn-badnet');
    await expect.poll(async () => (await page.getByTestId('clean-accuracy').textContent())?.includes('%'), { timeout: 180_000 }).toBe(true);
    // 1 round, 1 curve epoch on a 1 % clean subset (80 images), 50 curve-eval images, 100 test images.
    await fillRunSettings(page, { rounds: 1, curveEpochs: 1, cleanPercent: 1, evalSamples: 50, testSamples: 100 });
    await page.getByTestId('run-button').click();
    await expect.poll(() => page.getByTestId('run-status').getAttribute('data-status'), { timeout: 600_000, interval: 1000 }).toBe('done');
    for (const stage of [1, 2]) {
      const points = page.locator(`.curve-point[data-round="1"][data-stage="${stage}"][data-series="poisonedLoss"][data-live="false"]`);
      expect(await points.count()).toBe(21);
    }
    // The CNN's three permutable groups: 16 and 32 conv channels, 128 dense units.
    const tabs = await page.getByTestId('perm-matrix').getByRole('tab').allTextContents();
    expect(tabs.filter((t) => /16|32|128/.test(t)).length).toBeGreaterThanOrEqual(3);
    expect(await page.getByTestId('perm-logit-diff').textContent()).toMatch(/e-[4-9]|e-1\d/);
    console.log(`[e2e] screenshot: ${await screenshot(page, 'cnn-webgl-run-1280')}`);
  }, 720_000);
});
