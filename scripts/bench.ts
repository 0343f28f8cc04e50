/**
 * Engine benchmark in Node, per backend (wasm, cpu): one curve-training step, one 21-point curve
 * evaluation, the curve with its straight line (as a stage evaluates them), a 5×5 loss plane, one
 * PERMUTELAYERS call per architecture, and one full default TSC run on the MNIST MLP.
 * Usage: npm run bench [-- --backends wasm,cpu] [--models mnist-mlp-badnet,mnist-cnn-badnet] [--full-cpu] [--no-full] [--repeats 5] [--no-webgpu-counts] [--step-only]
 * The full TSC run is measured on wasm; on cpu only with --full-cpu (it takes over an hour there).
 * The MLP's curve evaluation is timed on both evaluation paths (per-point, batched), interleaved.
 * Last, what one curve step and one curve evaluation (both paths) dispatch and read back on WebGPU
 * (Dawn in Node; --no-webgpu-counts skips it).
 */
import * as tf from '@tensorflow/tfjs';
import { PIXELS } from '../src/engine/data/datasets';
import { toFloatImages } from '../src/engine/data/format';
import { fitBezierCurve, midpoint } from '../src/engine/curve';
import { EvalSet, evaluateCurve, evaluateCurveAndLine } from '../src/engine/evaluate';
import type { ArchId } from '../src/engine/model/arch';
import { forwardFlops } from '../src/engine/model/flops';
import { disposeParams, initParams } from '../src/engine/model/params';
import { permuteLayers } from '../src/engine/permute/permute-layers';
import { disposePlaneBasis, evaluatePlane, planeBasis } from '../src/engine/plane';
import { cleanSubset, runDefense } from '../src/engine/run-defense';
import { TSC_DEFAULTS } from '../src/engine/settings';
import { DeviceDataset } from '../src/engine/sgd';
import { layoutOf } from '../src/engine/step/flat-layout';
import { sgdUpdate, sgdUpdatePlain } from '../src/engine/step/fused-ops';
import { withStepPath, type StepPath } from '../src/engine/step/step-path';
import { evalPath, withEvalPath, type EvalPath } from '../src/engine/eval-batch';
import { initNodeBackend } from '../src/engine/node/tf-backend';
import { defenseInput, readManifest } from '../src/engine/node/zoo';
import * as v from 'valibot';
import { listArg, numberArg, runCli, strictArgs, usageLines } from './lib/cli';
import { printWebGpuCounts } from './lib/webgpu-counts';

const USAGE = [
  'Usage: npm run bench -- [options]',
  usageLines([
    ['--backends <list>', 'some of wasm, cpu (default wasm,cpu)'],
    ['--models <id,id>', 'default mnist-mlp-badnet,mnist-cnn-badnet'],
    ['--repeats <n>', 'timed repeats per figure, 1 to 50 (default 5)'],
    ['--no-full', 'skip the full default TSC run'],
    ['--full-cpu', 'also run it on cpu (over an hour)'],
    ['--no-webgpu-counts', 'skip the WebGPU dispatch and read-back counts'],
    ['--step-only', 'only the curve step on every step path (implies --no-full)'],
  ]),
].join('\n');
/** The flags, parsed strictly in main (a bad one prints the usage and exits 2). */
interface BenchArgs {
  backends: ('wasm' | 'cpu')[];
  models: string[];
  repeats: number;
  noFull: boolean;
  fullCpu: boolean;
  noCounts: boolean;
  stepOnly: boolean;
}
function parseBenchArgs(): BenchArgs {
  const values = strictArgs(process.argv.slice(2), {
    backends: { type: 'string', default: 'wasm,cpu' },
    models: { type: 'string', default: 'mnist-mlp-badnet,mnist-cnn-badnet' },
    repeats: { type: 'string', default: '5' },
    'no-full': { type: 'boolean', default: false },
    'full-cpu': { type: 'boolean', default: false },
    'no-webgpu-counts': { type: 'boolean', default: false },
    'step-only': { type: 'boolean', default: false },
  });
  return {
    backends: listArg('backends', values.backends, ['wasm', 'cpu'], 'backend') as ('wasm' | 'cpu')[],
    models: listArg(
      'models',
      values.models,
      readManifest().models.map((m) => m.id),
      'model',
    ),
    repeats: numberArg('repeats', values.repeats, v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(50))),
    noFull: values['no-full'] || values['step-only'],
    fullCpu: values['full-cpu'],
    noCounts: values['no-webgpu-counts'],
    stepOnly: values['step-only'],
  };
}
let opts: BenchArgs;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function timeIt(label: string, n: number, f: () => Promise<void>): Promise<number> {
  await f(); // warm-up: kernel compilation, first allocations
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await f();
    times.push(performance.now() - t0);
  }
  const ms = median(times);
  console.log(`  ${label.padEnd(46)} ${ms >= 1000 ? (ms / 1000).toFixed(2) + ' s' : ms.toFixed(1) + ' ms'}  (median of ${n})`);
  return ms;
}

