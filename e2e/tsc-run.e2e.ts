import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defined } from '../src/engine/defined';
import { APP_URL, launchBrowser, newPage, screenshot, fillInput, fillRunSettings } from './browser';

let browser: Browser;
let page: Page;
beforeAll(async () => {
  browser = await launchBrowser();
  page = await newPage(browser);
});
afterAll(async () => {
  await browser?.close();
});

/** data-value of the curve points of one series, ordered by t. */
async function seriesValues(round: number, stage: number, series: string): Promise<{ t: number; v: number }[]> {
  const pts = page.locator(`.curve-point[data-round="${round}"][data-stage="${stage}"][data-series="${series}"][data-live="false"]`);
  const values = await pts.evaluateAll((els) => els.map((e) => ({ t: Number(e.getAttribute('data-t')), v: Number(e.getAttribute('data-value')) })));
  return values.sort((a, b) => a.t - b.t);
}

describe('a TSC run in the page on WebGPU (SwiftShader), tiny configuration', () => {
  it('runs TSC on the MNIST MLP, draws both stages, moves t, shows a permutation matrix', async () => {
    await page.goto(`${APP_URL}?backend=webgpu`); // forced: the probe would pick WASM here
    await expect.poll(() => page.getByTestId('backend-status').getAttribute('data-backend'), { timeout: 60_000 }).toBe('webgpu');
    await expect.poll(async () => (await page.getByTestId('clean-accuracy').textContent())?.includes('%'), { timeout: 180_000 }).toBe(true);
    // SwiftShader's WebGPU is slow: 1 round, 2 curve epochs, 2 % clean subset, 100 curve-eval images, 200 test images for ACC/ASR.
    await fillRunSettings(page, { rounds: 1, curveEpochs: 2, cleanPercent: 2, evalSamples: 100, testSamples: 200 });
    await page.getByTestId('run-button').click();
    await expect.poll(() => page.getByTestId('run-status').getAttribute('data-status'), { timeout: 10_000 }).toBe('running');
    await expect.poll(() => page.getByTestId('run-status').getAttribute('data-status'), { timeout: 480_000, interval: 1000 }).toBe('done');

    for (const stage of [1, 2]) {
      for (const series of ['cleanLoss', 'poisonedLoss']) expect((await seriesValues(1, stage, series)).length).toBe(21);
    }
    const poisoned = await seriesValues(1, 1, 'poisonedLoss');
    const at = (t: number) =>
      defined(
        poisoned.find((p) => Math.abs(p.t - t) < 1e-9),
        `stage-1 poisoned loss at t = ${t}`,
      ).v;
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

    // The loss plane through θA, θc, θB of stage 1 (selected by the tab above): 5×5 first, refined to 9×9.
    await page.getByTestId('plane-coarse').selectOption('5');
    await page.getByTestId('plane-finest').selectOption('9');
    await page.getByTestId('plane-samples').selectOption('100');
    await page.getByTestId('plane-compute-button').click();
    await expect.poll(() => page.getByTestId('plane-status').getAttribute('data-status'), { timeout: 240_000, interval: 500 }).toBe('done');
    expect(await page.getByTestId('plane-status').textContent()).toMatch(/round 1, stage 1 · 9×9 grid · 81\/81 points/);
    for (const metric of ['clean', 'poisoned']) {
      const values = await page
        .getByTestId(`plane-${metric}`)
        .locator('.plane-cell')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-value')));
      expect(values.length).toBe(81);
      expect(values.filter((v) => v === '' || v === null)).toEqual([]); // every point computed (none shown from the coarse grid)
      // poisoned CE underflows to exactly 0 in float32 where the backdoor is certain
      expect(values.map(Number).every((v) => Number.isFinite(v) && v >= 0)).toBe(true);
      expect(new Set(values).size).toBeGreaterThan(40);
    }
    // Hovering a heatmap reads out both losses at that point.
    const box = defined(await page.getByTestId('plane-poisoned').locator('svg').boundingBox(), 'the poisoned heatmap bounding box');
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.3);
    await expect.poll(() => page.getByTestId('plane-readout').textContent()).toMatch(/clean loss [\d.e-]+ · poisoned loss [\d.e-]+ nats/);
    await page.getByTestId('loss-plane').scrollIntoViewIfNeeded();
    console.log(`[e2e] screenshot: ${await screenshot(page, 'loss-plane-webgpu')}`);
  }, 600_000);

  it('pauses, steps one stage, and cancels a second run midway, staying responsive', async () => {
    // 4 epochs (3 steps each): no live curve evaluations, so stage 1 ends soon after the step.
    await fillInput(page, 'curve-epochs-input', '4');
    await page.getByTestId('run-button').click();
    const status = () => page.getByTestId('run-status').getAttribute('data-status');
    await expect.poll(status, { timeout: 10_000 }).toBe('running');
    await expect.poll(() => page.getByTestId('progress').isVisible(), { timeout: 120_000 }).toBe(true);
    // Pause takes effect at the end of the current epoch; the progress bar then stands still.
    await page.getByTestId('pause-button').click();
    await expect.poll(status, { timeout: 120_000 }).toBe('paused');
    const progressValue = () => page.getByTestId('progress').evaluate((e) => (e as HTMLProgressElement).value);
    const held = await progressValue();
    await page.waitForTimeout(1500);
    expect(await progressValue()).toBe(held);
    expect(await page.getByTestId('run-status').textContent()).toMatch(/paused/);
    // Step: the rest of stage 1 runs, and the run pauses again before stage 2.
    await page.getByTestId('step-button').click();
    await expect.poll(status, { timeout: 5_000 }).toBe('running');
    await expect.poll(status, { timeout: 300_000, interval: 1000 }).toBe('paused');
    expect((await seriesValues(1, 1, 'cleanLoss')).length).toBe(21);
    expect((await seriesValues(1, 2, 'cleanLoss')).length).toBe(0);
    await page.getByTestId('cancel-button').click();
    await expect.poll(status, { timeout: 60_000 }).toBe('cancelled');
    // The page still answers: change the model picker and the card follows.
    await page.getByTestId('model-picker').selectOption('mnist-mlp-blended');
    await expect.poll(() => page.getByTestId('model-card').textContent()).toMatch(/Blended/);
    console.log(`[e2e] screenshot: ${await screenshot(page, 'tsc-cancelled')}`);

    // Nothing lost on reload: the last finished run (the first test's) comes back from IndexedDB, labelled as restored.
    await page.reload();
    await expect.poll(() => page.getByTestId('restored-note').textContent(), { timeout: 30_000 }).toMatch(/Restored from a mnist-mlp-badnet run/);
    for (const stage of [1, 2]) expect((await seriesValues(1, stage, 'poisonedLoss')).length).toBe(21);
    expect(await page.getByTestId('plane-compute-button').isDisabled()).toBe(true);
  }, 600_000);
});
