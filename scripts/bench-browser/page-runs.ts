import type { Browser } from 'playwright-core';
import { newPage } from '../../e2e/browser';
import type { RunSettingsFields } from '../../src/schema/settings';
import { encodeLink } from '../../src/schema/url';

export interface PageRun {
  backend: string;
  /** what the backend chip said */
  chip: string;
  /** click on Run → status done, or the time it was stopped at */
  ms: number;
  finished: boolean;
  /** the progress bar's fraction when it finished or was stopped */
  fraction: number;
  /** the run's status line at the end (ACC/ASR after, or where it stopped) */
  status: string;
}

/**
 * Runs one defense in the real page: opens a link that carries the settings and a forced backend,
 * waits for the worker, presses Run, and times it until the run is done or `timeoutMs` has passed.
 */
export async function runInPage(browser: Browser, base: string, backend: string, settings: RunSettingsFields, timeoutMs: number): Promise<PageRun> {
  const page = await newPage(browser, 1280, 800);
  const link = encodeLink({ model: 'mnist-mlp-badnet', settings, backend: backend === 'auto' ? undefined : (backend as 'wasm') });
  await page.goto(base + link);
  const chip = page.getByTestId('backend-status');
  await page.waitForFunction(() => document.querySelector('[data-testid="backend-status"]')?.hasAttribute('data-backend'), null, { timeout: 120_000 });
  const button = page.getByTestId('run-button');
  await page.waitForFunction(() => !(document.querySelector('[data-testid="run-button"]') as HTMLButtonElement | null)?.disabled, null, { timeout: 120_000 });
  const t0 = Date.now();
  await button.click();
  const status = page.getByTestId('run-status');
  let finished = false;
  while (Date.now() - t0 < timeoutMs) {
    if ((await status.getAttribute('data-status')) === 'done') {
      finished = true;
      break;
    }
    await page.waitForTimeout(100);
  }
  const ms = Date.now() - t0;
  const progress = page.getByTestId('progress');
  const fraction = finished ? 1 : Number((await progress.count()) ? await progress.getAttribute('value') : 0);
  const result: PageRun = {
    backend: (await chip.getAttribute('data-backend')) ?? backend,
    chip: ((await chip.textContent()) ?? '').trim(),
    ms,
    finished,
    fraction,
    status: ((await status.textContent()) ?? '').trim(),
  };
  await page.close();
  return result;
}
