import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LECTURE_STEPS } from '../src/store/lecture/steps';
import { APP_URL, ARTIFACTS, launchBrowser, newPage, screenshot } from './browser';

// Lecture mode on the default model's precomputed trace, at a projector's 1280×720: every step on one screen.
let browser: Browser;
let page: Page;
beforeAll(async () => {
  browser = await launchBrowser();
  page = await newPage(browser, 1280, 720);
});
afterAll(async () => {
  await browser?.close();
});

const stepText = () => page.getByTestId('lecture-step').textContent();
const scrollSize = () =>
  page.evaluate(() => ({ height: document.scrollingElement?.scrollHeight ?? Infinity, width: document.scrollingElement?.scrollWidth ?? Infinity }));
/** Panels whose content is taller or wider than their box (cut off, or spilling over the next one). */
const overflowing = () =>
  page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('.lecture-slot > *')]
      .filter((e) => e.scrollHeight > e.clientHeight + 2 || e.scrollWidth > e.clientWidth + 2)
      .map((e) => `${e.parentElement?.dataset.panel}: ${e.scrollWidth}×${e.scrollHeight} in ${e.clientWidth}×${e.clientHeight}`),
  );
const grid = () => page.getByTestId('samples-grid');

describe('lecture mode', () => {
  it('walks every step with the keyboard, each on one 1280×720 screen', async () => {
    await page.goto(APP_URL);
    // the pack is on screen (curve points) and the backdoored model evaluated (the trigger preview)
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="loss-curve"] .curve-point').length > 0, null, { timeout: 30_000 });
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="attack-preview"] canvas').length === 3, null, { timeout: 120_000 });
    await page.getByTestId('lecture-toggle').click();
    expect(await stepText()).toBe(`1 / ${LECTURE_STEPS.length}`);
    for (let k = 1; k <= LECTURE_STEPS.length; k++) {
      if (k > 1) await page.keyboard.press(k % 2 === 0 ? 'ArrowRight' : 'PageDown');
      expect(await stepText()).toBe(`${k} / ${LECTURE_STEPS.length}`);
      const step = LECTURE_STEPS[k - 1];
      expect(await page.getByTestId('lecture-text').textContent()).toBe(step.text);
      expect(await page.getByTestId('lecture-panels').getAttribute('data-panels')).toBe(step.panels.join(' '));
      if (step.animate) {
        // the step opens playing: a still picture from the middle of the sweep (the sweep itself is checked below)
        await page.waitForFunction(() => Number(document.querySelector('[data-testid="samples-grid"]')?.getAttribute('data-t')) >= 0.45, null, {
          polling: 'raf',
        });
        await page.keyboard.press('Space');
      }
      await page.waitForTimeout(300);
      const size = await scrollSize();
      console.log(`[e2e] lecture step ${k}: page ${size.width}×${size.height}`);
      await screenshot(page, `lecture-step-${k}`);
      expect(size.height, `step ${k} scrolls`).toBeLessThanOrEqual(720 + 2);
      expect(size.width, `step ${k} scrolls sideways`).toBeLessThanOrEqual(1280);
      expect(await overflowing(), `step ${k}`).toEqual([]);
    }
    await page.keyboard.press('PageDown');
    expect(await stepText()).toBe(`${LECTURE_STEPS.length} / ${LECTURE_STEPS.length}`);
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('PageUp');
    expect(await stepText()).toBe(`${LECTURE_STEPS.length - 2} / ${LECTURE_STEPS.length}`);
  });

  it('Space plays t on the animated step: the read-out and the predictions follow; Esc leaves', async () => {
    const animated = LECTURE_STEPS.findIndex((s) => s.animate === true);
    // by the buttons this time: focus stays on "prev", and Space must not press it
    while (Number((await stepText())?.split(' / ')[0]) > animated + 1) await page.getByTestId('lecture-prev').click();
    expect(await stepText()).toBe(`${animated + 1} / ${LECTURE_STEPS.length}`);
    // the step opens playing; Space pauses, then Space plays again
    expect(await page.getByTestId('animate-t').getAttribute('aria-pressed')).toBe('true');
    await page.keyboard.press('Space');
    expect(await page.getByTestId('animate-t').getAttribute('aria-pressed')).toBe('false');
    const before = { readout: await page.getByTestId('t-readout').textContent(), t: await grid().getAttribute('data-t') };
    await page.keyboard.press('Space');
    await page.waitForTimeout(1000);
    expect(await stepText()).toBe(`${animated + 1} / ${LECTURE_STEPS.length}`);
    const after = { readout: await page.getByTestId('t-readout').textContent(), t: await grid().getAttribute('data-t') };
    console.log(`[e2e] t animation: data-t ${before.t} → ${after.t}`);
    expect(after.readout).not.toBe(before.readout);
    expect(Number(after.t)).toBeGreaterThan(Number(before.t) + 0.1);
    // F: full screen and back (a key press is the user activation the Fullscreen API asks for)
    await page.keyboard.press('f');
    await expect.poll(() => page.evaluate(() => document.fullscreenElement !== null)).toBe(true);
    await page.keyboard.press('f');
    await expect.poll(() => page.evaluate(() => document.fullscreenElement !== null)).toBe(false);
    await page.keyboard.press('Escape');
    expect(await page.getByTestId('lecture').count()).toBe(0);
    expect(await page.getByTestId('lecture-toggle').getAttribute('aria-pressed')).toBe('false');
    expect(await page.getByTestId('animate-t').getAttribute('aria-pressed')).toBe('false');
  });

  it('the same control plays t on the normal page', async () => {
    const t0 = Number(await page.getByTestId('t-slider').inputValue());
    await page.getByTestId('animate-t').click();
    expect(await page.getByTestId('animate-t').textContent()).toBe('❚❚ pause');
    await page.waitForTimeout(500);
    await page.getByTestId('animate-t').click();
    expect(await page.getByTestId('animate-t').textContent()).toBe('▶ animate t');
    const t1 = Number(await page.getByTestId('t-slider').inputValue());
    console.log(`[e2e] normal page: t ${t0} → ${t1}`);
    expect(t1).not.toBe(t0);
    await page.getByTestId('animate-t').scrollIntoViewIfNeeded();
    await page.locator('.t-control').screenshot({ path: `${ARTIFACTS}/lecture-normal-t-control.png` });
  });
});
