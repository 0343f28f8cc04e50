import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_URL, ARTIFACTS, launchBrowser } from './browser';

// Links that reopen a view, in the built app: the selection and t survive the precomputed trace's load.
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** A fresh visit (nothing saved) at 1280×800; `clipboard: false` takes the Clipboard API away. */
async function open(
  query: string,
  { clipboard = true, ready = '[data-testid="loss-curve"] .curve-point' } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, permissions: ['clipboard-read', 'clipboard-write'] });
  const page = await context.newPage();
  page.on('pageerror', (err) => console.error(`[page error] ${err.message}`));
  // every message the page sends its compute worker, by type
  await page.addInitScript(() => {
    const sent: unknown[] = [];
    (window as unknown as { sent: unknown[] }).sent = sent;
    const post = Worker.prototype.postMessage;
    Worker.prototype.postMessage = function (this: Worker, m: { type?: string }, o?: StructuredSerializeOptions) {
      sent.push(m?.type);
      post.call(this, m, o);
    } as Worker['postMessage'];
  });
  if (!clipboard) await page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'clipboard', { get: () => undefined }));
  await page.goto(`${APP_URL}${query}`);
  await page.waitForSelector(ready, { timeout: 30_000 });
  return { context, page };
}
/** The Live demo preset (the default settings) as a link writes it: every run setting. */
const LIVE = 'defense=tsc&rounds=3&epochs=10&lr=0.2&out-t=0.4&clean=0.05&seed=0&perm=activation&ft=1&eval=300&test=0';
const search = (page: Page) => page.evaluate(() => location.search);
const selectedTabs = (page: Page) => page.getByRole('tablist', { name: 'Round and stage' }).getByRole('tab', { selected: true }).allTextContents();

describe('links', () => {
  it('a deep link opens round 2 stage 2 at t = 0.70 on the precomputed trace, with no run', async () => {
    const { context, page } = await open('?model=mnist-mlp-badnet&round=2&stage=2&t=0.70');
    expect(await selectedTabs(page)).toEqual(['R2 · stage 2 · align + connect']);
    expect([await page.getByTestId('t-slider').inputValue(), await page.getByTestId('t-slider').getAttribute('aria-valuetext')]).toEqual(['0.7', 't = 0.700']);
    expect(await page.locator('.t-slider-label').textContent()).toContain('t = 0.700');
    expect(await page.getByTestId('t-readout').textContent()).toMatch(/clean loss \d\.\d{3}.*round 2, stage 2/);
    expect(await page.locator('[data-testid="loss-curve"] .curve-point').count()).toBe(6 * 2 * 21);
    expect(await page.getByTestId('run-status').getAttribute('data-status')).toBe('done');
    const sent = await page.evaluate(() => (window as unknown as { sent: string[] }).sent);
    expect(sent.filter((m) => m === 'run' || m === 'preview' || m === 'plane')).toEqual([]);
    expect(await search(page)).toBe(`?model=mnist-mlp-badnet&${LIVE}&round=2&stage=2&t=0.70`);
    expect(await page.getByTestId('notice').count()).toBe(0);
    await context.close();
    const plain = await open('');
    console.log(`[e2e] the default view's URL as the page writes it: ${plain.page.url()}`);
    await plain.context.close();
  });

  it('bad parameters: one notice naming them, a working page whose URL follows t; copy link', async () => {
    const { context, page } = await open('?t=abc&rounds=0&model=mnist-mlp-badnet');
    expect(await page.getByTestId('notice').allTextContents()).toEqual(['Ignored link parameters t=abc, rounds=0: not a valid value.×']);
    expect(await page.getByTestId('rounds-input').inputValue()).toBe('3');
    expect(await search(page)).toBe(`?model=mnist-mlp-badnet&${LIVE}&round=1&stage=1&t=0.40`);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: `${ARTIFACTS}/links-notice.png` });

    await page.getByTestId('t-slider').focus();
    for (let k = 0; k < 12; k++) await page.keyboard.press('ArrowRight');
    expect(await page.getByTestId('t-slider').inputValue()).toBe('0.52');
    await expect.poll(() => search(page), { timeout: 2000, interval: 50 }).toBe(`?model=mnist-mlp-badnet&${LIVE}&round=1&stage=1&t=0.52`);

    await page.getByTestId('notice-dismiss').click();
    expect(await page.getByTestId('notice').count()).toBe(0);
    await page.getByTestId('copy-link').click();
    await expect.poll(() => page.getByTestId('copy-link').textContent()).toBe('Link copied');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`${APP_URL}?model=mnist-mlp-badnet&${LIVE}&round=1&stage=1&t=0.52`);
    await expect.poll(() => page.getByTestId('copy-link').textContent(), { timeout: 4000 }).toBe('Copy link');
    await context.close();
  });

  it('without a clipboard, copy link shows the link selected in a read-only field', async () => {
    const { context, page } = await open('?model=mnist-mlp-badnet&round=3&stage=1&t=0.25', { clipboard: false });
    await page.getByTestId('copy-link').click();
    const field = page.getByTestId('copy-link-field');
    expect(await field.inputValue()).toBe(`${APP_URL}?model=mnist-mlp-badnet&${LIVE}&round=3&stage=1&t=0.25`);
    const selected = (el: HTMLInputElement) => `${el.readOnly} ${el.selectionStart}–${el.selectionEnd} ${document.activeElement === el}`;
    expect(await field.evaluate(selected)).toBe(`true 0–${(await field.inputValue()).length} true`);
    await context.close();
  });

  it('lecture steps are history entries: Back walks them, also back into lecture mode', async () => {
    const { context, page } = await open('?model=mnist-mlp-badnet&lecture=1&step=2', { ready: '[data-testid="lecture-step"]' });
    const step = () => page.getByTestId('lecture-step').textContent();
    expect([await step(), await search(page)]).toEqual([expect.stringMatching(/^2 \/ \d+$/), `?model=mnist-mlp-badnet&${LIVE}&step=2&lecture=1`]);
    await page.getByTestId('lecture-next').click();
    expect([await step(), await search(page)]).toEqual([expect.stringMatching(/^3 \//), `?model=mnist-mlp-badnet&${LIVE}&step=3&lecture=1`]);
    await page.getByTestId('lecture-toggle').click();
    expect(await search(page)).toMatch(/^\?model=mnist-mlp-badnet&defense=.*&round=\d&stage=\d&t=\d\.\d\d$/);
    await page.goBack();
    await expect.poll(step).toMatch(/^3 \//);
    await page.goBack();
    await expect.poll(step).toMatch(/^2 \//);
    expect(await search(page)).toBe(`?model=mnist-mlp-badnet&${LIVE}&step=2&lecture=1`);
    await context.close();
  });
});
