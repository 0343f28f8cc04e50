/**
 * Where the time of a curve-fitting step goes: tf.profile's kernel list for a few curve steps on
 * a zoo model, summed per kernel and input shape, slowest first, then the step's time split into
 * matMul kernels, convolutions, the other kernels and the wall time no kernel accounts for (tape,
 * engine bookkeeping, JS). This is how the WASM-specific gradients in src/engine/model/wasm-ops.ts
 * were found. Timings, not assertions.
 * Usage: npx tsx scripts/profile-step.ts [--model mnist-cnn-badnet] [--backend wasm|cpu] [--steps 7] [--runs 3] [--top 25] [--path lean|reference|lean-mlp-backward|fused-per-tensor]
 *        npx tsx scripts/profile-step.ts --compare reference,fused-per-tensor [--rounds 9] [--epochs 8] [--model …] [--backend …]
 * --path picks the step implementation (src/engine/step/step-path.ts; default lean).
 * --compare times step paths against each other instead (compareStepPaths below).
 */
import * as tf from '@tensorflow/tfjs';
import { PIXELS } from '../src/engine/data/datasets';
import { toFloatImages } from '../src/engine/data/format';
import { fitBezierCurve } from '../src/engine/curve';
import type { ArchId } from '../src/engine/model/arch';
import { disposeParams, type Params } from '../src/engine/model/params';
import { cleanSubset } from '../src/engine/run-defense';
import { TSC_DEFAULTS } from '../src/engine/settings';
import { DeviceDataset } from '../src/engine/sgd';
import { withStepPath, type StepPath } from '../src/engine/step/step-path';
import { initNodeBackend } from '../src/engine/node/tf-backend';
import { defenseInput } from '../src/engine/node/zoo';

const PATHS: StepPath[] = ['lean', 'reference', 'lean-mlp-backward', 'fused-per-tensor'];
const args = process.argv.slice(2);
const arg = (name: string, fallback: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const stepPathArg = (value: string): StepPath => {
  if (!(PATHS as string[]).includes(value)) throw new Error(`a step path must be one of ${PATHS.join(', ')}, got ${value}`);
  return value as StepPath;
};
const model = arg('--model', 'mnist-mlp-badnet');
const steps = Number(arg('--steps', '7'));
const top = Number(arg('--top', '25'));
const path = stepPathArg(arg('--path', 'lean'));

/** Kernels that multiply matrices, and convolutions, by tfjs kernel name. */
const MATMUL_KERNELS = new Set(['BatchMatMul', '_FusedMatMul']);
const CONV_KERNELS = new Set(['Conv2D', 'FusedConv2D', 'Conv2DBackpropInput', 'Conv2DBackpropFilter', 'DepthwiseConv2dNative']);

type Fit = (path: StepPath, epochs: number) => Promise<void>;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * The kernel list and the step's split come from the same profiled fits (`--runs` of them, 3 by
 * default, summed), so that the shares add up within one measurement: a wall time taken in another
 * run would differ by this shared machine's drift. The profiler's own bookkeeping counts as outside.
 */
async function profileOnePath(fit: Fit, stepsPerFit: number, backend: string): Promise<void> {
  const runs = Number(arg('--runs', '3'));
  const stepCount = runs * stepsPerFit;
  await fit(path, 1); // warm-up
  const perKernel = new Map<string, { ms: number; calls: number }>();
  const share = { matMul: 0, conv: 0, other: 0 };
  let wallMs = 0;
  let kernelCount = 0;
  for (let run = 0; run < runs; run++) {
    const t0 = performance.now();
    const profile = await tf.profile(() => fit(path, 1));
    wallMs += (performance.now() - t0) / stepCount;
    kernelCount += profile.kernels.length;
    for (const k of profile.kernels) {
      const ms = (await k.kernelTimeMs) as number;
      const key = `${k.name} ${JSON.stringify(k.inputShapes)}`;
      const entry = perKernel.get(key) ?? { ms: 0, calls: 0 };
      entry.ms += ms;
      entry.calls++;
      perKernel.set(key, entry);
      // a custom-gradient op is listed with its inner kernels: count registered kernels only
      if (!tf.getKernel(k.name, backend)) continue;
      share[MATMUL_KERNELS.has(k.name) ? 'matMul' : CONV_KERNELS.has(k.name) ? 'conv' : 'other'] += ms / stepCount;
    }
  }
  console.log(
    `${model} on ${backend}, ${path} path: ${runs} profiled fits of ${stepsPerFit} curve steps (batch ${TSC_DEFAULTS.curveBatchSize}); ${(kernelCount / stepCount).toFixed(0)} kernels per step`,
  );
  console.log(
    `wall time per step, setup and profiler included: ${wallMs.toFixed(1)} ms (kernel times below nest: a custom-gradient op includes its inner kernels)`,
  );
  console.log('  ms/step  calls/step  kernel [input shapes]');
  for (const [key, { ms, calls }] of [...perKernel].sort((a, b) => b[1].ms - a[1].ms).slice(0, top)) {
    console.log(`${(ms / stepCount).toFixed(2).padStart(9)}  ${(calls / stepCount).toFixed(1).padStart(10)}  ${key}`);
  }
  const kernels = share.matMul + share.conv + share.other;
  const pct = (ms: number) => `${((100 * ms) / wallMs).toFixed(0)} %`;
  console.log(`where a step's ${wallMs.toFixed(1)} ms go (registered kernels only; the rest is outside kernels):`);
  console.log(`  matMul kernels ${share.matMul.toFixed(2)} ms (${pct(share.matMul)}), convolutions ${share.conv.toFixed(2)} ms (${pct(share.conv)}),`);
  console.log(
    `  other kernels ${share.other.toFixed(2)} ms (${pct(share.other)}), outside kernels ${(wallMs - kernels).toFixed(2)} ms (${pct(wallMs - kernels)})`,
  );
}

