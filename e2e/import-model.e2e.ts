import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryHandler } from '../src/engine/model/layers-format';
import { APP_URL as DEFAULT_APP_URL, fillInput, launchBrowser, newPage, screenshot } from './browser';
import { exportFiles, readDownload } from './downloads';

/**
 * A backdoored model the zoo does not have, exported as a user's would be (Keras-style names, a softmax
 * output): MLP 784-64-32-10, poisoned with the 3×3 checker patch at x 24, y 24 → class 0 (its manifest.json).
 */
const FOLDER = 'test/fixtures/models/backdoored/mlp-64-32-checker';
const ARCH_TITLE = 'MLP 784-64-32-10';
const MANIFEST = JSON.parse(readFileSync(join(FOLDER, 'manifest.json'), 'utf8')) as { triggerDescription: string };
const PATCH_PNG = 'test/fixtures/models/triggers/checker-3x3.png';
/** E2E_APP_URL: a build served elsewhere (another port), so this test can run next to the suite's own preview server */
const APP_URL = process.env.E2E_APP_URL ?? DEFAULT_APP_URL;

let browser: Browser;
let page: Page;
beforeAll(async () => {
  browser = await launchBrowser({ webgpu: false });
  page = await newPage(browser, 1280, 1400);
});
afterAll(async () => {
  await browser?.close();
});

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const denseUnits = (model: tf.LayersModel) => model.layers.filter((l) => l.getClassName() === 'Dense').map((l) => (l.getConfig() as { units: number }).units);

