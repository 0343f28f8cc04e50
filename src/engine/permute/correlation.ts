import * as tf from '@tensorflow/tfjs';
import { PIXELS } from '../data/datasets';
import type { ArchId } from '../model/arch';
import { forwardWithHidden } from '../model/forward';
import type { Params } from '../model/params';
import { unitGroups } from './groups';

/**
 * Per-group Pearson cross-correlation of hidden units of two models on the same images —
 * the statistic PERMUTELAYERS matches on (docs/method.md §1.3, TSC's `run_corr_matrix`):
 *   C[i,j] = (E[a_i b_j] − E[a_i]E[b_j]) / (std(a_i)·std(b_j) + 1e-4)
 * with a = unit activations of model A, b = of model B. For conv groups every spatial position of
 * every image is one sample and the units are the channels (§1.3).
 *
 * Differences from the official code, on purpose:
 * - std is the exact std over ALL samples (from Σa and Σa², population form) instead of the
 *   average of per-batch stds (§4 item 6 calls that an approximation); the result no longer
 *   depends on the batch size, and a unit's self-correlation is σ²/(σ²+1e-4) ≈ 1.
 * - Sums are accumulated around a per-unit shift (the first batch's mean), the standard
 *   "shifted data" trick, so E[ab] − E[a]E[b] does not lose float32 precision to cancellation
 *   when a unit's mean is large compared with its spread. Covariances are shift-invariant.
 * The 1e-4 guard is kept (§8: dead units have std 0; their row/column of C is then 0).
 */

export type MatchedActivation = 'pre' | 'post';

export interface CorrelationOptions {
  /** images per forward pass (default 500) */
  batchSize?: number;
  /** 'pre' (default): raw layer outputs, as TSC's PreActResNet18 path (§1.3, §8); 'post': after ReLU */
  activation?: MatchedActivation;
}

export interface GroupCorrelation {
  /** row-major n×n, rows = units of A, columns = units of B */
  correlation: Float32Array;
  /** per-unit std over all samples (0 = dead unit on these images) */
  stdA: Float32Array;
  stdB: Float32Array;
}

const GUARD = 1e-4;

