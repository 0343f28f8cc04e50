import * as tf from '@tensorflow/tfjs';
import { cancelPoint } from './cancel';
import { PIXELS } from './data/datasets';
import { defined } from './defined';
import { makeRng, permutationOf } from './random';
import type { ArchId } from './model/arch';
import { crossEntropy, forward } from './model/forward';
import type { Params } from './model/params';

export interface TrainOptions {
  epochs: number;
  batchSize: number;
  learningRate: number;
  /** seeds the mini-batch order */
  seed: number;
  /** `params`: the live weights after the epoch (not the caller's to keep or dispose); awaited, so it may evaluate them */
  onEpoch?: (info: { epoch: number; meanLoss: number; seconds: number; params: Params }) => void | Promise<void>;
  /** after every step: the steps done in this epoch and the epoch's step count (called often: a caller throttles what it reports) */
  onStep?: (step: number, steps: number) => void;
  /** with a signal, every step yields to the event loop (src/engine/cancel.ts), so a Cancel posted to a worker is seen within one step */
  signal?: AbortSignal;
}

/** Makes each call's tfjs variable names unique (tfjs refuses two live variables with one name). */
let trainingRun = 0;

/**
 * Plain supervised training with Adam (the zoo's backdoor injection). Takes ownership of
 * `params` (they become variables) and returns the trained weights as ordinary tensors.
 */
export async function trainClassifier(arch: ArchId, params: Params, images: Float32Array, labels: Uint8Array, opts: TrainOptions): Promise<Params> {
  const n = labels.length;
  const vars: Record<string, tf.Variable> = {};
  const run = ++trainingRun;
  for (const [name, t] of Object.entries(params)) {
    vars[name] = tf.variable(t, true, `train/${name}/${run}`);
    t.dispose();
  }
  const optimizer = tf.train.adam(opts.learningRate);
  const rng = makeRng(`batches:${opts.seed}`);
  const batchX = new Float32Array(opts.batchSize * PIXELS);
  const batchY = new Int32Array(opts.batchSize);
  const stepsPerEpoch = Math.floor(n / opts.batchSize);
  try {
    for (let epoch = 0; epoch < opts.epochs; epoch++) {
      const t0 = performance.now();
      const order = permutationOf(n, rng);
      let lossSum = 0;
      let steps = 0;
      for (let start = 0; start + opts.batchSize <= n; start += opts.batchSize) {
        await cancelPoint(opts.signal);
        for (let k = 0; k < opts.batchSize; k++) {
          const i = order[start + k];
          batchX.set(images.subarray(i * PIXELS, (i + 1) * PIXELS), k * PIXELS);
          batchY[k] = labels[i];
        }
        const loss = tf.tidy(() => {
          const x = tf.tensor2d(batchX, [opts.batchSize, PIXELS]);
          const y = tf.tensor1d(batchY, 'int32');
          // With returnCost = true, minimize returns the loss.
          return defined(
            optimizer.minimize(() => crossEntropy(forward(arch, vars, x), y), true, Object.values(vars)),
            'trainClassifier: the loss from optimizer.minimize',
          );
        });
        lossSum += (await loss.data())[0];
        loss.dispose();
        steps++;
        opts.onStep?.(steps, stepsPerEpoch);
      }
      await opts.onEpoch?.({ epoch: epoch + 1, meanLoss: lossSum / steps, seconds: (performance.now() - t0) / 1000, params: vars });
    }
  } catch (err) {
    // cancelled or failed: the caller gets no params back, so the variables go here
    for (const v of Object.values(vars)) v.dispose();
    throw err;
  } finally {
    optimizer.dispose();
  }
  const out: Params = {};
  for (const [name, v] of Object.entries(vars)) {
    out[name] = tf.clone(v);
    v.dispose();
  }
  return out;
}
