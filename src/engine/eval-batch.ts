import * as tf from '@tensorflow/tfjs';
import { scopedChoice } from './scoped-choice';
import { isZooArch, type ArchId } from './model/arch';
import type { Params } from './model/params';

/**
 * How evaluateMixtures (src/engine/mixture-eval.ts) runs the points of one image batch: 'per-point'
 * (the reference: one forward pass per point, each on its own materialised layers) or 'batched'
 * (the MLP only: several points at once, their layers stacked on a leading point axis, the forward
 * pass as batched matMuls; same metrics up to float rounding, src/engine/eval-batch.test.ts).
 */
export type EvalPath = 'per-point' | 'batched';

/**
 * Unless a caller picks one: 'batched' on WebGPU only, by measurement: `npm run bench -- --backends
 * wasm --no-full --models mnist-mlp-badnet` times both paths on WASM (interleaved) and counts both
 * on WebGPU (Dawn) in one invocation (figures in docs/runtime.md, "Batched evaluation of a curve's
 * points"). On WebGPU a 21-point MLP curve evaluation needs ~20× fewer dispatches batched. On WASM
 * the batched path is several times slower: tfjs-backend-wasm 4.22 runs a BatchMatMul whose second
 * operand has a batch axis in a plain loop rather than through XNNPACK, so 21 separate matMuls win.
 * The cpu backend and WebGL keep the per-point path (not measured there: behaviour unchanged).
 */
const BATCHED_BACKENDS = new Set(['webgpu']);
const choice = scopedChoice<EvalPath>(() => (BATCHED_BACKENDS.has(tf.getBackend()) ? 'batched' : 'per-point'));

export const evalPath = (): EvalPath => choice.get();

/** Runs `f` with `path` selected, restoring the previous one after. Not for concurrent runs. */
export const withEvalPath = <T>(path: EvalPath, f: () => Promise<T>): Promise<T> => choice.with(path, f);

/**
 * Whether the batched path serves this evaluation: the zoo MLP with its first layer shared
 * (first-layer-mix.ts). Its stacked layers are written for fc1–fc3 of width 256 (mlpPointGroups).
 */
export function batchesPoints(arch: ArchId, share: boolean): boolean {
  return isZooArch(arch, 'mlp') && share && evalPath() === 'batched';
}

/**
 * Bytes one [P, n, 256] hidden-layer tensor of a point group may take. A group's tidy keeps about
 * six of them alive at once (z1, its relu, z2, its relu, and the matMul outputs before their bias),
 * so a group's peak is about six times this budget.
 */
export const GROUP_HIDDEN_BYTES = 32 * 2 ** 20;
const MLP_HIDDEN = 256;

/** The point groups' sizes: as few groups as the budget allows, evenly filled (42 points at batch 1000: 21 + 21). */
export function groupSizes(points: number, batchSize: number): number[] {
  const most = Math.max(1, Math.floor(GROUP_HIDDEN_BYTES / (4 * batchSize * MLP_HIDDEN)));
  const groups = Math.ceil(points / most);
  const size = Math.ceil(points / groups);
  return Array.from({ length: groups }, (_, g) => Math.min(size, points - g * size));
}

/** P points' coefficients and their layers after the first one's kernel, stacked on a leading point axis. */
export interface PointGroup {
  /** [P, K]: point j's coefficient of basis model k */
  coeffs: tf.Tensor2D;
  /** 'fc1/bias', 'fc2/bias', 'fc3/bias': [P, 1, width]; 'fc2/kernel', 'fc3/kernel': [P, in, out] */
  layers: Params;
}

/**
 * Each group's stacked layers: Σ_k coeffs[j][k]·basis[k] for every point j, as one [P, K]·[K, size]
 * matMul per param. Computed once per evaluation; serves every image batch. Caller disposes (disposeGroups).
 */
export function mlpPointGroups(basis: Params[], points: number[][], batchSize: number): PointGroup[] {
  let start = 0;
  return groupSizes(points.length, batchSize).map((size) => {
    const rows = points.slice(start, start + size);
    start += size;
    return tf.tidy(() => {
      const coeffs = tf.tensor2d(rows, [size, basis.length]);
      const layers: Params = {};
      for (const name of ['fc1/bias', 'fc2/kernel', 'fc2/bias', 'fc3/kernel', 'fc3/bias']) {
        const shape = basis[0][name].shape;
        const flat = tf.stack(basis.map((p) => tf.reshape(p[name], [-1])));
        layers[name] = tf.reshape(tf.matMul(coeffs, flat), [size, ...(shape.length === 1 ? [1] : []), ...shape]);
      }
      return { coeffs, layers };
    });
  });
}

export function disposeGroups(groups: PointGroup[]): void {
  for (const g of groups) tf.dispose([g.coeffs, ...Object.values(g.layers)]);
}

/** The K first-layer products of one batch (first-layer-mix.ts basisProducts) as one [K, n·256] matrix. Call inside a tidy. */
export function stackProducts(products: tf.Tensor[]): tf.Tensor2D {
  return tf.reshape(tf.stack(products), [products.length, -1]);
}

/**
 * [P, 2]: summed cross-entropy and correct count of each of the group's points on one batch with
 * labels y, from the batch's stacked first-layer products. Call inside a tidy.
 */
export function mlpGroupSums(group: PointGroup, stacked: tf.Tensor2D, y: tf.Tensor1D): tf.Tensor2D {
  const { coeffs, layers } = group;
  const [points, n] = [coeffs.shape[0], y.shape[0]];
  const z1 = tf.add(tf.reshape(tf.matMul(coeffs, stacked), [points, n, MLP_HIDDEN]), layers['fc1/bias']);
  const z2 = tf.add(tf.matMul(tf.relu(z1) as tf.Tensor3D, layers['fc2/kernel'] as tf.Tensor3D), layers['fc2/bias']);
  const logits = tf.add(tf.matMul(tf.relu(z2) as tf.Tensor3D, layers['fc3/kernel'] as tf.Tensor3D), layers['fc3/bias']);
  const oneHot = tf.oneHot(tf.cast(y, 'int32'), layers['fc3/bias'].shape[2] ?? 0);
  const loss = tf.neg(tf.sum(tf.mul(oneHot, tf.logSoftmax(logits)), [1, 2]));
  const correct = tf.sum(tf.cast(tf.equal(tf.argMax(logits, 2), y), 'float32'), 1);
  return tf.stack([loss, correct], 1) as tf.Tensor2D;
}