/**
 * Step paths against each other in this one process: per round, each path fits `--epochs` passes
 * over the same batches, the order rotated each round so that no path always runs first after
 * another. Per path: the median wall and CPU (process.cpuUsage, less sensitive to other processes
 * on this shared machine) ms per step, and the median over rounds of its time / the first path's
 * time in the same round. Per-fit setup is in every figure, spread over the fit's steps.
 */
async function compareStepPaths(fit: Fit, stepsPerEpoch: number, backend: string): Promise<void> {
  const paths = arg('--compare', '').split(',').map(stepPathArg);
  const rounds = Number(arg('--rounds', '9'));
  const epochs = Number(arg('--epochs', '8'));
  const stepCount = stepsPerEpoch * epochs;
  for (const p of paths) await fit(p, 1); // warm-up
  const wall = new Map<StepPath, number[]>(paths.map((p) => [p, []]));
  const cpu = new Map<StepPath, number[]>(paths.map((p) => [p, []]));
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < paths.length; i++) {
      const p = paths[(round + i) % paths.length];
      const [t0, c0] = [performance.now(), process.cpuUsage()];
      await fit(p, epochs);
      const c = process.cpuUsage(c0);
      wall.get(p)?.push((performance.now() - t0) / stepCount);
      cpu.get(p)?.push((c.user + c.system) / 1000 / stepCount);
    }
  }
  console.log(
    `${model} on ${backend}: ${rounds} rounds × ${paths.length} paths, each a fit of ${epochs} epochs × ${stepsPerEpoch} curve steps (batch ${TSC_DEFAULTS.curveBatchSize}), interleaved`,
  );
  console.log(
    `  ${'path'.padEnd(20)} ${'wall ms/step'.padStart(12)} ${'CPU ms/step'.padStart(12)} ${`wall / ${paths[0]}`.padStart(22)} ${`CPU / ${paths[0]}`.padStart(22)}`,
  );
  const base = { wall: wall.get(paths[0]) ?? [], cpu: cpu.get(paths[0]) ?? [] };
  for (const p of paths) {
    const [w, c] = [wall.get(p) ?? [], cpu.get(p) ?? []];
    const pairedRatio = (xs: number[], ys: number[]) => median(xs.map((x, r) => x / ys[r])).toFixed(3);
    console.log(
      `  ${p.padEnd(20)} ${median(w).toFixed(2).padStart(12)} ${median(c).toFixed(2).padStart(12)} ${`${pairedRatio(w, base.wall)}×`.padStart(22)} ${`${pairedRatio(c, base.cpu)}×`.padStart(22)}`,
    );
  }
}

async function main(): Promise<void> {
  const backend = await initNodeBackend(arg('--backend', 'wasm') as 'wasm' | 'cpu');
  const input = await defenseInput(model);
  const subset = cleanSubset(input.train, TSC_DEFAULTS.cleanFraction, 0);
  const batch = TSC_DEFAULTS.curveBatchSize;
  const count = Math.min(subset.count, steps * batch);
  const data = new DeviceDataset(toFloatImages(subset).subarray(0, count * PIXELS), subset.labels.subarray(0, count));
  const fit = fitOn(input.arch, input.params, data);
  const stepsPerEpoch = Math.ceil(count / batch);
  await (args.includes('--compare') ? compareStepPaths(fit, stepsPerEpoch, backend) : profileOnePath(fit, stepsPerEpoch, backend));
  data.dispose();
  disposeParams(input.params);
}

/** A curve fit between the model and itself on `data` (the cost does not depend on the values). */
function fitOn(arch: ArchId, params: Params, data: DeviceDataset): Fit {
  const opts = { batchSize: TSC_DEFAULTS.curveBatchSize, lr: 0.02, momentum: 0.9, weightDecay: 5e-4, l2: 1e-4, seed: 1 };
  return (p, epochs) => withStepPath(p, async () => disposeParams(await fitBezierCurve(arch, params, params, data, { ...opts, epochs })));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
