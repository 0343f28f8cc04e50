import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_URL, launchBrowser, newPage, screenshot, fillRunSettings } from './browser';

let browser: Browser;
let page: Page;
beforeAll(async () => {
  browser = await launchBrowser();
  page = await newPage(browser);
});
afterAll(async () => {
  await browser?.close();
});

const chip = () => page.getByTestId('backend-status');
const status = () => page.getByTestId('run-status').getAttribute('data-status');

describe('a lost GPU device mid-run', () => {
  it('stops the run with a notice, falls back to WebGL, and runs again there', async () => {
    await page.goto(`${APP_URL}?backend=webgpu`);
    await expect.poll(() => chip().getAttribute('data-backend'), { timeout: 60_000 }).toBe('webgpu');
    await fillRunSettings(page, { rounds: 1, curveEpochs: 1, cleanPercent: 2, evalSamples: 100, testSamples: 200 });
    await page.getByTestId('run-button').click();
    await expect.poll(status, { timeout: 10_000 }).toBe('running');

    // The GPU process goes away, as on a driver reset: WebGPU's device is lost (reason 'unknown').
    const cdp = await browser.newBrowserCDPSession();
    await cdp.send('Browser.crashGpuProcess');

    const notice = page.getByTestId('recovery-notice');
    await expect.poll(() => notice.getAttribute('data-kind'), { timeout: 60_000 }).toBe('backend-lost');
    await expect.poll(() => chip().getAttribute('data-backend'), { timeout: 60_000 }).toBe('webgl');
    expect(await status()).toBe('failed');
    expect(await page.getByTestId('run-status').textContent()).toMatch(/Stopped: the webgpu device was lost/);
    expect(await chip().getAttribute('title')).toMatch(/webgpu: device lost/);
    expect(await page.getByTestId('recovery-text').textContent()).toMatch(
      /^The WebGPU device was lost \(.+\)\. The run stopped.* Computing goes on with WebGL\.$/,
    );
    // the model's evaluation, cut short on the lost device, is done again on WebGL
    await expect.poll(async () => (await page.getByTestId('clean-accuracy').textContent())?.includes('%'), { timeout: 120_000 }).toBe(true);
    console.log(`[e2e] screenshot: ${await screenshot(page, 'device-lost')}`);

    await page.getByTestId('run-again-button').click();
    await expect.poll(status, { timeout: 10_000 }).toBe('running');
    expect(await notice.count()).toBe(0);
    await expect.poll(status, { timeout: 240_000, interval: 500 }).toBe('done');
    expect(await chip().getAttribute('data-backend')).toBe('webgl');
  }, 400_000);
});
