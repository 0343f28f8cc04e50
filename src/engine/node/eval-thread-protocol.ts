import type { EvalSetSpec } from '../defenses/curve-evaluator';
import type { CurvePointRecord } from '../evaluate';

/** Messages between src/engine/node/eval-thread.ts and its worker thread (eval-thread.worker.ts). */

/** A model's weights as plain arrays: what crosses to the worker thread. */
export type ArrayParams = Record<string, { values: Float32Array; shape: number[] }>;

export interface EvalThreadData {
  /** the worker module eval-thread-boot.mjs imports */
  entry: string;
  backend: string;
  spec: EvalSetSpec;
}

export interface EvalRequest {
  id: number;
  a: ArrayParams;
  c: ArrayParams;
  b: ArrayParams;
  points: number;
}

export type EvalReply =
  { id: number; ok: true; curve: CurvePointRecord[]; line: CurvePointRecord[]; ms: number } | { id: number; ok: false; name: string; message: string };
