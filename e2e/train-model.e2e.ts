import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_URL, ARTIFACTS, fillInput, fillRunSettings, launchBrowser, newPage, screenshot } from './browser';

let browser: Browser;
let page: Page;
beforeAll(async () => {
  browser = await launchBrowser();
  page = await newPage(browser, 1280, 1600);
});
afterAll(async () => {
  await browser?.close();
});

const NAME = 'e2e tiny MLP';
const percent = async (testId: string) => Number.parseFloat((await page.getByTestId(testId).textContent()) ?? '');

describe('a backdoored model trained in the page', () => {
  it('trains in the worker (Cancel stops it) with progress and measured ACC/ASR, survives a reload in the picker, is evaluated when selected, and TSC purifies it', async () => {
    await page.goto(`${APP_URL}?backend=wasm`);
    const panel = page.getByTestId('train-model');
    await panel.waitFor({ timeout: 60_000 });
    // the zoo's MLP recipe fills the form until a field is changed
    expect(await page.getByTestId('train-epochs-field').inputValue()).toBe('20');
    const status = page.getByTestId('train-status');
    // the zoo's recipe as it stands, cancelled once its first epoch is in the table
    await page.getByTestId('train-start').click();
    await expect.poll(() => page.getByTestId('train-epochs').locator('tbody tr').count(), { timeout: 60_000, interval: 250 }).toBe(1);
    await panel.screenshot({ path: `${ARTIFACTS}/train-model-training.png` });
    await page.getByTestId('train-cancel').click();
    await expect.poll(() => status.getAttribute('data-status'), { timeout: 10_000, interval: 100 }).toBe('cancelled');

    await fillInput(page, 'train-widths', '32');
    expect(await page.getByTestId('train-arch').textContent()).toBe('MLP 784-32-10 (seq:d32-d10)');
    await fillInput(page, 'train-epochs-field', '1');
    await fillInput(page, 'train-name', NAME);
    await page.getByTestId('train-start').click();

    await expect.poll(() => status.getAttribute('data-status'), { timeout: 10_000 }).toBe('training');
    await expect.poll(() => status.getAttribute('data-status'), { timeout: 180_000, interval: 500 }).toBe('done');
    const rows = await page
      .getByTestId('train-epochs')
      .locator('tbody tr')
      .evaluateAll((trs) => trs.map((tr) => [...tr.children].map((td) => td.textContent).join(' | ')));
    expect(rows).toHaveLength(1);
    const acc = await percent('train-acc');
    const asr = await percent('train-asr');
    // one epoch of a 32-unit MLP learns MNIST far above chance (10 %); the poisoned tenth teaches the patch
    expect(acc).toBeGreaterThan(70);
    expect(asr).toBeGreaterThanOrEqual(0);
    const trainedShot = await screenshot(page, 'train-model-done');
    await panel.screenshot({ path: `${ARTIFACTS}/train-model-panel.png` });

    // kept in IndexedDB: after a reload it is among the picker's models, and selecting it evaluates it in the worker
    await page.reload();
    const option = page.getByTestId('model-picker').locator('option', { hasText: NAME });
    await expect.poll(() => option.count(), { timeout: 60_000 }).toBe(1);
    const id = (await option.getAttribute('value')) ?? '';
    expect(id).toMatch(/^user-/);
    await page.getByTestId('model-picker').selectOption(id);
    await expect.poll(async () => (await page.getByTestId('clean-accuracy').textContent())?.includes('%'), { timeout: 120_000 }).toBe(true);
    // the same files on the same backend and test split: the page measures what the training measured
    expect(await percent('clean-accuracy')).toBeCloseTo(acc, 1);
    expect(await percent('attack-success-rate')).toBeCloseTo(asr, 1);
    // and it can be purified like a zoo model: a tiny TSC run on it finishes with its results
    await fillRunSettings(page, { rounds: 1, curveEpochs: 1, cleanPercent: 5, evalSamples: 100, testSamples: 200 });
    await page.getByTestId('run-button').click();
    const runStatus = page.getByTestId('run-status');
    await expect.poll(() => runStatus.getAttribute('data-status'), { timeout: 10_000 }).toBe('running');
    await expect.poll(() => runStatus.getAttribute('data-status'), { timeout: 240_000, interval: 1000 }).toBe('done');
    const purified = await page.getByTestId('results-table').locator('tbody tr').last().locator('td').allTextContents();
    expect(purified[0]).toBe('final (TSC)');
    console.log(`[e2e] TSC on the trained model, last results row: ${purified.join(' | ')}`);
    console.log(
      `[e2e] epoch | loss | ACC | ASR | s: ${rows[0]}; whole test split: ACC ${acc} %, ASR ${asr} %; screenshots: ${trainedShot}, ${await screenshot(page, 'train-model-reloaded')}`,
    );
  });
});
