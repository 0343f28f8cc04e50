import { readdirSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HISTORY_VERSION } from '../src/schema/run-history';
import { packTrace } from '../src/store/test/pack';
import { APP_URL, launchBrowser, newPage, screenshot } from './browser';

// Two records as src/store/run-history.ts keeps them (database and store names there): one good, one broken.
const trace = packTrace('mnist-mlp-badnet');
const GOOD = { version: HISTORY_VERSION, id: 'run:a', name: 'seeded baseline', savedAt: 1_700_000_000_000, modelId: trace.model, trace };
const BROKEN = { ...GOOD, id: 'run:b', name: 'broken', trace: { ...trace, rounds: [null] } };
const BROKEN_NOTICE = 'The saved run "broken" (run:b) could not be read (at trace.rounds.0: null, expected an object) and was left out of the history.×';

/** Writes records into the history's IndexedDB store, opened the way idb-keyval opens it; in the page. */
const SEED = `(records) => new Promise((resolve, reject) => {
  const open = indexedDB.open('tsc-visualizer-history');
  open.onupgradeneeded = () => open.result.createObjectStore('runs');
  open.onerror = () => reject(open.error);
  open.onsuccess = () => {
    const tx = open.result.transaction('runs', 'readwrite');
    for (const r of records) tx.objectStore('runs').put(r, r.id);
    tx.oncomplete = () => { open.result.close(); resolve(null); };
    tx.onerror = () => reject(tx.error);
  };
})`;

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser({ webgpu: false });
});
afterAll(async () => {
  await browser?.close();
});

describe('the run history', () => {
  it('lists saved runs (a broken one reported), reopens, overlays, renames across a reload, clears after a confirmation', async () => {
    const page = await newPage(browser);
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    await page.route('**/favicon.ico', (route) => route.fulfill({ status: 204 }));
    await page.goto(`${APP_URL}traces/index.json`); // same origin, no app script
    await page.evaluate(`(${SEED})(${JSON.stringify([GOOD, BROKEN])})`);

    await page.goto(APP_URL);
    const heading = page.locator('#history-heading');
    await expect.poll(() => heading.textContent(), { timeout: 30_000 }).toBe('Your runs (1)');
    await expect.poll(() => page.getByTestId('notice').allTextContents()).toContain(BROKEN_NOTICE);
    const zooFiles = readdirSync('results').filter((f) => f.endsWith('.json')).length;
    expect(await page.locator('[data-testid="acc-asr-mark"][data-source="zoo"]').count()).toBe(zooFiles);
    expect(await page.locator('[data-testid="acc-asr-mark"][data-source="yours"]').count()).toBe(1);

    await page.getByRole('button', { name: 'Reopen seeded baseline' }).click();
    await expect.poll(() => page.getByTestId('results-table').locator('..').textContent()).toContain('Restored from a mnist-mlp-badnet run saved');
    await page.getByRole('button', { name: 'Overlay seeded baseline on the loss curves' }).click();
    await expect.poll(() => page.getByTestId('overlay-legend').textContent()).toContain('overlay: seeded baseline (round 1, stage 1)');
    console.log(`[e2e] screenshot: ${await screenshot(page, 'history')}`);

    await page.getByRole('button', { name: 'Rename seeded baseline' }).click();
    await page.getByRole('textbox', { name: 'New name for seeded baseline' }).fill('my baseline');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('history-name').allTextContents()).toEqual(['my baseline']);
    await page.reload();
    await expect.poll(() => page.getByTestId('history-name').allTextContents(), { timeout: 30_000 }).toEqual(['my baseline']);

    await page.getByRole('button', { name: 'Clear history…' }).click();
    await page.getByRole('button', { name: 'Delete all' }).click();
    await expect.poll(() => heading.textContent()).toBe('Your runs (0)');
    await page.reload();
    await expect.poll(() => heading.textContent(), { timeout: 30_000 }).toBe('Your runs (0)');
    expect(await page.getByTestId('notice').allTextContents()).not.toContain(BROKEN_NOTICE); // clear removed the broken record too
    expect(await page.getByTestId('view-failed').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });
});
