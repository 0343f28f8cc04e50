import * as tf from '@tensorflow/tfjs';
import { cancelledError, cancelPoint } from './cancel';
import { PIXELS } from './data/datasets';
import { DivergenceError, formatValue, LOSS_BLOW_UP, lrSuggestion, type TrainingPhase } from './divergence';
import { allFinite, type Params } from './model/params';
import { makeRng, permutationOf } from './random';
import { layoutOf } from './step/flat-layout';
import { flatGradientOf, FlatStepper } from './step/flat-stepper';
import { PerTensorStepper, tensorGradientOf } from './step/per-tensor-stepper';
import { ReferenceStepper, type GradientFn } from './step/reference-stepper';
import { stepPath } from './step/step-path';
import type { Stepper } from './step/stepper';

/** Backends whose tensors live in host memory, where a tensor from a host array is a memcpy. */
const HOST_MEMORY_BACKENDS = new Set(['wasm', 'cpu']);

/**
 * A labelled image set uploaded once. Mini-batches are gathered on the device on GPU backends
 * (no per-step uploads of pixels); on host-memory backends they are copied from the host arrays,
 * because tfjs-wasm's Gather costs ~78 ns per element (3.9 ms for 64 of 400 MNIST rows, i.e. 64·784 elements, measured
 * with a 64-row batch on Node 20) while a tensor made from a Float32Array is a memcpy.
 */
export class DeviceDataset {
  readonly images: tf.Tensor2D;
  readonly labels: tf.Tensor1D;
  readonly count: number;
  private readonly hostImages: Float32Array;
  private readonly hostLabels: Int32Array;

  constructor(images: Float32Array, labels: ArrayLike<number>) {
    this.count = labels.length;
    this.hostImages = images.subarray(0, this.count * PIXELS);
    this.hostLabels = Int32Array.from(labels);
    this.images = tf.tensor2d(this.hostImages, [this.count, PIXELS]);
    this.labels = tf.tensor1d(this.hostLabels, 'int32');
  }