// Forward FLOPs per image: src/engine/model/flops.ts. On the MLP the points share the first layer
// (src/engine/model/first-layer-mix.ts), so its figure counts work saved as work done; bench:torch
// shares it too and counts it the same way.

/**
 * One curve step's time on every step path (src/engine/step/step-path.ts), interleaved in this one
 * process so that their ratios are fair on a busy machine: per repeat, each path in turn, each a
 * 1-step and a k-step fit; the step is (T(k) − T(1)) / (k − 1), which leaves the per-fit set-up out.
 */
async function benchCurveStep(id: string, batch: number, n: number, k: number, fitSteps: (steps: number) => Promise<void>): Promise<void> {
  const paths: StepPath[] = ['reference', 'fused-per-tensor', 'lean', 'lean-mlp-backward'];
  const times = Object.fromEntries(paths.map((p) => [p, { one: [] as number[], many: [] as number[] }])) as Record<StepPath, { one: number[]; many: number[] }>;
  const time = async (f: () => Promise<void>) => {
    const t0 = performance.now();
    await f();
    return performance.now() - t0;
  };
  for (const path of paths) await withStepPath(path, () => fitSteps(1)); // warm-up
  for (let i = 0; i < n; i++) {
    for (const path of paths) {
      times[path].one.push(await withStepPath(path, () => time(() => fitSteps(1))));
      times[path].many.push(await withStepPath(path, () => time(() => fitSteps(k))));
    }
  }
  const step = {} as Record<StepPath, number>;
  for (const path of paths) {
    const one = median(times[path].one);
    const many = median(times[path].many);
    step[path] = (many - one) / (k - 1);
    console.log(`  ${`${id}: curve fit, 1 step (batch ${batch}, incl. setup), ${path}`.padEnd(46)} ${one.toFixed(1)} ms  (median of ${n})`);
    console.log(`  ${`${id}: one curve step (batch ${batch}), ${path}`.padEnd(46)} ${step[path].toFixed(1)} ms  (marginal, ${k} vs 1 step)`);
  }
  for (const path of paths.slice(1)) console.log(`  ${`${id}: one curve step, ${path} / reference`.padEnd(46)} ${(step[path] / step.reference).toFixed(2)}×`);
}

/**
 * The fused SGD update kernel against the same update in plain ops, on a state of the model's size,
 * interleaved (kernel, plain, kernel, …) so that the ratio is fair on a busy machine: whether the
 * backend's kernel (src/engine/step/host-kernels.ts) is worth having there.
 */
