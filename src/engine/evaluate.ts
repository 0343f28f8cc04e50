import * as tf from '@tensorflow/tfjs';
import type { TriggerSpec } from './attacks/types';
import { bezierWeights } from './bezier';
import { PIXELS } from './data/datasets';
import { triggeredNonTarget } from './metrics';
import { evaluateMixtures } from './mixture-eval';
import type { ArchId } from './model/arch';
import { crossEntropy, forward } from './model/forward';
import type { Params } from './model/params';
import { DeviceDataset } from './sgd';

/** Clean test images and their triggered, target-labelled twins (docs/method.md §1.6), on the device. */
export class EvalSet {
  constructor(
    readonly clean: DeviceDataset,
    readonly poisoned: DeviceDataset,
  ) {}

  static build(images: Float32Array, labels: Uint8Array, attack: TriggerSpec, target: number, maxSamples = Infinity): EvalSet {
    const n = Math.min(labels.length, maxSamples);
    const cleanImages = images.subarray(0, n * PIXELS);
    const { victims, triggered } = triggeredNonTarget(images, labels.subarray(0, n), attack, target);
    return new EvalSet(new DeviceDataset(cleanImages, labels.subarray(0, n)), new DeviceDataset(triggered, new Array(victims.length).fill(target)));
  }

  dispose(): void {
    this.clean.dispose();
    this.poisoned.dispose();
  }
}

export interface LossAndAccuracy {
  loss: number;
  accuracy: number;
}

/** Mean CE and accuracy, summed on the device in batches, one readback. */
export async function lossAndAccuracy(arch: ArchId, params: Params, data: DeviceDataset, batchSize = 1000): Promise<LossAndAccuracy> {
  const totals = tf.tidy(() => {
    let lossSum: tf.Tensor = tf.scalar(0);
    let correct: tf.Tensor = tf.scalar(0);
    for (let start = 0; start < data.count; start += batchSize) {
      const size = Math.min(batchSize, data.count - start);
      const x = tf.slice(data.images, [start, 0], [size, -1]);
      const y = tf.slice(data.labels, [start], [size]);
      const logits = forward(arch, params, x);
      lossSum = tf.add(lossSum, tf.mul(crossEntropy(logits, y), size));
      correct = tf.add(correct, tf.sum(tf.cast(tf.equal(tf.argMax(logits, 1), y), 'float32')));
    }
    return tf.stack([lossSum, correct]);
  });
  const [lossSum, correct] = await totals.data();
  totals.dispose();
  return { loss: lossSum / data.count, accuracy: correct / data.count };
}

export interface PointMetrics {
  cleanLoss: number;
  poisonedLoss: number;
  acc: number;
  asr: number;
}

export async function evaluateModel(arch: ArchId, params: Params, set: EvalSet): Promise<PointMetrics> {
  const clean = await lossAndAccuracy(arch, params, set.clean);
  const poisoned = await lossAndAccuracy(arch, params, set.poisoned);
  return { cleanLoss: clean.loss, poisonedLoss: poisoned.loss, acc: clean.accuracy, asr: poisoned.accuracy };
}

export interface CurvePointRecord extends PointMetrics {
  t: number;
}

/** Evenly spaced t in [0,1], e.g. 21 points = 0, 0.05, …, 1 (docs/method.md §1.1). */
export function curveGrid(points: number): number[] {
  return Array.from({ length: points }, (_, i) => Number((i / (points - 1)).toFixed(6)));
}

const withT = (ts: number[], metrics: PointMetrics[]): CurvePointRecord[] => ts.map((t, i) => ({ t, ...metrics[i] }));

/**
 * Clean/poisoned loss, ACC and ASR of θ(t) at every grid point. The points are mixtures of θA, θc, θB,
 * evaluated together (mixture-eval.ts): on the MLP the first layer costs three products per batch for the whole curve.
 * `signal`, here and below: a Cancel is seen between batches (evaluateMixtures).
 */
export async function evaluateCurve(
  arch: ArchId,
  a: Params,
  c: Params,
  b: Params,
  set: EvalSet,
  points: number,
  signal?: AbortSignal,
): Promise<CurvePointRecord[]> {
  const ts = curveGrid(points);
  return withT(ts, await evaluateMixtures(arch, [a, c, b], ts.map(bezierWeights), set, { signal }));
}

/** The straight line (1−t)θA + tθB at every grid point: the Bézier curve with θc at the midpoint. */
export async function evaluateLine(arch: ArchId, a: Params, b: Params, set: EvalSet, points: number, signal?: AbortSignal): Promise<CurvePointRecord[]> {
  const ts = curveGrid(points);
  return withT(
    ts,
    await evaluateMixtures(
      arch,
      [a, b],
      ts.map((t) => [1 - t, t]),
      set,
      { signal },
    ),
  );
}

/** The curve and the straight line between the same ends in one pass (on the MLP, three first-layer products per batch for both). */
export async function evaluateCurveAndLine(
  arch: ArchId,
  a: Params,
  c: Params,
  b: Params,
  set: EvalSet,
  points: number,
  signal?: AbortSignal,
): Promise<{ curve: CurvePointRecord[]; line: CurvePointRecord[] }> {
  const ts = curveGrid(points);
  const metrics = await evaluateMixtures(arch, [a, c, b], [...ts.map(bezierWeights), ...ts.map((t) => [1 - t, 0, t])], set, { signal });
  return { curve: withT(ts, metrics.slice(0, points)), line: withT(ts, metrics.slice(points)) };
}

export interface CleanAndBackdoorMetrics {
  acc: number;
  asr: number;
  cleanCount: number;
  poisonedCount: number;
}

/** Clean accuracy on the whole set and ASR on its triggered non-target part (the zoo's measurement). */
export async function measureAccAndAsr(
  arch: ArchId,
  params: Params,
  images: Float32Array,
  labels: Uint8Array,
  attack: TriggerSpec,
  target: number,
): Promise<CleanAndBackdoorMetrics> {
  const set = EvalSet.build(images, labels, attack, target);
  try {
    const m = await evaluateModel(arch, params, set);
    return { acc: m.acc, asr: m.asr, cleanCount: set.clean.count, poisonedCount: set.poisoned.count };
  } finally {
    set.dispose();
  }
}
