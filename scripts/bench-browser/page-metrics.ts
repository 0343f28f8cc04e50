import type { Browser, Page } from 'playwright-core';
import { newPage } from '../../e2e/browser';

/** Median and 95th percentile (nearest rank) of a sample. */
export function percentiles(xs: number[]): { p50: number; p95: number; max: number } {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
  return { p50: at(0.5), p95: at(0.95), max: s[s.length - 1] };
}

export interface FirstPicture {
  /** navigation start → the loss plot has its first drawn point, in the page's own clock */
  ms: number;
  /** first contentful paint, as the browser reports it */
  fcpMs: number | null;
  /** what was downloaded before the first picture (the first view's own bytes) */
  firstRequests: number;
  firstBytes: number;
  /** everything until the network is idle (the deferred worker, its backend probe, the data) */
  idleRequests: number;
  idleBytes: number;
}

/** Loads the root URL in a fresh page and times the first filled loss plot (the precomputed view). */
export async function firstPicture(browser: Browser, url: string): Promise<FirstPicture> {
  const page = await newPage(browser, 1280, 800);
  const sizes: { bytes: number; beforePicture: boolean }[] = [];
  let drawn = false;
  page.on('requestfinished', (req) => {
    const beforePicture = !drawn;
    void req
      .sizes()
      .then((s) => sizes.push({ bytes: s.responseBodySize, beforePicture }))
      .catch(() => undefined);
  });
  await page.goto(url);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="loss-curve"] .curve-point').length > 0, null, { polling: 'raf', timeout: 60_000 });
  drawn = true;
  const ms = Number(await page.evaluate('performance.now()'));
  const fcp = await page.evaluate(`performance.getEntriesByType('paint').find((e) => e.name === 'first-contentful-paint')?.startTime ?? null`);
  // the worker starts after the first view, probes the backends and loads the test data
  await page.waitForSelector('[data-testid="backend-status"][data-backend]', { timeout: 120_000 });
  await page.waitForLoadState('networkidle');
  // close the whole context, so that its worker's threads do not compete with the next load
  await page.context().close();
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const first = sizes.filter((s) => s.beforePicture);
  const sum = (xs: { bytes: number }[]) => xs.reduce((n, s) => n + s.bytes, 0);
  return { ms, fcpMs: fcp as number | null, firstRequests: first.length, firstBytes: sum(first), idleRequests: sizes.length, idleBytes: sum(sizes) };
}

/**
 * Main-thread work per t input while the marker is dragged across the loss plot: for each of `n`
 * pointer moves, the time from dispatching the event to the end of the style and layout it causes
 * (React renders a store update synchronously in a microtask; reading offsetHeight forces layout).
 * Paint is not included. Each move starts at the beginning of a fresh frame, as a real drag does.
 */
export async function dragFrameTimes(page: Page, n: number): Promise<number[]> {
  // Passed as text: tsx would wrap named functions in a helper the page does not have.
  return page.evaluate(`(async (count) => {
    const svg = document.querySelector('[data-testid="loss-curve"] svg.plot');
    if (!svg) throw new Error('no loss plot to drag on');
    const box = svg.getBoundingClientRect();
    const y = box.top + box.height / 2;
    const fire = (type, x) =>
      svg.dispatchEvent(new PointerEvent(type, { bubbles: true, clientX: x, clientY: y, buttons: 1, pointerId: 1, isPrimary: true }));
    const times = [];
    fire('pointerdown', box.left + box.width * 0.1);
    for (let i = 0; i < count; i++) {
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
      const t0 = performance.now();
      fire('pointermove', box.left + box.width * (0.1 + (0.8 * i) / Math.max(1, count - 1)));
      await Promise.resolve();
      void document.body.offsetHeight;
      times.push(performance.now() - t0);
    }
    fire('pointerup', box.left + box.width * 0.9);
    return times;
  })(${n})`);
}
