import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_URL, ARTIFACTS, fillInput, launchBrowser, newPage, screenshot } from './browser';

let browser: Browser;
let page: Page;
beforeAll(async () => {
  browser = await launchBrowser();
  page = await newPage(browser, 1280, 1600);
});
afterAll(async () => {
  await browser?.close();
});

/** The panel's state: idle, running or cancelling (src/views/trap-replace/TrapReplaceStatus.tsx). */
const state = () => page.getByTestId('trap-replace-status').getAttribute('data-state');

describe('Trap and Replace run live in the page', () => {
  it('on the default zoo model: progress, a cancel back to idle, then a tiny run to its measured row in the defense table', async () => {
    const t0 = Date.now();
    await page.goto(`${APP_URL}?backend=wasm`);
    await expect.poll(() => page.getByTestId('backend-status').getAttribute('data-backend'), { timeout: 60_000 }).toBe('wasm');
    const panel = page.getByTestId('trap-replace-panel');
    await panel.waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('trap-replace-stage1Epochs').inputValue()).toBe('4'); // MNIST's default
    expect(await page.getByTestId('defense-comparison-table').locator('[data-testid="trap-replace-page-row"]').count()).toBe(0);

    // long enough to be cancelled mid-way: progress shows the stage and epoch, Cancel brings the panel back to idle
    await fillInput(page, 'trap-replace-stage1Epochs', '30');
    await page.getByTestId('trap-replace-run').click();
    const progressText = page.getByTestId('trap-replace-progress-text');
    await expect.poll(() => progressText.textContent(), { timeout: 60_000, interval: 100 }).toMatch(/^stage 1 · epoch \d+\/30/);
    await panel.screenshot({ path: `${ARTIFACTS}/trap-replace-running.png` });
    await page.getByTestId('trap-replace-cancel').click();
    await expect.poll(state, { timeout: 20_000, interval: 100 }).toBe('idle');
    expect(await page.getByTestId('trap-replace-status').textContent()).toBe('cancelled');
    expect(await page.getByTestId('trap-replace-run').isEnabled()).toBe(true);

    // tiny: one stage-1 epoch and two head epochs, typed into the inputs; run with the keyboard
    await fillInput(page, 'trap-replace-stage1Epochs', '1');
    await fillInput(page, 'trap-replace-stage2Epochs', '2');
    await page.getByTestId('trap-replace-run').focus();
    await page.keyboard.press('Enter');
    await expect.poll(state, { timeout: 10_000, interval: 100 }).not.toBe('idle');
    await expect.poll(state, { timeout: 120_000, interval: 250 }).toBe('idle');
    const result = (await page.getByTestId('trap-replace-result').textContent()) ?? '';
    expect(result).toMatch(
      /^Measured in this page: clean ACC \d+\.\d\d%, ASR \d+\.\d\d% on 2000 clean and \d+ triggered test images; training took \d+ s on wasm\.$/,
    );

    const row = page.getByTestId('trap-replace-page-row');
    const cells = await row.locator('td').allTextContents();
    expect(cells[0]).toBe('Trap and Replace (this page)');
    expect(cells[4]).toBe('measured in this page (wasm)');
    // the row's figures are the panel's
    expect(result).toContain(`clean ACC ${cells[2]}, ASR ${cells[3]}`);
    // next to the precomputed row of the same defense
    const defenses = await page
      .getByTestId('defense-comparison-table')
      .locator('tr[data-defense]')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-defense')));
    expect(defenses.slice(-2)).toEqual(['trap-replace', 'trap-replace-page']);

    // the table and the panel on their own, readable at full size
    await page.getByTestId('defense-comparison-table').screenshot({ path: `${ARTIFACTS}/trap-replace-table.png` });
    await panel.screenshot({ path: `${ARTIFACTS}/trap-replace-panel.png` });
    console.log(`[e2e] ${result} (${cells[2]} / ${cells[3]}); ${Date.now() - t0} ms; screenshot: ${await screenshot(page, 'trap-replace-done')}`);
  });

  it('on a model trained in the page: its recipe rebuilds the poisoned set, and the measured row is the only one', async () => {
    const t0 = Date.now();
    await page.goto(`${APP_URL}?backend=wasm`);
    await page.getByTestId('train-model').waitFor({ timeout: 60_000 });
    await fillInput(page, 'train-widths', '32');
    await fillInput(page, 'train-epochs-field', '1');
    await fillInput(page, 'train-name', 'e2e trap-replace MLP');
    await page.getByTestId('train-start').click();
    await expect.poll(() => page.getByTestId('train-status').getAttribute('data-status'), { timeout: 120_000, interval: 250 }).toBe('done');
    const option = page.getByTestId('model-picker').locator('option', { hasText: 'e2e trap-replace MLP' });
    await page.getByTestId('model-picker').selectOption((await option.first().getAttribute('value')) ?? '');

    await page.getByTestId('trap-replace-panel').waitFor({ timeout: 30_000 });
    await fillInput(page, 'trap-replace-stage1Epochs', '1');
    await fillInput(page, 'trap-replace-stage2Epochs', '1');
    await page.getByTestId('trap-replace-run').click();
    await expect.poll(state, { timeout: 10_000, interval: 100 }).not.toBe('idle');
    await expect.poll(state, { timeout: 120_000, interval: 250 }).toBe('idle');
    expect(await page.getByTestId('trap-replace-result').textContent()).toMatch(/^Measured in this page: clean ACC \d+\.\d\d%, ASR \d+\.\d\d%/);
    const defenses = await page
      .getByTestId('defense-comparison-table')
      .locator('tr[data-defense]')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-defense')));
    // npm run results knows nothing of a model trained here: its own measurement at training, then the page's Trap and Replace
    expect(defenses).toEqual(['none-user', 'trap-replace-page']);
    console.log(`[e2e] trained in the page, then ${await page.getByTestId('trap-replace-result').textContent()}; ${Date.now() - t0} ms`);
  });
});
