import * as tf from '@tensorflow/tfjs';
import { PIXELS } from './attacks/types';
import type { Params } from './model/params';
import { makeRng, permutationOf } from './random';

/** A labelled image set uploaded once; batches are gathered on the device (no per-step uploads of pixels). */
export class DeviceDataset {
  readonly images: tf.Tensor2D;
  readonly labels: tf.Tensor1D;
  readonly count: number;

  constructor(images: Float32Array, labels: ArrayLike<number>) {
    this.count = labels.length;
    this.images = tf.tensor2d(images, [this.count, PIXELS]);
    this.labels = tf.tensor1d(Int32Array.from(labels), 'int32');
  }

  dispose(): void {
    this.images.dispose();
    this.labels.dispose();
  }
}

export interface StepInfo {
  epoch: number;
  step: number;
  totalSteps: number;
}

export interface SgdOptions {
  epochs: number;
  batchSize: number;
  lr: number;
  momentum: number;
  /** PyTorch-style weight decay: adds wd·θ to the gradient (via 0.5·wd·‖θ‖² in the loss) */
  weightDecay: number;
  seed: number;
  signal?: AbortSignal;
  onStep?: (info: StepInfo) => void;
  /** after each epoch, with the epoch's mean training loss; may be async (e.g. a live curve evaluation) */
  onEpoch?: (info: { epoch: number; meanLoss: number; params: Params }) => void | Promise<void>;
}

export function cancelledError(): Error {
  return new DOMException('Cancelled', 'AbortError');
}

/** Cosine annealing from lr to 0 over the real number of steps. */
export function cosineLr(lr: number, step: number, totalSteps: number): number {
  return 0.5 * lr * (1 + Math.cos((Math.PI * step) / totalSteps));
}

/**
 * SGD with momentum (PyTorch semantics: v ← μv + g, θ ← θ − lr·v), weight decay, a cosine
 * schedule and seeded mini-batches (the last, partial batch included, like a DataLoader).
 * `init` is owned: its tensors become the trained variables. Returns the trained params.
 */
export async function sgdMomentumLoop(
  init: Params,
  data: DeviceDataset,
  opts: SgdOptions,
  loss: (vars: Params, x: tf.Tensor2D, y: tf.Tensor1D) => tf.Scalar,
): Promise<Params> {
  const vars: Record<string, tf.Variable> = {};
  for (const [name, t] of Object.entries(init)) {
    vars[name] = tf.variable(t, true);
    t.dispose();
  }
  const varList = Object.values(vars);
  const optimizer = tf.train.momentum(opts.lr, opts.momentum);
  const rng = makeRng(`sgd:${opts.seed}`);
  const stepsPerEpoch = Math.ceil(data.count / opts.batchSize);
  const totalSteps = stepsPerEpoch * opts.epochs;
  let step = 0;
  let done = false;
  let lossSum: tf.Scalar | null = null;
  try {
    for (let epoch = 1; epoch <= opts.epochs; epoch++) {
      const order = permutationOf(data.count, rng);
      lossSum = tf.scalar(0);
      for (let start = 0; start < data.count; start += opts.batchSize) {
        if (opts.signal?.aborted) throw cancelledError();
        optimizer.setLearningRate(cosineLr(opts.lr, step, totalSteps));
        const idx = order.subarray(start, Math.min(start + opts.batchSize, data.count));
        const next = tf.tidy(() => {
          const i = tf.tensor1d(idx, 'int32');
          const x = tf.gather(data.images, i);
          const y = tf.gather(data.labels, i);
          const value = optimizer.minimize(
            () => {
              const base = loss(vars, x, y);
              if (opts.weightDecay === 0) return base;
              const decay = tf.addN(varList.map((v) => tf.sum(tf.square(v))));
              return tf.add(base, tf.mul(decay, 0.5 * opts.weightDecay)) as tf.Scalar;
            },
            true,
            varList,
          )!;
          return tf.add(lossSum!, value) as tf.Scalar;
        });
        lossSum.dispose();
        lossSum = next;
        step++;
        opts.onStep?.({ epoch, step, totalSteps });
      }
      // One readback per epoch keeps the loop on the device.
      const meanLoss = (await lossSum.data())[0] / stepsPerEpoch;
      lossSum.dispose();
      lossSum = null;
      await opts.onEpoch?.({ epoch, meanLoss, params: vars });
      if (opts.signal?.aborted) throw cancelledError(); // onEpoch may be a long evaluation
    }
    done = true;
  } finally {
    lossSum?.dispose();
    if (!done) varList.forEach((v) => v.dispose());
    optimizer.dispose();
    // tfjs 4.22: MomentumOptimizer.dispose() skips the learning-rate scalar `c` that
    // SGDOptimizer.setLearningRate keeps, leaking one tensor per optimizer.
    (optimizer as unknown as { c?: tf.Tensor }).c?.dispose();
  }
  const out: Params = {};
  for (const [name, v] of Object.entries(vars)) {
    out[name] = tf.clone(v);
    v.dispose();
  }
  return out;
}
