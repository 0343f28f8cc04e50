import type { EvalSetSpec } from '../defenses/curve-evaluator';
import type { LossAndAccuracy, PointMetrics } from '../evaluate';

/** Messages between src/engine/node/eval-thread.ts and its worker thread (eval-thread.worker.ts). */

/** A model's weights as plain arrays: what crosses to the worker thread. */
export type ArrayParams = Record<string, { values: Float32Array; shape: number[] }>;

export interface EvalThreadData {
  /** the worker module eval-thread-boot.mjs imports */
  entry: string;
  backend: string;
  spec: EvalSetSpec;
}

/** Which half of the test set a model is measured on: a pool measures the two on different threads. */
export type TestPart = 'clean' | 'poisoned';

/**
 * 'curve': the points [from, to) of a curve and its straight line on the eval subset, numbered as
 * evaluateCurveAndLine lists them (the curve's `points` grid points, then the line's);
 * 'model': one model on one part of the test set.
 */
export type EvalRequest =
  | { id: number; kind: 'curve'; a: ArrayParams; c: ArrayParams; b: ArrayParams; points: number; from: number; to: number }
  | { id: number; kind: 'model'; params: ArrayParams; part: TestPart };

export type EvalReply =
  | { id: number; ok: true; kind: 'curve'; metrics: PointMetrics[]; ms: number }
  | { id: number; ok: true; kind: 'model'; metrics: LossAndAccuracy; ms: number }
  | { id: number; ok: false; name: string; message: string };
