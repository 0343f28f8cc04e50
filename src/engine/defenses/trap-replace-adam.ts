import * as tf from '@tensorflow/tfjs';
import { cosineLr, type DeviceDataset } from '../sgd';
import { makeRng, permutationOf } from '../random';
import { DivergenceError, LOSS_BLOW_UP, formatValue } from '../divergence';
import { cancelPoint } from '../cancel';

/** tfjs's Adam with a learning rate the loop can change per step (for the cosine schedule of src/engine/sgd.ts). */
class ScheduledAdam extends tf.AdamOptimizer {
  setLearningRate(lr: number): void {
    this.learningRate = lr;
  }
}

export interface AdamLoopOptions {
  epochs: number;
  batchSize: number;
  lr: number;
  /** PyTorch Adam's weight_decay: wd·θ added to the gradient, here as 0.5·wd·‖θ‖² in the loss */
  weightDecay: number;
  /** seeds the mini-batch order */
  seed: string;
  /** after each epoch, with its mean loss (weight decay excluded) */
  onEpoch?: (info: { epoch: number; meanLoss: number; seconds: number }) => void;
  /** after every step, without a readback: the epoch and the step within it (1-based) */
  onStep?: (info: { epoch: number; step: number; steps: number }) => void;
  /** checked after every step (src/engine/cancel.ts): once aborted, the loop stops with an AbortError */
  signal?: AbortSignal;
}

/**
 * Adam with cosine annealing over seeded mini-batches (the last, partial batch included) that
 * trains only `vars`; `loss` may read other tensors, which stay untouched. Throws a DivergenceError
 * on a non-finite or blown-up epoch loss. One readback per epoch. With a signal it yields after every
 * step, so a Cancel is seen within one step; every tensor it made is freed then too.
 */
export async function adamLoop(
  vars: tf.Variable[],
  data: DeviceDataset,
  opts: AdamLoopOptions,
  loss: (x: tf.Tensor2D, y: tf.Tensor1D) => tf.Scalar,
): Promise<void> {
  const optimizer = new ScheduledAdam(opts.lr, 0.9, 0.999, 1e-8);
  const rng = makeRng(opts.seed);
  const stepsPerEpoch = Math.ceil(data.count / opts.batchSize);
  const totalSteps = stepsPerEpoch * opts.epochs;
  let step = 0;
  try {
    for (let epoch = 1; epoch <= opts.epochs; epoch++) {
      const t0 = performance.now();
      const order = permutationOf(data.count, rng);
      let lossSum: tf.Scalar = tf.scalar(0);
      // a cancel or a failed step ends the epoch early: its running sum is freed with it
      try {
        for (let start = 0; start < data.count; start += opts.batchSize) {
          optimizer.setLearningRate(cosineLr(opts.lr, step++, totalSteps));
          const idx = order.subarray(start, Math.min(start + opts.batchSize, data.count));
          const previous = lossSum;
          // the plain loss is kept out of the gradient's tidy so the epoch mean can exclude weight decay
          const kept: tf.Scalar[] = [];
          lossSum = tf.tidy(() => {
            const { x, y } = data.batch(idx);
            optimizer.minimize(
              () => {
                const plain = tf.keep(loss(x, y));
                kept.push(plain);
                if (opts.weightDecay === 0) return tf.clone(plain); // minimize disposes what it gets
                const l2 = tf.addN(vars.map((v) => tf.sum(tf.square(v))));
                return tf.add(plain, tf.mul(l2, 0.5 * opts.weightDecay));
              },
              false,
              vars,
            );
            return tf.add(previous, kept[0]);
          });
          tf.dispose([previous, ...kept]);
          opts.onStep?.({ epoch, step: start / opts.batchSize + 1, steps: stepsPerEpoch });
          if (opts.signal) await cancelPoint(opts.signal);
        }
      } catch (err) {
        lossSum.dispose();
        throw err;
      }
      const meanLoss = (await lossSum.data())[0] / stepsPerEpoch;
      lossSum.dispose();
      if (!(meanLoss <= LOSS_BLOW_UP)) {
        const what = `Trap and Replace's Adam (lr ${opts.lr}) diverged at epoch ${epoch} (mean loss ${formatValue(meanLoss)})`;
        throw new DivergenceError({ phase: 'training', round: 0, stage: 0, epoch, step: 0, what, suggestion: `try lr ${opts.lr / 10}` });
      }
      opts.onEpoch?.({ epoch, meanLoss, seconds: (performance.now() - t0) / 1000 });
    }
  } finally {
    optimizer.dispose();
  }
}
