/**
 * Why convolutions other than 3×3 'same' use forward convs for their gradients on WASM
 * (convWasm in src/engine/model/wasm-ops.ts): tfjs-backend-wasm 4.22 has no Conv2DBackpropFilter,
 * and the obvious alternative, im2col (k² shifted slices concatenated, one matMul, tfjs's own
 * gradients), is the other way to get one. Times forward + both gradients of each on two 5×5
 * 'valid' layer shapes, interleaved in this one process (first repeat dropped as warm-up), medians.
 * Usage: npx tsx scripts/bench-conv-wasm.ts [--repeats 7]
 */
import * as tf from '@tensorflow/tfjs';
import { convWasm } from '../src/engine/model/wasm-ops';
import { initNodeBackend } from '../src/engine/node/tf-backend';

/** im2col for a 'valid' k×k conv: [N,H,W,C] → [N·Ho·Wo, k²·C] patches times the [k²·C, F] kernel. */
function im2colConv(x: tf.Tensor4D, kernel: tf.Tensor, k: number): tf.Tensor4D {
  const [n, h, w, c] = x.shape;
  const [ho, wo] = [h - k + 1, w - k + 1];
  const cols: tf.Tensor[] = [];
  for (let dy = 0; dy < k; dy++) for (let dx = 0; dx < k; dx++) cols.push(tf.slice(x, [0, dy, dx, 0], [n, ho, wo, c]));
  const patches = tf.reshape(tf.concat(cols, 3), [n * ho * wo, k * k * c]) as tf.Tensor2D;
  return tf.reshape(tf.matMul(patches, tf.reshape(kernel, [k * k * c, -1]) as tf.Tensor2D), [n, ho, wo, -1]);
}

const OPS: Record<string, (x: tf.Tensor4D, kernel: tf.Tensor) => tf.Tensor4D> = {
  'forward convs (convWasm)': (x, kernel) => convWasm(5, 'valid', true)(x, kernel),
  'im2col matMul': (x, kernel) => im2colConv(x, kernel, 5),
};

const SHAPES: [string, [number, number, number, number], [number, number, number, number]][] = [
  ['28×28×1 → 24×24×8, batch 64', [64, 28, 28, 1], [5, 5, 1, 8]],
  ['12×12×8 → 8×8×16, batch 64', [64, 12, 12, 8], [5, 5, 8, 16]],
];

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const repeats = args.includes('--repeats') ? Number(args[args.indexOf('--repeats') + 1]) : 7;
  if (!Number.isInteger(repeats) || repeats < 2) throw new Error('--repeats must be an integer ≥ 2');
  console.log(`backend ${await initNodeBackend('wasm')}; 5×5 'valid' conv, forward + input and filter gradients, median of ${repeats - 1}`);
  for (const [label, xShape, kShape] of SHAPES) {
    const x = tf.randomUniform(xShape, 0, 1, 'float32', 1) as tf.Tensor4D;
    const kernel = tf.randomUniform(kShape, -0.1, 0.1, 'float32', 2);
    const times: Record<string, number[]> = {};
    for (let rep = 0; rep < repeats; rep++) {
      for (const [name, op] of Object.entries(OPS)) {
        const t0 = performance.now();
        const grads = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.square(op(a as tf.Tensor4D, b))))([x, kernel]);
        await Promise.all(grads.map((g) => g.data()));
        tf.dispose(grads);
        if (rep > 0) (times[name] ??= []).push(performance.now() - t0);
      }
    }
    const median = (ts: number[]) => [...ts].sort((a, b) => a - b)[Math.floor(ts.length / 2)];
    const base = median(times['forward convs (convWasm)']);
    for (const [name, ts] of Object.entries(times)) {
      console.log(`  ${label}: ${name.padEnd(26)} ${median(ts).toFixed(1).padStart(7)} ms  (${(median(ts) / base).toFixed(1)}× convWasm)`);
    }
    tf.dispose([x, kernel]);
  }
}

void main();
