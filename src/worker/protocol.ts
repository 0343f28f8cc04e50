import type { TscSettings } from '../engine/settings';
import type { Trace, TraceEvent } from '../engine/trace';
import type { ZooEntry } from '../engine/zoo';

/** Messages between the page and the compute worker: plain, structured-clone-safe data only. */

export type BackendName = 'webgpu' | 'webgl' | 'cpu';

export interface BackendStatus {
  name: BackendName;
  /** why a preferred backend was not used, one line per skipped backend */
  fallbackReasons: string[];
  /** adapter description when WebGPU is in use (e.g. "google swiftshader (fallback adapter)") */
  detail: string;
}

export interface ModelFiles {
  modelJsonUrl: string;
  weightsUrl: string;
}

export type WorkerRequest =
  | { type: 'init'; preferred: BackendName | 'auto'; dataBaseUrl: string }
  | { type: 'evaluate'; requestId: number; entry: ZooEntry; files: ModelFiles; sampleCount: number }
  | { type: 'run'; requestId: number; entry: ZooEntry; files: ModelFiles; settings: Partial<TscSettings>; liveEvalEvery: number }
  | { type: 'cancel'; requestId: number }
  /** predictions of θ(t) on the curve of (round, stage) of the last run */
  | { type: 'preview'; requestId: number; round: number; stage: number; t: number; sampleCount: number };

export interface SampleImage {
  /** uint8 grayscale 28×28 */
  pixels: Uint8Array;
  label: number;
  prediction: number;
}

export interface EvaluationResult {
  requestId: number;
  modelId: string;
  backend: BackendName;
  acc: number;
  asr: number;
  cleanCount: number;
  poisonedCount: number;
  seconds: number;
  clean: SampleImage[];
  triggered: SampleImage[];
}

export interface PreviewResult {
  requestId: number;
  round: number;
  stage: number;
  t: number;
  clean: SampleImage[];
  triggered: SampleImage[];
}

export type WorkerEvent =
  | { type: 'backend'; status: BackendStatus }
  | { type: 'run-event'; requestId: number; event: TraceEvent }
  | { type: 'run-done'; requestId: number; trace: Trace }
  | { type: 'run-failed'; requestId: number; message: string; cancelled: boolean }
  | { type: 'preview'; result: PreviewResult }
  | { type: 'progress'; requestId: number; phase: string; done: number; total: number }
  | { type: 'evaluation'; result: EvaluationResult }
  | { type: 'error'; requestId?: number; message: string };
