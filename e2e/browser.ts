import { mkdirSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

export const APP_URL = 'http://127.0.0.1:4173/';
export const ARTIFACTS = 'e2e/artifacts';

/** Debian's Chromium, headless, with WebGPU through SwiftShader (docs/runtime.md). */
export async function launchBrowser({ webgpu = true } = {}): Promise<Browser> {
  const args = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    // Without this flag Chromium on a GPU-less machine returns no WebGPU adapter.
    args: webgpu ? [...args, '--enable-unsafe-webgpu'] : args,
  });
}

export async function newPage(browser: Browser, width = 1280, height = 720): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height } });
  page.on('console', (msg) => {
    if (msg.type() === 'error') console.error(`[page console] ${msg.text()}`);
  });
  page.on('pageerror', (err) => console.error(`[page error] ${err.message}`));
  return page;
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = `${ARTIFACTS}/${name}.png`;
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Types a value into the input with this test id and leaves it, so the store commits it on blur. */
export async function fillInput(page: Page, testId: string, value: string): Promise<void> {
  await page.getByTestId(testId).fill(value);
  await page.getByTestId(testId).blur();
}
