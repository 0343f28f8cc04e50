import * as tf from '@tensorflow/tfjs';
import { cancelPoint } from './cancel';
import { batchesPoints, disposeGroups, mlpGroupSums, mlpPointGroups, stackProducts, type PointGroup } from './eval-batch';
import type { EvalSet, PointMetrics } from './evaluate';
import type { ArchId } from './model/arch';
import { basisProducts, mixPointParams, mixtureLogits, shareFirstLayer } from './model/first-layer-mix';
import { crossEntropy } from './model/forward';
import { disposeParams, type Params } from './model/params';
import type { DeviceDataset } from './sgd';

export interface MixtureEvalOptions {
  batchSize?: number;
  /** share the first layer's products across points (default: where that pays, shareFirstLayer) */
  share?: boolean;
  /** keep the products for later calls with the same basis, set and batch size (a loss plane's rows) */
  cache?: ProductCache;
  /** a Cancel is seen between batches (cancel.ts); without it nothing yields */
  signal?: AbortSignal;
}

/**
 * First-layer products of one basis on every batch of an EvalSet, kept across calls: all of a loss
 * plane's rows use θA, û, v̂, so the plane computes them once (MLP: 3 × 3,800 × 256 floats, 12 MB).
 * The owner disposes it.
 */
export class ProductCache {
  private readonly kept = new Map<DeviceDataset, Map<number, tf.Tensor[]>>();

  /** The products of the batch starting at `start`, computed on first use and kept out of the caller's tidy. */
  get(data: DeviceDataset, start: number, compute: () => tf.Tensor[]): tf.Tensor[] {
    const batches = this.kept.get(data) ?? new Map<number, tf.Tensor[]>();
    this.kept.set(data, batches);
    let products = batches.get(start);
    if (!products) {
      products = compute().map((t) => tf.keep(t));
      batches.set(start, products);
    }
    return products;
  }

  dispose(): void {
    for (const batches of this.kept.values()) for (const products of batches.values()) tf.dispose(products);
    this.kept.clear();
  }
}

/**
 * Metrics of every model Σ_k point[k]·basis[k] (curve, line or plane points), each equal to
 * evaluateModel on that model materialised. Batches are the outer loop, so each batch's first-layer
 * products serve all points (model/first-layer-mix.ts); one readback at the end, not two per point.
 * On the MLP the points of a batch run together, a group at a time (eval-batch.ts), unless the
 * 'per-point' evaluation path is selected.
 * With a signal it yields between batches and rejects with cancel.ts's AbortError once aborted.
 */
export async function evaluateMixtures(
  arch: ArchId,
  basis: Params[],
  points: number[][],
  set: EvalSet,
  opts: MixtureEvalOptions = {},
): Promise<PointMetrics[]> {
  if (points.length === 0) return [];
  const run: Run = {
    arch,
    basis,
    points,
    batchSize: opts.batchSize ?? 1000,
    share: opts.share ?? shareFirstLayer(arch),
    cache: opts.cache,
    signal: opts.signal,
    mixed: [],
    groups: null,
  };
  try {
    if (batchesPoints(arch, run.share)) run.groups = mlpPointGroups(basis, points, run.batchSize);
    else for (const coeffs of points) run.mixed.push(mixPointParams(arch, basis, coeffs, run.share));
    const clean = await sums(run, set.clean);
    let poisoned: tf.Tensor;
    try {
      await cancelPoint(run.signal);
      poisoned = await sums(run, set.poisoned);
    } catch (err) {
      clean.dispose();
      throw err;
    }
    const both = tf.stack([clean, poisoned]);
    tf.dispose([clean, poisoned]);
    let v;
    try {
      v = await both.data(); // rejects on a lost device: `both` is freed either way
    } finally {
      both.dispose();
    }
    const per = (d: number, j: number, k: number) => v[(d * points.length + j) * 2 + k];
    return points.map((_, j) => ({
      cleanLoss: per(0, j, 0) / set.clean.count,
      poisonedLoss: per(1, j, 0) / set.poisoned.count,
      acc: per(0, j, 1) / set.clean.count,
      asr: per(1, j, 1) / set.poisoned.count,
    }));
  } finally {
    run.mixed.forEach(disposeParams);
    if (run.groups) disposeGroups(run.groups);
  }
}

interface Run {
  arch: ArchId;
  basis: Params[];
  points: number[][];
  batchSize: number;
  share: boolean;
  cache: ProductCache | undefined;
  signal: AbortSignal | undefined;
  /** each point's own params (mixPointParams), on the per-point path */
  mixed: Params[];
  /** the points' stacked layers, on the batched path (eval-batch.ts) */
  groups: PointGroup[] | null;
}

/**
 * [points, 2]: summed CE and correct count of each point on `data`, accumulated batch by batch as
 * lossAndAccuracy does. No yield before the first batch: callers have just passed a cancelPoint.
 */
async function sums({ arch, basis, points, batchSize, share, cache, signal, mixed, groups }: Run, data: DeviceDataset): Promise<tf.Tensor> {
  let acc = tf.zeros([points.length, 2]);
  try {
    for (let start = 0; start < data.count; start += batchSize) {
      if (start > 0) await cancelPoint(signal);
      const next = tf.tidy(() => {
        const size = Math.min(batchSize, data.count - start);
        const x = tf.slice(data.images, [start, 0], [size, -1]);
        const y = tf.slice(data.labels, [start], [size]);
        const compute = () => basisProducts(arch, basis, x, share);
        const products = cache ? cache.get(data, start, compute) : compute();
        if (groups) {
          const stacked = stackProducts(products);
          return tf.add(acc, tf.concat(groups.map((g) => tf.tidy(() => mlpGroupSums(g, stacked, y)))));
        }
        // a tidy per point: only the products and one 2-vector per point outlive it
        const rows = points.map((coeffs, j) =>
          tf.tidy(() => {
            const logits = mixtureLogits(arch, x, products, coeffs, mixed[j]);
            return tf.stack([tf.mul(crossEntropy(logits, y), size), tf.sum(tf.cast(tf.equal(tf.argMax(logits, 1), y), 'float32'))]);
          }),
        );
        return tf.add(acc, tf.stack(rows));
      });
      acc.dispose();
      acc = next;
    }
    return acc;
  } catch (err) {
    acc.dispose();
    throw err;
  }
}