async function benchUpdateKernel(id: string, size: number, n: number): Promise<void> {
  const [state, grad, a, b] = [2 * size, size, size, size].map((k, i) => tf.randomUniform([k], -1, 1, 'float32', i + 1) as tf.Tensor1D);
  const attrs = { lr: 0.02, momentum: 0.9, weightDecay: 5e-4, l2Scale: 1e-4, wa: 0.25, wc: 0.5, wb: 0.25 };
  const runs = { kernel: () => sgdUpdate(state, grad, { a, b }, attrs), plain: () => sgdUpdatePlain(state, grad, a, b, attrs) };
  const times: Record<string, number[]> = { kernel: [], plain: [] };
  for (let i = 0; i <= 4 * n; i++) {
    for (const [name, run] of Object.entries(runs)) {
      const t0 = performance.now();
      const out = run();
      await out.data();
      out.dispose();
      if (i > 0) times[name].push(performance.now() - t0); // the first round warms up
    }
  }
  const [kernel, plain] = [median(times.kernel), median(times.plain)];
  console.log(
    `  ${`${id}: SGD update (${size} params), kernel vs plain`.padEnd(46)} ${kernel.toFixed(2)} vs ${plain.toFixed(2)} ms (${(kernel / plain).toFixed(2)}×, median of ${4 * n}, read-back included)`,
  );
  tf.dispose([state, grad, a, b]);
}

/**
 * A 21-point curve evaluation on both evaluation paths (src/engine/eval-batch.ts), interleaved in
 * this one process (per repeat: per-point, then batched) so that their ratio is fair on a busy
 * machine. Only the MLP batches its points; the CNN has the per-point path alone. Returns the
 * default path's median time.
 */
async function benchEvalPaths(id: string, arch: ArchId, label: string, n: number, evaluate: () => Promise<void>): Promise<number> {
  if (arch !== 'mlp') return timeIt(label, n, evaluate);
  const paths: EvalPath[] = ['per-point', 'batched'];
  const times: Record<EvalPath, number[]> = { 'per-point': [], batched: [] };
  for (const path of paths) await withEvalPath(path, evaluate); // warm-up
  for (let i = 0; i < n; i++) {
    for (const path of paths) {
      const t0 = performance.now();
      await withEvalPath(path, evaluate);
      times[path].push(performance.now() - t0);
    }
  }
  const ms = Object.fromEntries(paths.map((p) => [p, median(times[p])])) as Record<EvalPath, number>;
  for (const path of paths) console.log(`  ${`${label}, ${path}`.padEnd(46)} ${ms[path].toFixed(1)} ms  (median of ${n}, interleaved)`);
  console.log(`  ${`${id}: curve eval, batched / per-point`.padEnd(46)} ${(ms.batched / ms['per-point']).toFixed(2)}×`);
  return ms[evalPath()];
}