  /** Rows `idx` as [n,784] images and [n] int32 labels (new tensors; caller disposes). */
  batch(idx: Int32Array): { x: tf.Tensor2D; y: tf.Tensor1D } {
    if (!HOST_MEMORY_BACKENDS.has(tf.getBackend())) {
      return tf.tidy(() => {
        const i = tf.tensor1d(idx, 'int32');
        return { x: tf.gather(this.images, i), y: tf.gather(this.labels, i) };
      });
    }
    const x = new Float32Array(idx.length * PIXELS);
    const y = new Int32Array(idx.length);
    idx.forEach((row, k) => {
      x.set(this.hostImages.subarray(row * PIXELS, (row + 1) * PIXELS), k * PIXELS);
      y[k] = this.hostLabels[row];
    });
    return { x: tf.tensor2d(x, [idx.length, PIXELS]), y: tf.tensor1d(y, 'int32') };
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
  /** PyTorch-style weight decay: the update adds wd·θ to the gradient directly (no ‖θ‖² term in the loss) */
  weightDecay: number;
  seed: number;
  signal?: AbortSignal;
  /** which loop this is, for the DivergenceError (default: 'training' with the plain lr) */
  where?: TrainingPhase;
  onStep?: (info: StepInfo) => void;
  /** after each epoch, with the epoch's mean training loss; may be async (e.g. a live curve evaluation) */
  onEpoch?: (info: { epoch: number; meanLoss: number; params: Params }) => void | Promise<void>;
}

// Kept here too: most of the engine imports it from this module.
export { cancelledError } from './cancel';

/** Cosine annealing from lr to 0 over the real number of steps. */
export function cosineLr(lr: number, step: number, totalSteps: number): number {
  return 0.5 * lr * (1 + Math.cos((Math.PI * step) / totalSteps));
}

export type { GradientFn } from './step/reference-stepper';

/**
 * SGD with momentum (PyTorch semantics: g ← ∇ + wd·θ, v ← μv + g with v = g on the first step,
 * θ ← θ − lr·v), a cosine schedule and seeded mini-batches (the last, partial batch included,
 * like a DataLoader). Weight decay and momentum are applied by the stepper rather than through
 * tfjs's optimizer and a ‖θ‖² term on the tape. The lean path (default on GPU backends, src/engine/step/flat-stepper.ts)
 * keeps θ and the velocity in one flat buffer and updates them with one fused kernel per step; the
 * reference path (src/engine/step/reference-stepper.ts) uses 3 plain kernels per tensor, the
 * fused-per-tensor path (default on cpu and wasm) one kernel per tensor (src/engine/step/step-path.ts picks). `init` is owned. Returns the trained params.
 * onEpoch's meanLoss is the mean of the batches' `loss` (regularisers excluded).
 */
export async function sgdMomentumLoop(init: Params, data: DeviceDataset, opts: SgdOptions, gradient: GradientFn): Promise<Params> {
  const sgd = { momentum: opts.momentum, weightDecay: opts.weightDecay };
  if (stepPath() === 'reference') return runSgdLoop(new ReferenceStepper(init, gradient, sgd), data, opts);
  if (stepPath() === 'fused-per-tensor') return runSgdLoop(new PerTensorStepper(init, tensorGradientOf(gradient), sgd), data, opts);
  const layout = layoutOf(init);
  return runSgdLoop(new FlatStepper(layout, init, flatGradientOf(layout, gradient), sgd), data, opts);
}

/**
 * The training loop around a Stepper (src/engine/step/stepper.ts), which it owns: epochs of
 * seeded mini-batches, the cosine lr, cancel points, onStep/onEpoch.
 * Divergence: each step's loss stays on the device and the epoch's losses are read back once at its
 * end (the one readback the loop always had), so a NaN, an infinity or a loss past LOSS_BLOW_UP
 * stops training there with a DivergenceError naming the epoch and step; the weights are checked
 * once at the end. Nothing is left allocated on that path.
 */
export async function runSgdLoop(stepper: Stepper, data: DeviceDataset, opts: SgdOptions): Promise<Params> {
  const rng = makeRng(`sgd:${opts.seed}`);
  const stepsPerEpoch = Math.ceil(data.count / opts.batchSize);
  const totalSteps = stepsPerEpoch * opts.epochs;
  const where = opts.where ?? { phase: 'training', round: 0, stage: 0, lr: { name: 'lr', value: opts.lr, safe: opts.lr } };
  const diverged = (epoch: number, step: number, what: string) =>
    new DivergenceError({ ...where, epoch, step, what: `${where.lr.name} ${where.lr.value} diverged ${what}`, suggestion: lrSuggestion(where.lr) });
  let step = 0;
  let stepLosses: tf.Scalar[] = [];
  try {
    for (let epoch = 1; epoch <= opts.epochs; epoch++) {
      const order = permutationOf(data.count, rng);
      for (let start = 0; start < data.count; start += opts.batchSize) {
        if (opts.signal?.aborted) throw cancelledError();
        const lr = cosineLr(opts.lr, step, totalSteps);
        const { x, y } = data.batch(order.subarray(start, Math.min(start + opts.batchSize, data.count)));
        try {
          stepLosses.push(stepper.step(x, y, lr));
        } finally {
          tf.dispose([x, y]);
        }
        step++;
        opts.onStep?.({ epoch, step, totalSteps });
        // a Cancel takes effect after this step, not at the end of the epoch (src/engine/cancel.ts)
        await cancelPoint(opts.signal);
      }
      // One readback per epoch keeps the loop on the device.
      const losses = await readScalars(stepLosses);
      stepLosses = [];
      const bad = losses.findIndex((loss) => !(loss <= LOSS_BLOW_UP)); // NaN fails every comparison
      if (bad >= 0) {
        const loss = losses[bad];
        throw diverged(epoch, bad + 1, `at epoch ${epoch}, step ${bad + 1} (loss ${formatValue(loss)}${Number.isFinite(loss) ? ` > ${LOSS_BLOW_UP}` : ''})`);
      }
      const meanLoss = losses.reduce((sum, loss) => sum + loss, 0) / stepsPerEpoch;
      await opts.onEpoch?.({ epoch, meanLoss, params: stepper.params() });
      if (opts.signal?.aborted) throw cancelledError(); // onEpoch may be a long evaluation
    }
    // No loss sees the last step's update; one readback per stage checks the weights it leaves.
    if (!(await allFinite(stepper.params()))) throw diverged(opts.epochs, 0, `by the end of epoch ${opts.epochs} (weights NaN or infinite)`);
  } catch (err) {
    stepper.dispose();
    throw err;
  } finally {
    tf.dispose(stepLosses);
  }
  return stepper.finish();
}

/** The values of `scalars` in one readback; disposes them. */
async function readScalars(scalars: tf.Scalar[]): Promise<number[]> {
  if (scalars.length === 0) return [];
  const stacked = tf.stack(scalars);
  tf.dispose(scalars);
  try {
    return Array.from(await stacked.data());
  } finally {
    stacked.dispose();
  }
}
