import type { EvalSetSpec } from '../engine/defenses/curve-evaluator';
import type { CurvePointRecord, PointMetrics } from '../engine/evaluate';
import type { BackendName } from '../protocol/messages';

/** Messages between the compute worker (eval-worker-client.ts) and its evaluation worker (eval-worker.ts). */

/** A model's weights as plain arrays: what crosses to the evaluation worker (transferred). */
export type ArrayParams = Record<string, { values: Float32Array; shape: number[] }>;

/** What the evaluation worker answers: the same numbers inThreadEvaluator would give (src/engine/defenses/curve-evaluator.ts). */
/** 'curve': a fitted curve and its line on the eval subset; 'live': a growing curve on the live-snapshot set; 'model': one model on the test set. */
export type EvalWork = { kind: 'curve' | 'live'; a: ArrayParams; c: ArrayParams; b: ArrayParams; points: number } | { kind: 'model'; params: ArrayParams };

export type EvalWorkerRequest =
  | { type: 'start'; backend: BackendName; threads?: number; spec: EvalSetSpec }
  | ({ type: 'work'; id: number } & EvalWork)
  /** the request `id` was cancelled: if it has not started yet, it is skipped */
  | { type: 'drop'; id: number };

export type EvalResult =
  | { kind: 'curve'; curve: CurvePointRecord[]; line: CurvePointRecord[]; ms: number }
  | { kind: 'live'; curve: CurvePointRecord[]; ms: number }
  | { kind: 'model'; metrics: PointMetrics; ms: number };

export type EvalWorkerReply =
  | { type: 'started'; ok: true; detail: string }
  | { type: 'started'; ok: false; reason: string }
  | { type: 'result'; id: number; ok: true; result: EvalResult }
  | { type: 'result'; id: number; ok: false; name: string; message: string };
