import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defined } from '../src/engine/defined';
import type { ZooManifest } from '../src/engine/zoo';
import { APP_URL, launchBrowser, newPage, screenshot } from './browser';

const manifest = JSON.parse(readFileSync('models/manifest.json', 'utf8')) as ZooManifest;
const percent = (text: string | null) => Number(text?.replace('%', '')) / 100;

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('first page on WebGPU (SwiftShader)', () => {
  it('opens on the default model, says webgpu, and shows real predictions and measured ACC/ASR', async () => {
    const page = await newPage(browser);
    // forced: left to itself the page measures WASM faster than SwiftShader's WebGPU (e2e/wasm-backend.e2e.ts)
    await page.goto(`${APP_URL}?backend=webgpu`);
    const chip = page.getByTestId('backend-status');
    await expect.poll(() => chip.getAttribute('data-backend'), { timeout: 60_000 }).toBe('webgpu');
    expect(await chip.textContent()).toMatch(/WebGPU/);

    await expect.poll(() => page.getByTestId('model-picker').inputValue()).toBe('mnist-mlp-badnet');
    const acc = page.getByTestId('clean-accuracy');
    await expect.poll(async () => (await acc.textContent())?.includes('%'), { timeout: 180_000 }).toBe(true);

    // The page's own measurement agrees with the manifest (both evaluate the same 2,000 test images).
    const entry = defined(
      manifest.models.find((m) => m.id === 'mnist-mlp-badnet'),
      'mnist-mlp-badnet in models/manifest.json',
    );
    expect(Math.abs(percent(await acc.textContent()) - entry.cleanAccuracy)).toBeLessThan(0.005);
    expect(Math.abs(percent(await page.getByTestId('attack-success-rate').textContent()) - entry.attackSuccessRate)).toBeLessThan(0.005);
    expect(await page.getByTestId('metrics').textContent()).toMatch(/2,000 clean test images/);

    // Predictions grid at t = 0 (θ itself, round 1 stage 1 of the precomputed trace): 8 clean + 8
    // triggered samples; the backdoor fires on the triggered row.
    await page.getByTestId('t-slider').focus();
    await page.keyboard.press('Home');
    await expect.poll(() => page.getByTestId('samples-grid').getAttribute('data-t')).toBe('0');
    const clean = page.getByTestId('sample-clean');
    const triggered = page.getByTestId('sample-triggered');
    expect(await clean.count()).toBe(8);
    expect(await triggered.count()).toBe(8);
    const trigPreds = await triggered.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-prediction'))));
    expect(trigPreds.filter((p) => p === 0).length).toBeGreaterThanOrEqual(7);
    const cleanLabels = await clean.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-label'))));
    expect(cleanLabels.every((l) => l !== 0)).toBe(true);

    console.log(`[e2e] screenshot: ${await screenshot(page, 'first-page-webgpu')}`);
    await page.close();
  });
});
