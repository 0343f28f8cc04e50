// Test-only helpers for the tests that run the engine on architectures beyond the zoo's two.
import * as tf from '@tensorflow/tfjs';
import { PIXELS } from '../data/datasets';
import { makeRng } from '../random';
import { archInfo, type ArchId } from './arch';
import { initParams, type Params } from './params';

/** A deep MLP and a CNN with 5×5 and 'valid' convolutions (the shapes the zoo lacks). */
export const DEEP_MLP: ArchId = 'seq:d64-d32-d16-d10';
export const VALID_CNN: ArchId = 'seq:c4k5v-p-c8k3v-p-d16-d10';
/** Odd-sized pools (7 → 3) and a conv feeding the dense layer without a pool. */
export const ODD_CNN: ArchId = 'seq:c4k3s-p-p-p-c6k5s-d12-d10';

/** initParams with small random biases too (its own are zero, which would leave the bias axes untested). */
export function seededModel(arch: ArchId, seed: number): Params {
  const params = initParams(arch, seed);
  const rng = makeRng(`biases:${seed}`);
  for (const spec of archInfo(arch).params.filter((p) => p.role === 'bias')) {
    params[spec.name].dispose();
    params[spec.name] = tf.tensor1d(Float32Array.from({ length: spec.shape[0] }, () => 0.4 * rng() - 0.2));
  }
  return params;
}

export function randomImages(n: number, seed: number): Float32Array {
  const rng = makeRng(`generic-images:${seed}`);
  return Float32Array.from({ length: n * PIXELS }, () => rng());
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`length mismatch ${a.length} vs ${b.length}`);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}