async function benchBackend(backend: 'wasm' | 'cpu'): Promise<void> {
  const active = await initNodeBackend(backend);
  if (active !== backend) {
    console.log(`\n[${backend}] not available (got ${active}); skipped`);
    return;
  }
  console.log(`\n[${backend}]`);
  for (const id of opts.models) {
    const input = await defenseInput(id);
    const subset = cleanSubset(input.train, TSC_DEFAULTS.cleanFraction, 0);
    const cleanImages = toFloatImages(subset);
    const batch = TSC_DEFAULTS.curveBatchSize;
    const slow = backend === 'cpu' && input.arch === 'cnn';
    const n = slow ? 1 : opts.repeats;
    // Per-step cost without the per-fit setup (variables, optimizer, clones): (T(k steps) − T(1 step)) / (k − 1).
    const k = Math.min(slow ? 3 : 10, Math.floor(subset.count / batch));
    const fitSteps = async (steps: number) => {
      const subsetData = new DeviceDataset(cleanImages.subarray(0, steps * batch * PIXELS), subset.labels.subarray(0, steps * batch));
      const c = await fitBezierCurve(input.arch, input.params, input.params, subsetData, {
        epochs: 1,
        batchSize: batch,
        lr: 0.02,
        momentum: 0.9,
        weightDecay: 5e-4,
        l2: 1e-4,
        seed: 1,
      });
      disposeParams(c);
      subsetData.dispose();
    };
    await benchCurveStep(id, batch, n, k, fitSteps);
    if (opts.stepOnly) {
      disposeParams(input.params);
      continue;
    }
    await benchUpdateKernel(id, layoutOf(input.params).size, n);
    const evalSet = EvalSet.build(toFloatImages(input.test), input.test.labels, input.attack, input.target, backend === 'cpu' ? 200 : TSC_DEFAULTS.evalSamples);
    const mid = midpoint(input.params, input.params);
    const evalMs = await benchEvalPaths(
      id,
      input.arch,
      `${id}: 21-point curve eval (${evalSet.clean.count}+${evalSet.poisoned.count} imgs)`,
      slow ? 1 : Math.min(opts.repeats, 3),
      async () => {
        await evaluateCurve(input.arch, input.params, mid, input.params, evalSet, 21);
      },
    );
    const evalFlops = 21 * (evalSet.clean.count + evalSet.poisoned.count) * forwardFlops(input.arch);
    console.log(
      `  ${`${id}: 21-point curve eval throughput`.padEnd(46)} ${(evalFlops / evalMs / 1e6).toFixed(1)} GFLOP/s  (${(evalFlops / 1e9).toFixed(1)} GFLOP)`,
    );
    // Three distinct models, so the plane has a basis; the cost does not depend on the values.
    const other = initParams(input.arch, 1);
    const control = initParams(input.arch, 2);
    await timeIt(`${id}: 21-point curve + straight line eval`, slow ? 1 : Math.min(opts.repeats, 3), async () => {
      await evaluateCurveAndLine(input.arch, input.params, control, other, evalSet, 21);
    });
    const basis = await planeBasis(input.params, control, other);
    await timeIt(`${id}: loss plane 5×5 (25 points)`, slow ? 1 : Math.min(opts.repeats, 3), async () => {
      await evaluatePlane(input.arch, basis, evalSet, { coarse: 5, finest: 5 });
    });
    disposePlaneBasis(basis);
    [other, control].forEach(disposeParams);
    await timeIt(`${id}: PERMUTELAYERS un-align (${subset.count} imgs)`, n, async () => {
      await permuteLayers(input.arch, input.params, input.params, cleanImages, { objective: 'unalign', method: 'activation' });
    });
    disposeParams(mid);
    evalSet.dispose();
    disposeParams(input.params);
  }
  if (opts.noFull) {
    console.log(`  ${'mnist-mlp-badnet: full default TSC run'.padEnd(46)} skipped (--no-full)`);
  } else if (backend === 'wasm' || opts.fullCpu) {
    const input = await defenseInput('mnist-mlp-badnet');
    const t0 = performance.now();
    const { trace, output } = await runDefense(input, {});
    disposeParams(output);
    disposeParams(input.params);
    const steps = trace.rounds.flatMap((r) => r.stages).reduce((n, s) => n + s.timings.steps, 0);
    console.log(
      `  ${'mnist-mlp-badnet: full default TSC run'.padEnd(46)} ${((performance.now() - t0) / 1000).toFixed(1)} s  (${steps} curve steps; ACC ${(100 * trace.before.acc).toFixed(2)}→${(100 * trace.after.acc).toFixed(2)}%, ASR ${(100 * trace.before.asr).toFixed(2)}→${(100 * trace.after.asr).toFixed(2)}%)`,
    );
  } else {
    console.log(`  ${'mnist-mlp-badnet: full default TSC run'.padEnd(46)} not run on ${backend} (pass --full-cpu)`);
  }
  console.log(`  tensors alive: ${tf.memory().numTensors}`);
}

async function main(): Promise<void> {
  opts = parseBenchArgs();
  console.log(
    `TSC engine benchmark · Node ${process.version} · ${(await import('node:os')).cpus().length} cores · defaults: ${TSC_DEFAULTS.curveEpochs} curve epochs, ${TSC_DEFAULTS.rounds} rounds`,
  );
  for (const b of opts.backends) await benchBackend(b);
  if (!opts.noCounts) await printWebGpuCounts(opts.models);
}

void runCli('bench', USAGE, main);
