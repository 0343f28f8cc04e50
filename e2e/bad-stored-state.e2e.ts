import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TSC_DEFAULTS } from '../src/engine/settings';
import { PERSIST_VERSION } from '../src/schema/persisted';
import { STORED_RUN_VERSION } from '../src/schema/stored-run';
import { APP_URL, launchBrowser, newPage, screenshot } from './browser';

// What an earlier build, another tab or a hand edit may have left behind (keys: src/store/persist.ts, src/store/run-archive.ts).
const STORED_SETTINGS = JSON.stringify({ state: { settings: null, viewT: 'abc' }, version: PERSIST_VERSION });
const accAsr = { acc: 0.9, asr: 0.1 };
const STORED_RUN = {
  version: STORED_RUN_VERSION,
  savedAt: 1_700_000_000_000,
  modelId: 'mnist-mlp-badnet',
  trace: {
    ...{ version: 1, model: 'mnist-mlp-badnet', defense: 'tsc', settings: TSC_DEFAULTS, backend: 'cpu', cleanSubsetSize: 10 },
    ...{ evalSubset: { clean: 1, poisoned: 1 }, testSet: { clean: 1, poisoned: 1 }, before: accAsr, after: accAsr, rounds: [null], wallSeconds: 1 },
  },
};
const NOTICES = [
  'Saved settings that were invalid were reset to their defaults: viewT, settings.',
  'The run saved on your last visit could not be read (at trace.rounds.0: null, expected an object) and was discarded.',
];

const RUN_KEY = 'tsc-visualizer:last-run';

/** Reads (value undefined) or writes one key of idb-keyval's database and store, opened the way it opens them; in the page. */
const IDB_KEYVAL = `(key, value) => new Promise((resolve, reject) => {
  const open = indexedDB.open('keyval-store');
  open.onupgradeneeded = () => open.result.createObjectStore('keyval');
  open.onerror = () => reject(open.error);
  open.onsuccess = () => {
    const tx = open.result.transaction('keyval', value === undefined ? 'readonly' : 'readwrite');
    const store = tx.objectStore('keyval');
    const req = value === undefined ? store.get(key) : store.put(value, key);
    tx.oncomplete = () => { open.result.close(); resolve(value === undefined ? req.result : null); };
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

describe('bad stored state', () => {
  it('garbage settings and a broken saved run: one notice each, the page filled, the run record deleted', async () => {
    const page = await newPage(browser);
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    // seeded from a file of the same origin, so no app script runs (and writes) before the reload
    await page.route('**/favicon.ico', (route) => route.fulfill({ status: 204 })); // asked for by the JSON page; the app has favicon.svg
    await page.goto(`${APP_URL}traces/index.json`);
    await page.evaluate(([text, key]) => localStorage.setItem(key, text), [STORED_SETTINGS, 'tsc-visualizer']);
    await page.evaluate(`(${IDB_KEYVAL})(${JSON.stringify(RUN_KEY)}, ${JSON.stringify(STORED_RUN)})`);

    await page.goto(APP_URL);
    const notices = page.getByTestId('notice');
    await expect.poll(() => notices.allTextContents(), { timeout: 30_000 }).toEqual(NOTICES.map((n) => `${n}×`));
    for (const id of ['model-picker', 'metrics', 'loss-curve', 'samples-grid', 'results-table', 'backend-status']) {
      await expect.poll(() => page.getByTestId(id).isVisible(), { timeout: 30_000, message: id }).toBe(true);
    }
    expect(await page.getByTestId('view-failed').count()).toBe(0);
    expect(await page.getByTestId('app-failed').count()).toBe(0);
    console.log(`[e2e] screenshot: ${await screenshot(page, 'bad-stored-state')}`);

    // a clean reset: the record is gone, the settings were written back valid
    const left = await page.evaluate(`(${IDB_KEYVAL})(${JSON.stringify(RUN_KEY)})`);
    expect(left).toBeUndefined();
    const stored = JSON.parse((await page.evaluate(() => localStorage.getItem('tsc-visualizer'))) ?? '{}');
    expect(typeof stored.state?.viewT).toBe('number');
    expect(stored.state?.settings?.defense).toBe('tsc');
    expect(errors).toEqual([]);
    await page.close();
  });
});
