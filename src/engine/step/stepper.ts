import type * as tf from '@tensorflow/tfjs';
import type { Params } from '../model/params';

/**
 * What sgdMomentumLoop (src/engine/sgd.ts) drives: the weights and optimizer state of one
 * training run, advanced one mini-batch at a time. Two implementations: reference-stepper.ts
 * (plain tfjs ops per parameter tensor, the reference) and flat-stepper.ts (one flat buffer and
 * fused kernels, the lean path).
 */
export interface Stepper {
  /** One update on (x, y) at learning rate lr; returns the batch's loss (the caller disposes it). */
  step(x: tf.Tensor2D, y: tf.Tensor1D, lr: number): tf.Scalar;
  /** The current weights, owned by the stepper and valid until the next step. */
  params(): Params;
  /** The final weights, handed to the caller; everything else is freed. */
  finish(): Params;
  /** Frees everything (on an error path). */
  dispose(): void;
}