describe('bring your own model', () => {
  it('imports a backdoored folder with its patch trigger uploaded as a PNG, purifies it with TSC, exports it, finds it again after a reload, renames and deletes it', async () => {
    await page.goto(`${APP_URL}?backend=wasm`);
    await expect.poll(() => page.getByTestId('results-table').count(), { timeout: 60_000 }).toBe(1);

    // A refused folder (model.json without its shard) says which file is missing, in the panel.
    await page.getByTestId('import-files').setInputFiles(join(FOLDER, 'model.json'));
    await expect.poll(() => page.getByTestId('import-error').textContent(), { timeout: 10_000 }).toContain('group1-shard1of1.bin');

    // The trigger it was poisoned with: the checker PNG uploaded as a custom patch, shifted to x 24, y 24, class 0.
    await page.getByTestId('trigger-kind').selectOption('custom-patch');
    await page.getByTestId('trigger-upload').setInputFiles(PATCH_PNG);
    await fillInput(page, 'trigger-x', '24');
    await fillInput(page, 'trigger-y', '24');
    await page.getByTestId('trigger-target').selectOption('0');
    await expect.poll(() => page.getByTestId('described-trigger').textContent()).toMatch(new RegExp(`^${escape(MANIFEST.triggerDescription)}`));

    // The folder dropped on the panel, as from a file manager.
    const dropped = await page.evaluateHandle(
      (files) => {
        const transfer = new DataTransfer();
        for (const f of files) transfer.items.add(new File([Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0))], f.name));
        return transfer;
      },
      readdirSync(FOLDER).map((name) => ({ name, base64: readFileSync(join(FOLDER, name)).toString('base64') })),
    );
    await page.getByTestId('import-drop-zone').dispatchEvent('drop', { dataTransfer: dropped });
    await expect.poll(() => page.getByTestId('import-arch').textContent(), { timeout: 10_000 }).toBe(ARCH_TITLE);
    expect(await page.getByTestId('import-params').textContent()).toBe((784 * 64 + 64 + 64 * 32 + 32 + 32 * 10 + 10).toLocaleString('en-US'));
    expect(await page.getByTestId('import-notes').textContent()).toContain('softmax');
    expect(await page.getByTestId('import-trigger').inputValue()).toBe('described');
    expect(await page.getByTestId('import-target').inputValue()).toBe('0');
    await page.getByTestId('import-name').fill('checker MLP');
    console.log(`[e2e] screenshot: ${await screenshot(page, 'import-model-inspected')}`);
    await page.getByTestId('import-start').click();
    await expect.poll(() => page.getByTestId('import-done').count(), { timeout: 180_000, interval: 500 }).toBe(1);
    const imported = await page.getByTestId('model-picker').inputValue();
    expect(imported).toMatch(/^user-/);
    expect(await page.getByTestId('user-model-arch').textContent()).toBe(ARCH_TITLE);
    expect(await page.getByTestId('user-model-trigger').textContent()).toBe(MANIFEST.triggerDescription);
    // the backdoor answers the trigger it was described with
    const measured = (await page.getByTestId('user-model-measured').textContent()) ?? '';
    expect(Number(/ASR ([\d.]+)%/.exec(measured)?.[1])).toBeGreaterThan(90);
    // the page evaluates the selected model like a zoo one, with its own trigger
    console.log(`[e2e] screenshot: ${await screenshot(page, 'import-model-imported')}`);
    await expect.poll(async () => (await page.getByTestId('clean-accuracy').textContent())?.includes('%'), { timeout: 180_000 }).toBe(true);

    // TSC on it with the live preset.
    await page.getByTestId('live-demo-preset').click();
    await page.getByTestId('run-button').click();
    await expect.poll(() => page.getByTestId('run-status').getAttribute('data-status'), { timeout: 10_000 }).toBe('running');
    await expect.poll(() => page.getByTestId('run-status').getAttribute('data-status'), { timeout: 480_000, interval: 1000 }).toBe('done');
    expect(await page.getByTestId('asr-trigger').textContent()).toBe(`ASR measured with the model's own trigger: ${MANIFEST.triggerDescription} → class 0`);
    const asr = await page.getByTestId('results-table').locator('td.poisoned').allTextContents();
    console.log(`[e2e] ASR column of the imported model's TSC run (live preset): ${asr.join(', ')}`);
    console.log(`[e2e] screenshot: ${await screenshot(page, 'import-model-purified')}`);

    const [svg] = await exportFiles(page, 'loss-curves', 'curve-svg');
    const svgText = (await readDownload(svg)).toString('utf8');
    expect(svgText).toContain(`<title>Loss and ACC/ASR along θ(t): ${imported}, TSC</title>`);
    expect(svgText).toContain('cross-entropy (nats)');
    const [csv] = await exportFiles(page, 'loss-curves', 'curve-csv');
    const rows = (await readDownload(csv)).toString('utf8').trimEnd().split('\n');
    expect(rows[0]).toBe('round,stage,kind,path,t,clean_loss,clean_acc,poisoned_loss,asr');
    // live preset: 3 rounds × 2 stages × (curve + line) × 21 points
    expect(rows.length - 1).toBe(3 * 2 * 2 * 21);

    const [modelJson, weights] = await exportFiles(page, 'results', 'model', 2);
    const json = JSON.parse((await readDownload(modelJson)).toString('utf8'));
    await tf.setBackend('cpu');
    const purified = await tf.loadLayersModel(memoryHandler(json, new Uint8Array(await readDownload(weights))));
    const original = await tf.loadLayersModel(
      memoryHandler(JSON.parse(readFileSync(join(FOLDER, 'model.json'), 'utf8')), new Uint8Array(readFileSync(join(FOLDER, 'group1-shard1of1.bin')))),
    );
    expect(denseUnits(purified)).toEqual([64, 32, 10]);
    expect(denseUnits(purified)).toEqual(denseUnits(original));
    purified.dispose();
    original.dispose();

    // Kept in IndexedDB: after a reload it is in the picker's "Your models", still selected.
    await page.reload();
    await expect.poll(() => page.getByTestId('model-picker').inputValue(), { timeout: 30_000 }).toBe(imported);
    expect(await page.getByTestId('your-models').locator('option').allTextContents()).toEqual([`checker MLP · ${ARCH_TITLE} · MNIST`]);
    expect(await page.getByTestId('user-model-name').textContent()).toBe('checker MLP');
    console.log(`[e2e] screenshot: ${await screenshot(page, 'import-model-reloaded')}`);

    // Rename (kept across a reload), then Delete: the zoo's default model is shown again.
    await page.getByRole('button', { name: 'Rename checker MLP' }).click();
    await page.getByLabel('New name for checker MLP').fill('checker MLP, renamed');
    await page.keyboard.press('Enter');
    // the card shows the new name once IndexedDB has it (src/store/slices/user-models.ts): a reload before then would race the write
    await expect.poll(() => page.getByTestId('user-model-name').textContent()).toBe('checker MLP, renamed');
    await page.reload();
    await expect.poll(() => page.getByTestId('user-model-name').textContent(), { timeout: 30_000 }).toBe('checker MLP, renamed');
    await page.getByRole('button', { name: 'Delete checker MLP, renamed' }).click();
    await expect.poll(() => page.getByTestId('model-picker').inputValue()).toBe('mnist-mlp-badnet');
    expect(await page.getByTestId('your-models').count()).toBe(0);
    await page.reload();
    await expect.poll(() => page.getByTestId('model-picker').inputValue(), { timeout: 30_000 }).toBe('mnist-mlp-badnet');
    expect(await page.getByTestId('your-models').count()).toBe(0);
  });
});
