/**
 * Where the time of a curve-fitting step goes: tf.profile's kernel list for a few curve steps on
 * a zoo model, summed per kernel and input shape, slowest first. This is how the WASM-specific
 * gradients in src/engine/model/wasm-ops.ts were found. Timings, not assertions.
 * Usage: npx tsx scripts/profile-step.ts [--model mnist-cnn-badnet] [--backend wasm|cpu] [--steps 7] [--top 25] [--path lean|reference|lean-mlp-backward]
 * --path picks the step implementation (src/engine/step/step-path.ts; default lean).
 */
import * as tf from '@tensorflow/tfjs';
import { PIXELS } from '../src/engine/data/datasets';
import { toFloatImages } from '../src/engine/data/format';
import { fitBezierCurve } from '../src/engine/curve';
import { disposeParams } from '../src/engine/model/params';
import { cleanSubset } from '../src/engine/run-defense';
import { TSC_DEFAULTS } from '../src/engine/settings';
import { DeviceDataset } from '../src/engine/sgd';
import { withStepPath, type StepPath } from '../src/engine/step/step-path';
import { initNodeBackend } from '../src/engine/node/tf-backend';
import { defenseInput } from '../src/engine/node/zoo';

const args = process.argv.slice(2);
const arg = (name: string, fallback: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const model = arg('--model', 'mnist-mlp-badnet');
const steps = Number(arg('--steps', '7'));
const top = Number(arg('--top', '25'));
const pathArg = arg('--path', 'lean');
if (pathArg !== 'lean' && pathArg !== 'reference' && pathArg !== 'lean-mlp-backward')
  throw new Error(`--path must be lean, reference or lean-mlp-backward, got ${pathArg}`);
const path: StepPath = pathArg;

async function main(): Promise<void> {
  const backend = await initNodeBackend(arg('--backend', 'wasm') as 'wasm' | 'cpu');
  const input = await defenseInput(model);
  const subset = cleanSubset(input.train, TSC_DEFAULTS.cleanFraction, 0);
  const batch = TSC_DEFAULTS.curveBatchSize;
  const count = Math.min(subset.count, steps * batch);
  const data = new DeviceDataset(toFloatImages(subset).subarray(0, count * PIXELS), subset.labels.subarray(0, count));
  const opts = { epochs: 1, batchSize: batch, lr: 0.02, momentum: 0.9, weightDecay: 5e-4, l2: 1e-4, seed: 1 };
  const fit = () => withStepPath(path, async () => disposeParams(await fitBezierCurve(input.arch, input.params, input.params, data, opts)));
  await fit(); // warm-up
  const t0 = performance.now();
  await fit();
  const wallMs = (performance.now() - t0) / Math.ceil(count / batch);
  const profile = await tf.profile(fit);
  const perKernel = new Map<string, { ms: number; calls: number }>();
  for (const k of profile.kernels) {
    const key = `${k.name} ${JSON.stringify(k.inputShapes)}`;
    const entry = perKernel.get(key) ?? { ms: 0, calls: 0 };
    entry.ms += (await k.kernelTimeMs) as number;
    entry.calls++;
    perKernel.set(key, entry);
  }
  const stepCount = Math.ceil(count / batch);
  console.log(
    `${model} on ${backend}, ${path} path: ${stepCount} curve steps of batch ${batch}; ${(profile.kernels.length / stepCount).toFixed(0)} kernels per step`,
  );
  console.log(`wall time per step, setup included: ${wallMs.toFixed(1)} ms (kernel times below nest: a custom-gradient op includes its inner kernels)`);
  console.log('  ms/step  calls/step  kernel [input shapes]');
  for (const [key, { ms, calls }] of [...perKernel].sort((a, b) => b[1].ms - a[1].ms).slice(0, top)) {
    console.log(`${(ms / stepCount).toFixed(2).padStart(9)}  ${(calls / stepCount).toFixed(1).padStart(10)}  ${key}`);
  }
  data.dispose();
  disposeParams(input.params);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
