import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_URL, launchBrowser, newPage, fillRunSettings } from './browser';
import { HeapMeter } from './heap-meter';

let browser: Browser;
let page: Page;
let meter: HeapMeter;
beforeAll(async () => {
  browser = await launchBrowser({ webgpu: false });
  page = await newPage(browser);
  meter = await HeapMeter.attach(page);
});
afterAll(async () => {
  await browser?.close();
});

/**
 * V8 compiles the run's code paths over the first runs: a heap-snapshot diff of the worker showed
 * its heap growing by compiled code (InstructionStream, FeedbackVector), not by objects, and
 * levelling off after a few runs. The heap is compared from the end of that warm-up on.
 */
const WARM_UP = 3;
const RUNS = 10;
const chip = () => page.getByTestId('backend-status');
const status = () => page.getByTestId('run-status').getAttribute('data-status');
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(2)} MB`;

/** The worker's tf.memory() after the last run, as the chip carries it (the client reads it when a run ends). */
async function workerTensors(): Promise<{ numTensors: number; numBytes: number }> {
  await expect.poll(() => chip().getAttribute('data-tensors'), { timeout: 30_000 }).not.toBeNull();
  return { numTensors: Number(await chip().getAttribute('data-tensors')), numBytes: Number(await chip().getAttribute('data-bytes')) };
}

describe('memory stays flat over repeated runs in one page (WASM)', () => {
  it(`${RUNS} TSC runs after ${WARM_UP} to warm up: the worker's tensors come back to the same count and bytes, the heaps grow < 10 %`, async () => {
    await page.goto(`${APP_URL}?backend=wasm`);
    await expect.poll(() => chip().getAttribute('data-backend'), { timeout: 60_000 }).toBe('wasm');
    await expect.poll(async () => (await page.getByTestId('clean-accuracy').textContent())?.includes('%'), { timeout: 120_000 }).toBe(true);
    expect(meter.workerAttached).toBe(true);
    // The smallest run that still has both stages: 1 round, 1 curve epoch, 2 % clean subset, 100 + 200 images.
    await fillRunSettings(page, { rounds: 1, curveEpochs: 1, cleanPercent: 2, evalSamples: 100, testSamples: 200 });

    const rows: { run: number; numTensors: number; numBytes: number; worker: number; page: number; seconds: number }[] = [];
    for (let run = 1; run <= WARM_UP + RUNS; run++) {
      const started = Date.now();
      await page.getByTestId('run-button').click();
      await expect.poll(status, { timeout: 10_000 }).toBe('running');
      await expect.poll(status, { timeout: 180_000, interval: 250 }).toBe('done');
      const tensors = await workerTensors();
      rows.push({ run, ...tensors, worker: await meter.workerHeap(), page: await meter.pageHeap(), seconds: (Date.now() - started) / 1000 });
    }
    for (const r of rows)
      console.log(
        `[memory] run ${r.run}${r.run <= WARM_UP ? ' (warm-up)' : ''}: ${r.numTensors} tensors, ${mb(r.numBytes)} in tensors; ` +
          `JS heap after GC: worker ${mb(r.worker)}, page ${mb(r.page)}; ${r.seconds.toFixed(1)} s`,
      );

    // After a run the worker keeps its curves for θ(t) previews; the next run frees them and keeps
    // its own, so every run ends at the first run's figures.
    const [first] = rows;
    for (const r of rows) expect([r.run, r.numTensors, r.numBytes]).toEqual([r.run, first.numTensors, first.numBytes]);
    const base = rows[WARM_UP - 1];
    const last = rows[rows.length - 1];
    expect(last.worker / base.worker).toBeLessThan(1.1);
    expect(last.page / base.page).toBeLessThan(1.1);
  }, 600_000);
});