/** C, and the per-unit stds, for every unit group of `arch` (unitGroups order). */
export async function activationCorrelationStats(
  arch: ArchId,
  paramsA: Params,
  paramsB: Params,
  images: Float32Array,
  opts: CorrelationOptions = {},
): Promise<GroupCorrelation[]> {
  const batchSize = opts.batchSize ?? 500;
  const activation = opts.activation ?? 'pre';
  if (activation !== 'pre' && activation !== 'post') throw new RangeError(`activation must be 'pre' or 'post', got ${String(activation)}`);
  const post = activation === 'post';
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`invalid batchSize ${batchSize}`);
  const count = images.length / PIXELS;
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`images must hold N·${PIXELS} floats with N ≥ 1, got ${images.length}`);
  const groups = unitGroups(arch);

  // Device-side running sums per group (never read back until the end).
  // A type alias (not an interface) so tf.tidy accepts Acc[] as a TensorContainer.
  type Acc = { shiftA: tf.Tensor; shiftB: tf.Tensor; sumA: tf.Tensor; sumB: tf.Tensor; sumA2: tf.Tensor; sumB2: tf.Tensor; sumAB: tf.Tensor };
  let acc: Acc[] | null = null;
  let samples = new Array<number>(groups.length).fill(0);

  try {
    for (let start = 0; start < count; start += batchSize) {
      const end = Math.min(count, start + batchSize);
      const prev: Acc[] | null = acc;
      const rows: number[] = [];
      const next = tf.tidy(() => {
        const x = tf.tensor2d(images.subarray(start * PIXELS, end * PIXELS), [end - start, PIXELS]);
        const hA = forwardWithHidden(arch, paramsA, x).hidden;
        // Stage 1 un-aligns θ against itself (§1.2): one forward pass serves both sides then.
        const hB = paramsB === paramsA ? hA : forwardWithHidden(arch, paramsB, x).hidden;
        return groups.map((g, gi): Acc => {
          // (samples × units): batch and spatial axes flattened, channels last (NHWC).
          let a = tf.reshape(hA[g.hiddenIndex], [-1, g.size]) as tf.Tensor2D;
          let b = tf.reshape(hB[g.hiddenIndex], [-1, g.size]) as tf.Tensor2D;
          rows[gi] = a.shape[0];
          if (post) {
            a = tf.relu(a);
            b = tf.relu(b);
          }
          const shiftA = prev ? prev[gi].shiftA : (tf.mean(a, 0) as tf.Tensor1D);
          const shiftB = prev ? prev[gi].shiftB : (tf.mean(b, 0) as tf.Tensor1D);
          const ac = tf.sub(a, shiftA);
          const bc = tf.sub(b, shiftB);
          // Explicit transpose + plain matMul: WASM's transposeA flag is ~12× slower (wasm-ops.ts).
          const ab = tf.matMul(tf.transpose(ac) as tf.Tensor2D, bc);
          const sA = tf.sum(ac, 0) as tf.Tensor1D;
          const sB = tf.sum(bc, 0) as tf.Tensor1D;
          const sA2 = tf.sum(tf.square(ac), 0) as tf.Tensor1D;
          const sB2 = tf.sum(tf.square(bc), 0) as tf.Tensor1D;
          return {
            // tidy returns fresh tensors only; clone the kept shifts so disposing `prev` is safe.
            shiftA: tf.clone(shiftA),
            shiftB: tf.clone(shiftB),
            sumA: prev ? tf.add(prev[gi].sumA, sA) : sA,
            sumB: prev ? tf.add(prev[gi].sumB, sB) : sB,
            sumA2: prev ? tf.add(prev[gi].sumA2, sA2) : sA2,
            sumB2: prev ? tf.add(prev[gi].sumB2, sB2) : sB2,
            sumAB: prev ? tf.add(prev[gi].sumAB, ab) : ab,
          };
        });
      });
      samples = samples.map((s, gi) => s + rows[gi]);
      acc = next;
      if (prev) disposeAcc(prev);
    }

    if (!acc) throw new Error('activationCorrelationStats: no batch was accumulated');
    const finalAcc = acc;
    // All groups' C and stds in one tensor → a single readback.
    const packed = tf.tidy(() =>
      tf.concat(
        groups.flatMap((g, gi) => {
          const m = samples[gi];
          const { sumA, sumB, sumA2, sumB2, sumAB } = finalAcc[gi];
          const meanA = tf.div(sumA, m); // means of the shifted data
          const meanB = tf.div(sumB, m);
          const stdA = tf.sqrt(tf.relu(tf.sub(tf.div(sumA2, m), tf.square(meanA))));
          const stdB = tf.sqrt(tf.relu(tf.sub(tf.div(sumB2, m), tf.square(meanB))));
          const cov = tf.sub(tf.div(sumAB, m), tf.mul(tf.reshape(meanA, [g.size, 1]), tf.reshape(meanB, [1, g.size])));
          const denom = tf.add(tf.mul(tf.reshape(stdA, [g.size, 1]), tf.reshape(stdB, [1, g.size])), GUARD);
          return [tf.reshape(tf.div(cov, denom), [-1]), stdA, stdB];
        }),
      ),
    );
    let flat: Float32Array;
    try {
      flat = (await packed.data()) as Float32Array;
    } finally {
      packed.dispose();
    }
    let off = 0;
    const take = (len: number) => flat.slice(off, (off += len));
    return groups.map((g) => {
      const correlation = take(g.size * g.size);
      const stdA = take(g.size);
      const stdB = take(g.size);
      return { correlation, stdA, stdB };
    });
  } finally {
    if (acc) disposeAcc(acc);
  }
}

/** Per group the n×n Pearson cross-correlation C (rows = units of A, columns = units of B). */
export async function activationCorrelations(
  arch: ArchId,
  paramsA: Params,
  paramsB: Params,
  images: Float32Array,
  opts: CorrelationOptions = {},
): Promise<Float32Array[]> {
  return (await activationCorrelationStats(arch, paramsA, paramsB, images, opts)).map((s) => s.correlation);
}

function disposeAcc(acc: Record<string, tf.Tensor>[]): void {
  for (const a of acc) for (const t of Object.values(a)) t.dispose();
}
