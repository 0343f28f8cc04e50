/**
 * Two builds of the page, loaded in turn in one Chromium (A, B, A, B, …) so that the machine's load
 * drifts over both alike: time to the first picture and first contentful paint on `/`, and the time
 * until the worker's backend is ready on `/?backend=wasm` (no probe: the worker's script and its
 * backend's chunk and binary, then the backend's start). Prints each median and B ÷ A.
 *
 * Usage: npx tsx scripts/bench-load.ts --a DIST_A --b DIST_B [--rounds 5] [--mbps 20 [--latency 40]]
 * (build each first, e.g. `npx vite build --outDir /tmp/dist-b`; a build of another commit comes
 * from `git archive <commit> | tar -x -C DIR`, with node_modules linked in, and `npx vite build` there)
 */
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newPage } from '../e2e/browser';
import { waitForServer } from '../e2e/preview-server';
import { percentiles } from './bench-browser/page-metrics';

const { values } = parseArgs({
  options: {
    a: { type: 'string' },
    b: { type: 'string' },
    rounds: { type: 'string', default: '5' },
    // a network slower than localhost (Chromium's emulation: this many Mbit/s down, --latency ms each way); 0: none
    mbps: { type: 'string', default: '0' },
    latency: { type: 'string', default: '40' },
  },
  strict: true,
});
const distOf = (flag: string | undefined): string => {
  if (!flag) throw new Error('usage: --a DIST_A --b DIST_B [--rounds N]');
  return flag;
};
const [distA, distB] = [distOf(values.a), distOf(values.b)];

/** `vite preview` of one build folder with the page's headers (vite.config.ts); returns its URL and a stop function. */
function serve(dist: string, port: number): { url: string; stop: () => void } {
  const server = spawn('npx', ['vite', 'preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort', '--outDir', dist], {
    stdio: 'ignore',
    detached: true,
  });
  return { url: `http://127.0.0.1:${port}/`, stop: () => server.pid && process.kill(-server.pid, 'SIGTERM') };
}

interface Load {
  firstPictureMs: number;
  fcpMs: number;
  backendReadyMs: number;
}

/** A fresh page, on the emulated network if --mbps asks for one. */
async function freshPage(browser: Browser): Promise<Page> {
  const page = await newPage(browser, 1280, 800);
  const mbps = Number(values.mbps);
  if (mbps > 0) {
    const cdp = await page.context().newCDPSession(page);
    const bytesPerSecond = (mbps * 1e6) / 8;
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: Number(values.latency),
      downloadThroughput: bytesPerSecond,
      uploadThroughput: bytesPerSecond,
    });
  }
  return page;
}

/** One fresh context per measure, closed after it, so that no worker competes with the next load. */
async function load(browser: Browser, url: string): Promise<Load> {
  const page = await freshPage(browser);
  await page.goto(url);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="loss-curve"] .curve-point').length > 0, null, { polling: 'raf', timeout: 60_000 });
  const firstPictureMs = Number(await page.evaluate('performance.now()'));
  const fcpMs = Number(await page.evaluate(`performance.getEntriesByType('paint').find((e) => e.name === 'first-contentful-paint')?.startTime ?? NaN`));
  await page.context().close();
  const forced = await freshPage(browser);
  await forced.goto(`${url}?backend=wasm`);
  await forced.waitForSelector('[data-testid="backend-status"][data-backend="wasm"]', { timeout: 120_000 });
  const backendReadyMs = Number(await forced.evaluate('performance.now()'));
  await forced.context().close();
  return { firstPictureMs, fcpMs, backendReadyMs };
}

async function main(): Promise<void> {
  const a = serve(distA, 4181);
  const b = serve(distB, 4182);
  const browser = await launchBrowser();
  try {
    await Promise.all([waitForServer(a.url, 30_000), waitForServer(b.url, 30_000)]);
    await load(browser, a.url); // warm-up: Chromium's own first start, the OS file cache
    await load(browser, b.url);
    const runs: { a: Load[]; b: Load[] } = { a: [], b: [] };
    for (let i = 0; i < Number(values.rounds); i++) {
      runs.a.push(await load(browser, a.url));
      runs.b.push(await load(browser, b.url));
    }
    const median = (xs: Load[], key: keyof Load) => percentiles(xs.map((x) => x[key])).p50;
    const network = Number(values.mbps) > 0 ? `${values.mbps} Mbit/s, ${values.latency} ms latency` : 'localhost';
    console.log(`\n| measure (median of ${values.rounds}, A and B interleaved, ${network}) | A: ${distA} | B: ${distB} | B ÷ A |\n|---|---|---|---|`);
    for (const [key, what] of [
      ['firstPictureMs', 'time to first picture (navigation → filled loss plot)'],
      ['fcpMs', 'first contentful paint'],
      ['backendReadyMs', 'navigation → worker backend ready, ?backend=wasm'],
    ] as const) {
      const [ma, mb] = [median(runs.a, key), median(runs.b, key)];
      console.log(`| ${what} | ${ma.toFixed(0)} ms | ${mb.toFixed(0)} ms | ${(mb / ma).toFixed(2)} |`);
    }
  } finally {
    await browser.close();
    a.stop();
    b.stop();
  }
}

main().catch((err: unknown) => {
  console.error(`[bench-load] ${(err as Error).stack ?? String(err)}`);
  process.exit(1);
});
