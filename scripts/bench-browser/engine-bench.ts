import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import type { ZooEntry } from '../../src/engine/zoo';
import type { BackendName, BenchRequest, BenchRow, BenchSizes, BenchUpdate } from '../../src/protocol/messages';
import { newPage } from '../../e2e/browser';

/** A backend as the engine benchmark starts it: WASM also on one thread, next to its default pool. */
export interface EngineVariant {
  label: string;
  backend: BackendName;
  threads?: number;
}
export const ENGINE_VARIANTS: EngineVariant[] = [
  { label: 'wasm', backend: 'wasm' },
  { label: 'wasm-1', backend: 'wasm', threads: 1 },
  { label: 'webgl', backend: 'webgl' },
  { label: 'webgpu', backend: 'webgpu' },
  { label: 'cpu', backend: 'cpu' },
];

/**
 * How much each backend times per architecture: the WASM pools as scripts/bench.ts does in Node,
 * the software-rendered ones (WebGL and WebGPU through SwiftShader, cpu) with one repeat and few
 * steps, and no CNN curve evaluation, so that the whole table takes a few minutes.
 */
export function sizesFor(backend: BackendName, arch: ZooEntry['arch']): BenchSizes {
  const fast = backend === 'wasm';
  if (arch === 'mlp') return fast ? { repeats: 3, curveSteps: 10, evalSamples: 1000 } : { repeats: 1, curveSteps: 3, evalSamples: 200 };
  return fast ? { repeats: 1, curveSteps: 4, evalSamples: 200 } : { repeats: 1, curveSteps: 2, evalSamples: 0 };
}

/** The built asset (under `dist`/assets) whose bytes are those of `file`: Vite copies model files under hashed names. */
export function builtAsset(dist: string, file: string): string {
  const want = readFileSync(file);
  const dir = join(dist, 'assets');
  const name = readdirSync(dir).find((f) => f.endsWith(file.slice(file.lastIndexOf('.'))) && readFileSync(join(dir, f)).equals(want));
  if (!name) throw new Error(`${file} is not in ${dir}: build the app first`);
  return `assets/${name}`;
}

export interface EngineRun {
  label: string;
  /** what the worker started (absent if it never did) */
  started?: Extract<BenchUpdate, { kind: 'started' }>;
  rows: BenchRow[];
  /** the worker's tensors after the last model (every model's tensors freed: its count at start, 0) */
  numTensors?: number;
  /** why it ended early: an error, or the time limit */
  stopped?: string;
  ms: number;
}

/**
 * Runs the page's compute worker (the built script, in a worker of its own) on one backend: opens a
 * cross-origin isolated same-origin document (the served favicon carries the isolation headers), so
 * the app itself does not start and compete for the cores, sends one 'bench' request
 * (src/worker/bench-request.ts) and collects its figures until done, an error, or `timeoutMs`.
 */
export async function benchEngineInPage(
  browser: Browser,
  base: string,
  dist: string,
  variant: EngineVariant,
  entries: ZooEntry[],
  timeoutMs: number,
): Promise<EngineRun> {
  const workerFile = readdirSync(join(dist, 'assets')).find((f) => /^compute\.worker-.*\.js$/.test(f));
  if (!workerFile) throw new Error(`no compute.worker-*.js in ${dist}/assets`);
  const request: BenchRequest = {
    type: 'bench',
    requestId: 1,
    backend: variant.backend,
    ...(variant.threads !== undefined && { threads: variant.threads }),
    dataBaseUrl: `${base}data/`,
    models: entries.map((entry) => ({
      entry,
      files: { modelJsonUrl: base + builtAsset(dist, `models/${entry.modelJson}`), weightsUrl: base + builtAsset(dist, `models/${entry.weights}`) },
      sizes: sizesFor(variant.backend, entry.arch),
    })),
  };
  const page = await newPage(browser);
  await page.goto(`${base}favicon.svg`);
  const t0 = Date.now();
  // Passed as text: tsx would wrap named functions in a helper the page does not have.
  await page.evaluate(`(() => {
    const log = (globalThis.benchLog = []);
    const worker = new Worker(${JSON.stringify(base + 'assets/' + workerFile)}, { type: 'module' });
    worker.onmessage = (ev) => log.push(ev.data);
    worker.onerror = (ev) => log.push({ type: 'error', message: ev.message || 'the worker failed to load' });
    worker.postMessage(${JSON.stringify(request)});
  })()`);
  const run: EngineRun = { label: variant.label, rows: [], ms: 0 };
  let seen = 0;
  for (;;) {
    const log = (await page.evaluate(`globalThis.benchLog.slice(${seen})`)) as { type: string; update?: BenchUpdate; message?: string }[];
    seen += log.length;
    for (const ev of log) {
      if (ev.type === 'error') run.stopped = ev.message;
      const u = ev.update;
      if (ev.type !== 'bench' || !u) continue;
      if (u.kind === 'started') run.started = u;
      else if (u.kind === 'row') run.rows.push(u.row);
      else run.numTensors = u.numTensors;
    }
    if (run.numTensors !== undefined || run.stopped) break;
    if (Date.now() - t0 > timeoutMs) {
      run.stopped = `over its ${(timeoutMs / 1000).toFixed(0)} s limit`;
      break;
    }
    await page.waitForTimeout(200);
  }
  run.ms = Date.now() - t0;
  // closing the context ends the worker and its threads before the next backend starts
  await page.context().close();
  return run;
}
