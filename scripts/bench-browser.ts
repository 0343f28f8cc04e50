/**
 * The page's own benchmark in headless Chromium (Debian's /usr/bin/chromium): builds the app, serves
 * it with the cross-origin isolation headers (vite preview, vite.config.ts), and measures what a user
 * waits for: time to first picture, main-thread work per t input while dragging, the live demo
 * preset end to end on each backend next to the Node CLI on the same settings, with --full the
 * paper's full default TSC on the MNIST MLP (on the backend the page picks) against the CLI, the
 * engine's pieces per backend in the page's worker (a curve step, a 21-point curve evaluation and
 * PERMUTELAYERS on the MNIST MLP and CNN; scripts/bench-browser/engine-bench.ts), and the built chunks.
 * Prints markdown tables and writes the figures as JSON.
 *
 * Usage: npm run bench:browser [-- --backends auto,webgpu,wasm,webgl,cpu] [--full] [--no-build]
 *        [--run-timeout 240] [--drag-events 100] [--dist dist] [--out e2e/artifacts/bench-browser.json]
 *        [--engine-backends wasm,wasm-1,webgl,webgpu,cpu] [--engine-timeout 90]
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { launchBrowser, newPage } from '../e2e/browser';
import { waitForServer } from '../e2e/preview-server';
import { zooEntry } from '../src/engine/node/zoo';
import { FULL_SETTINGS, LIVE_DEMO } from '../src/schema/presets';
import { builtChunks, chunkTable } from './bench-browser/chunks';
import { benchEngineInPage, ENGINE_VARIANTS, type EngineRun } from './bench-browser/engine-bench';
import { engineTable } from './bench-browser/engine-table';
import { timeCli } from './bench-browser/node-cli';
import { dragFrameTimes, firstPicture, percentiles } from './bench-browser/page-metrics';
import { runInPage, type PageRun } from './bench-browser/page-runs';

const { values } = parseArgs({
  options: {
    backends: { type: 'string', default: 'auto,webgpu,wasm,webgl,cpu' },
    full: { type: 'boolean', default: false },
    'no-build': { type: 'boolean', default: false },
    'run-timeout': { type: 'string', default: '240' },
    'drag-events': { type: 'string', default: '100' },
    // the engine's pieces per backend ('wasm-1': WASM on one thread; '' skips them), each stopped after --engine-timeout seconds
    'engine-backends': { type: 'string', default: ENGINE_VARIANTS.map((v) => v.label).join(',') },
    'engine-timeout': { type: 'string', default: '90' },
    out: { type: 'string', default: 'e2e/artifacts/bench-browser.json' },
    port: { type: 'string', default: '4175' },
    // where the build goes and is served from (another folder leaves a running e2e's dist/ alone)
    dist: { type: 'string', default: 'dist' },
  },
  strict: true,
});
const MODEL = 'mnist-mlp-badnet';
const BASE = `http://127.0.0.1:${values.port}/`;
const sec = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const engineVariants = values['engine-backends']
  .split(',')
  .filter(Boolean)
  .map((label) => {
    const variant = ENGINE_VARIANTS.find((v) => v.label === label);
    if (!variant) throw new Error(`--engine-backends: unknown ${label} (one of ${ENGINE_VARIANTS.map((v) => v.label).join(', ')})`);
    return variant;
  });

function startPreview(): () => void {
  const server = spawn('npx', ['vite', 'preview', '--host', '127.0.0.1', '--port', values.port, '--strictPort', '--outDir', values.dist], {
    stdio: 'ignore',
    detached: true,
  });
  return () => {
    if (server.pid) process.kill(-server.pid, 'SIGTERM');
  };
}

const runCell = (r: PageRun) => (r.finished ? sec(r.ms) : `stopped at ${sec(r.ms)} (${(100 * r.fraction).toFixed(0)} % done)`);

async function main(): Promise<void> {
  if (!values['no-build']) {
    const build = spawnSync('npm', ['run', 'build', '--', '--outDir', values.dist], { stdio: 'inherit' });
    if (build.status !== 0) throw new Error('npm run build failed');
  }
  const stop = startPreview();
  const browser = await launchBrowser();
  const report: Record<string, unknown> = { date: new Date().toISOString(), node: process.version };
  try {
    await waitForServer(BASE, 30_000);
    // Time to first picture: three fresh pages, median.
    const loads = [];
    for (let i = 0; i < 3; i++) loads.push(await firstPicture(browser, BASE));
    const firstMs = percentiles(loads.map((l) => l.ms)).p50;
    report.firstPicture = loads;

    // Dragging t on the precomputed view.
    const page = await newPage(browser, 1280, 800);
    await page.goto(BASE);
    // once the worker has started and chosen its backend: the page a student drags t on
    await page.waitForSelector('[data-testid="backend-status"][data-backend]', { timeout: 120_000 });
    await page.waitForSelector('[data-testid="loss-curve"] .curve-point', { timeout: 60_000 });
    const drag = percentiles(await dragFrameTimes(page, Number(values['drag-events'])));
    report.drag = drag;
    await page.close();

    console.log(`\n## Page (${BASE}, Chromium headless, model ${MODEL})\n`);
    console.log('| measure | value |\n|---|---|');
    console.log(`| time to first picture (navigation → filled loss plot, median of 3) | ${firstMs.toFixed(0)} ms |`);
    console.log(`| first contentful paint (median of 3) | ${percentiles(loads.map((l) => l.fcpMs ?? NaN)).p50.toFixed(0)} ms |`);
    const mb = (b: number) => `${(b / 1e6).toFixed(2)} MB`;
    console.log(`| downloaded before the first picture | ${loads[0].firstRequests} requests, ${mb(loads[0].firstBytes)} |`);
    console.log(`| downloaded until the network is idle (worker, backend probe, data) | ${loads[0].idleRequests} requests, ${mb(loads[0].idleBytes)} |`);
    console.log(
      `| main-thread work per t input while dragging on the ready page (script + render + layout), ${values['drag-events']} moves | p50 ${drag.p50.toFixed(1)} ms · p95 ${drag.p95.toFixed(1)} ms · max ${drag.max.toFixed(1)} ms |`,
    );

    // The live demo preset on each backend, next to the CLI.
    const timeout = Number(values['run-timeout']) * 1000;
    const cli = await timeCli(MODEL, LIVE_DEMO);
    const runs: PageRun[] = [];
    for (const backend of values.backends.split(',')) runs.push(await runInPage(browser, BASE, backend, LIVE_DEMO, timeout));
    report.livePreset = { cliMs: cli.ms, runs };
    console.log(`\n## Live demo preset (${LIVE_DEMO.rounds} rounds × ${LIVE_DEMO.curveEpochs} curve epochs), click → done\n`);
    console.log('| backend asked | backend used (chip) | page | ÷ Node CLI |\n|---|---|---|---|');
    for (const r of runs)
      console.log(`| ${values.backends.split(',')[runs.indexOf(r)]} | ${r.chip} | ${runCell(r)} | ${r.finished ? (r.ms / cli.ms).toFixed(2) + '×' : '–'} |`);
    console.log(`| Node CLI (${cli.setup}) | – | ${sec(cli.ms)} | 1.00× |`);

    if (engineVariants.length) {
      const models = ['mnist-mlp-badnet', 'mnist-cnn-badnet'];
      const entries = models.map(zooEntry);
      const engineRuns: EngineRun[] = [];
      for (const variant of engineVariants)
        engineRuns.push(await benchEngineInPage(browser, BASE, values.dist, variant, entries, Number(values['engine-timeout']) * 1000));
      report.engine = engineRuns;
      console.log(`\n## Engine pieces per backend, in the page's worker (marginal curve step at batch 64; medians; slow backends on fewer repeats)\n`);
      console.log(engineTable(engineRuns, models));
    }

    if (values.full) {
      const fullCli = await timeCli(MODEL, FULL_SETTINGS);
      const fullPage = await runInPage(browser, BASE, 'auto', FULL_SETTINGS, 3 * 3600 * 1000);
      report.full = { cliMs: fullCli.ms, page: fullPage };
      console.log(
        `\n## Full default TSC (${FULL_SETTINGS.rounds} rounds × ${FULL_SETTINGS.curveEpochs} curve epochs), the picked backend against the Node CLI (${fullCli.setup}, its default --cores)\n`,
      );
      console.log('| where | wall | ratio |\n|---|---|---|');
      console.log(`| page (${fullPage.chip}) | ${runCell(fullPage)} | ${(fullPage.ms / fullCli.ms).toFixed(2)}× the CLI (target ≤ 1.2×) |`);
      console.log(`| Node CLI | ${sec(fullCli.ms)} | 1.00× |`);
    }
  } finally {
    await browser.close();
    stop();
  }

  const chunks = builtChunks(values.dist);
  report.chunks = chunks;
  console.log('\n## Built chunks (dist/assets)\n');
  console.log(chunkTable(chunks));

  mkdirSync(dirname(values.out), { recursive: true });
  writeFileSync(values.out, JSON.stringify(report, null, 1) + '\n');
  console.log(`\n[bench:browser] figures written to ${values.out}`);
}

main().catch((err: unknown) => {
  console.error(`[bench:browser] ${(err as Error).stack ?? String(err)}`);
  process.exit(1);
});
