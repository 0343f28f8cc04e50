import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_URL, fillRunSettings, launchBrowser, newPage, screenshot } from './browser';

let browser: Browser;
let page: Page;
beforeAll(async () => {
  browser = await launchBrowser();
  page = await newPage(browser, 1280, 1400);
});
afterAll(async () => {
  await browser?.close();
});

const label = () => page.getByTestId('asr-trigger').textContent();
/** The ASR column of the results table, row by row (first: the backdoored model before any defense). */
const asrColumn = () => page.getByTestId('results-table').locator('td.poisoned').allTextContents();

/**
 * Paints rows × cols of the 28×28 drawing grid with the keyboard (arrows move the cursor, which starts
 * at the bottom-right cell; Space paints): one discrete event per cell, so none is lost.
 */
async function paintBlock(rows: number[], cols: number[]): Promise<void> {
  const grid = page.getByTestId('trigger-grid');
  await grid.scrollIntoViewIfNeeded();
  await grid.focus();
  const at = { row: 27, col: 27 };
  for (const row of rows)
    for (const col of cols) {
      for (; at.row > row; at.row--) await page.keyboard.press('ArrowUp');
      for (; at.row < row; at.row++) await page.keyboard.press('ArrowDown');
      for (; at.col > col; at.col--) await page.keyboard.press('ArrowLeft');
      for (; at.col < col; at.col++) await page.keyboard.press('ArrowRight');
      await page.keyboard.press('Space');
    }
}

async function runTiny(): Promise<void> {
  await page.getByTestId('run-button').click();
  await expect.poll(() => page.getByTestId('run-status').getAttribute('data-status'), { timeout: 10_000 }).toBe('running');
  await expect.poll(() => page.getByTestId('run-status').getAttribute('data-status'), { timeout: 480_000, interval: 1000 }).toBe('done');
}

describe('a trigger drawn in the page drives the ASR of a live run', () => {
  it('the precomputed run says the zoo trigger; runs after drawing a patch say the described one and measure their ASR with it', async () => {
    await page.goto(`${APP_URL}?backend=wasm`);
    await expect.poll(() => page.getByTestId('results-table').count(), { timeout: 60_000 }).toBe(1);
    expect(await label()).toBe('ASR measured with the zoo trigger: BadNet 3×3 white patch (bottom-right) → class 0');
    await expect.poll(async () => (await page.getByTestId('clean-accuracy').textContent())?.includes('%'), { timeout: 180_000 }).toBe(true);
    await fillRunSettings(page, { rounds: 1, curveEpochs: 1, cleanPercent: 2, evalSamples: 100, testSamples: 200 });

    // Drawn where the zoo's BadNet puts its square (rows and columns 25–27): the backdoor answers it.
    await page.getByTestId('trigger-kind').selectOption('custom-patch');
    await paintBlock([25, 26, 27], [25, 26, 27]);
    await page.getByTestId('trigger-target').selectOption('0');
    expect(await page.getByTestId('described-trigger').textContent()).toMatch(/^Custom patch \(9 pixels, shifted x 0, y 0\)/);
    await runTiny();
    expect(await label()).toBe('ASR measured with the described trigger: Custom patch (9 pixels, shifted x 0, y 0) → class 0');
    const corner = await asrColumn();
    expect(Number.parseFloat(corner[0])).toBeGreaterThan(90);

    // Drawn top-left instead: the same model, the same run, and the backdoor does not answer.
    await page.getByRole('button', { name: 'Clear drawing' }).click();
    await paintBlock([1, 2, 3, 4], [1, 2, 3, 4]);
    await runTiny();
    expect(await label()).toBe('ASR measured with the described trigger: Custom patch (16 pixels, shifted x 0, y 0) → class 0');
    const topLeft = await asrColumn();
    expect(Number.parseFloat(topLeft[0])).toBeLessThan(10);
    console.log(
      `[e2e] ASR column, 3×3 drawn bottom-right: ${corner.join(', ')}; 4×4 drawn top-left: ${topLeft.join(', ')}; screenshot: ${await screenshot(page, 'described-trigger-run')}`,
    );
  });
});
