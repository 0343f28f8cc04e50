import type { EvalSetSpec } from '../defenses/curve-evaluator';
import type { CurvePointRecord, PointMetrics } from '../evaluate';

/** Messages between src/engine/node/eval-thread.ts and its worker thread (eval-thread.worker.ts). */

/** A model's weights as plain arrays: what crosses to the worker thread. */
export type ArrayParams = Record<string, { values: Float32Array; shape: number[] }>;

export interface EvalThreadData {
  /** the worker module eval-thread-boot.mjs imports */
  entry: string;
  backend: string;
  spec: EvalSetSpec;
}

/** a curve and its straight line on the eval subset, or one model on the test set */
export type EvalRequest =
  { id: number; kind: 'curve'; a: ArrayParams; c: ArrayParams; b: ArrayParams; points: number } | { id: number; kind: 'model'; params: ArrayParams };

export type EvalReply =
  | { id: number; ok: true; kind: 'curve'; curve: CurvePointRecord[]; line: CurvePointRecord[]; ms: number }
  | { id: number; ok: true; kind: 'model'; metrics: PointMetrics; ms: number }
  | { id: number; ok: false; name: string; message: string };
