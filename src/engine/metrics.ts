import * as tf from '@tensorflow/tfjs';
import { applyTrigger, gatherImages } from './attacks';
import type { TriggerSpec } from './attacks/types';
import { PIXELS } from './data/datasets';
import type { ArchId } from './model/arch';
import { forward } from './model/forward';
import type { Params } from './model/params';

/** Arg-max class of every image, evaluated in batches so large test sets fit any backend. */
export async function predictClasses(arch: ArchId, params: Params, images: Float32Array, batchSize = 500): Promise<Int32Array> {
  const n = images.length / PIXELS;
  const out = new Int32Array(n);
  for (let start = 0; start < n; start += batchSize) {
    const m = Math.min(batchSize, n - start);
    const pred = tf.tidy(() => {
      const x = tf.tensor2d(images.subarray(start * PIXELS, (start + m) * PIXELS), [m, PIXELS]);
      return tf.argMax(forward(arch, params, x), 1);
    });
    out.set(await pred.data(), start);
    pred.dispose();
  }
  return out;
}

/** Images whose true label is not the target: the poisoned test set of docs/method.md §1.6. */
export function nonTargetIndices(labels: ArrayLike<number>, target: number): Int32Array {
  const idx: number[] = [];
  for (let i = 0; i < labels.length; i++) if (labels[i] !== target) idx.push(i);
  return Int32Array.from(idx);
}

/**
 * The poisoned test set of docs/method.md §1.6: every image whose true label is not the target, with
 * the trigger applied. `victims` are their indices in `images`.
 */
export function triggeredNonTarget(
  images: Float32Array,
  labels: ArrayLike<number>,
  attack: TriggerSpec,
  target: number,
): { victims: Int32Array; triggered: Float32Array } {
  const victims = nonTargetIndices(labels, target);
  return { victims, triggered: applyTrigger(attack, gatherImages(images, victims)) };
}
