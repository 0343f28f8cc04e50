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

/** The run settings a test types in: rounds, curve epochs, clean subset %, curve-eval and ACC/ASR images. */
export interface TinyRun {
  rounds: number;
  curveEpochs: number;
  cleanPercent: number;
  evalSamples: number;
  testSamples: number;
}

/** Types a small run's settings into the defense panel (each committed on blur). */
export async function fillRunSettings(page: Page, run: TinyRun): Promise<void> {
  await fillInput(page, 'rounds-input', String(run.rounds));
  await fillInput(page, 'curve-epochs-input', String(run.curveEpochs));
  await fillInput(page, 'clean-fraction-input', String(run.cleanPercent));
  await fillInput(page, 'eval-samples-input', String(run.evalSamples));
  await fillInput(page, 'test-samples-input', String(run.testSamples));
}
