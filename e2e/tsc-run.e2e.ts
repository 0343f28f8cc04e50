import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_URL, launchBrowser, newPage, screenshot } from './browser';

let browser: Browser;
let page: Page;
beforeAll(async () => {
  browser = await launchBrowser();
  page = await newPage(browser);
});
afterAll(async () => {
  await browser?.close();
});

async function fill(testId: string, value: string): Promise<void> {
  await page.getByTestId(testId).fill(value);
  await page.getByTestId(testId).blur();
}

/** data-value of the curve points of one series, ordered by t. */
async function seriesValues(round: number, stage: number, series: string): Promise<{ t: number; v: number }[]> {
  const pts = page.locator(`.curve-point[data-round="${round}"][data-stage="${stage}"][data-series="${series}"][data-live="false"]`);
  const values = await pts.evaluateAll((els) => els.map((e) => ({ t: Number(e.getAttribute('data-t')), v: Number(e.getAttribute('data-value')) })));
  return values.sort((a, b) => a.t - b.t);
}

describe('a TSC run in the page on WebGPU (SwiftShader), tiny configuration', () => {
  it('runs TSC on the MNIST MLP, draws both stages, moves t, shows a permutation matrix', async () => {
    await page.goto(APP_URL);
    await expect.poll(() => page.getByTestId('backend-status').getAttribute('data-backend'), { timeout: 60_000 }).toBe('webgpu');
    await expect.poll(async () => (await page.getByTestId('clean-accuracy').textContent())?.includes('%'), { timeout: 180_000 }).toBe(true);
    // SwiftShader's WebGPU is slow: 1 round, 2 curve epochs, 2 % clean subset, 100 curve-eval images, 200 test images for ACC/ASR.
    await fill('rounds-input', '1');
    await fill('curve-epochs-input', '2');
    await fill('clean-fraction-input', '2');
    await fill('eval-samples-input', '100');
    await fill('test-samples-input', '200');
    await page.getByTestId('run-button').click();
    await expect.poll(() => page.getByTestId('run-status').getAttribute('data-status'), { timeout: 10_000 }).toBe('running');
    await expect.poll(() => page.getByTestId('run-status').getAttribute('data-status'), { timeout: 480_000, interval: 1000 }).toBe('done');

    for (const stage of [1, 2]) {
      for (const series of ['cleanLoss', 'poisonedLoss']) expect((await seriesValues(1, stage, series)).length).toBe(21);
    }
    const poisoned = await seriesValues(1, 1, 'poisonedLoss');
    const at = (t: number) => poisoned.find((p) => Math.abs(p.t - t) < 1e-9)!.v;
    expect(at(0.4)).toBeGreaterThan(at(0));

    // Move t with the keyboard: the read-out changes within a frame.
    const readout = page.getByTestId('t-readout');
    const before = await readout.textContent();
    await page.getByTestId('t-slider').focus();
    for (let k = 0; k < 15; k++) await page.keyboard.press('ArrowRight');
    await expect.poll(() => readout.textContent()).not.toBe(before);
    // θ(t)'s predictions follow.
    await expect.poll(() => page.getByTestId('samples-grid').getAttribute('data-stale'), { timeout: 60_000 }).toBe('false');

    // Stage 2 (align) is selected after the run; its permutation keeps many units in place.
    const stats = page.getByTestId('perm-stats');
    await expect.poll(() => stats.isVisible()).toBe(true);
    const alignMean = Number(await page.getByTestId('perm-mean-matched').textContent());
    // Stage 1 (un-align): almost no unit stays in place and matched correlations are low.
    await page.getByRole('tab', { name: /R1 · stage 1/ }).click();
    expect(await page.getByTestId('perm-matrix').textContent()).toMatch(/un-align/);
    expect(Number(await page.getByTestId('perm-fixed-points').textContent())).toBeLessThanOrEqual(5);
    const unalignMean = Number(await page.getByTestId('perm-mean-matched').textContent());
    expect(unalignMean).toBeLessThan(alignMean);
    expect(await page.getByTestId('perm-logit-diff').textContent()).toMatch(/e-[5-9]|e-1\d/);
    expect(await page.getByTestId('results-table').textContent()).toMatch(/final \(TSC\)/);
    console.log(`[e2e] screenshot: ${await screenshot(page, 'tsc-run-webgpu')}`);
  }, 600_000);

  it('cancels a second run midway and stays responsive', async () => {
    await fill('curve-epochs-input', '200');
    await page.getByTestId('run-button').click();
    await expect.poll(() => page.getByTestId('run-status').getAttribute('data-status'), { timeout: 10_000 }).toBe('running');
    await expect.poll(() => page.getByTestId('progress').isVisible(), { timeout: 120_000 }).toBe(true);
    await page.getByTestId('cancel-button').click();
    await expect.poll(() => page.getByTestId('run-status').getAttribute('data-status'), { timeout: 60_000 }).toBe('cancelled');
    // The page still answers: change the model picker and the card follows.
    await page.getByTestId('model-picker').selectOption('mnist-mlp-blended');
    await expect.poll(() => page.getByTestId('model-card').textContent()).toMatch(/Blended/);
    console.log(`[e2e] screenshot: ${await screenshot(page, 'tsc-cancelled')}`);
  });
});
