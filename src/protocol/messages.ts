import type { PlaneBasis, PlaneGrid } from '../engine/plane';
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
  | { type: 'run'; requestId: number; entry: ZooEntry; files: ModelFiles; settings: RunSettingsMessage; liveEvalEvery: number }
  | { type: 'cancel'; requestId: number }
  /** pause at the next epoch, go on, or run to the end of the current stage and pause there */
  | { type: 'pause' | 'resume' | 'step'; requestId: number }
  /** the loss plane through θA, θc, θB of (round, stage) of the last run: coarse grid first, then refined */
  | {
      type: 'plane';
      requestId: number;
      round: number;
      stage: number;
      coarse: number;
      finest: number;
      margin: number;
      equalAxes: boolean;
      sampleCount: number;
    }
  | { type: 'plane-cancel'; requestId: number }
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

export interface PlaneResult {
  requestId: number;
  round: number;
  stage: number;
  /** plane coordinates (weight-space L2 units) of θA (t = 0), θc (control point), θB (t = 1) */
  coords: PlaneBasis['coords'];
  grid: PlaneGrid;
  /** whether x and y share one unit (else y is zoomed onto the curve) */
  equalAxes: boolean;
  /** points evaluated so far and in the whole coarse-to-fine schedule */
  done: number;
  total: number;
  /** test images behind every point's losses */
  cleanCount: number;
  poisonedCount: number;
  seconds: number;
  finished: boolean;
}

export type WorkerEvent =
  | { type: 'backend'; status: BackendStatus }
  | { type: 'run-event'; requestId: number; event: TraceEvent }
  | { type: 'run-done'; requestId: number; trace: Trace }
  | { type: 'run-failed'; requestId: number; message: string; cancelled: boolean }
  | { type: 'preview'; result: PreviewResult }
  | { type: 'run-paused'; requestId: number; paused: boolean }
  | { type: 'plane'; result: PlaneResult }
  | { type: 'plane-failed'; requestId: number; message: string; cancelled: boolean }
  | { type: 'progress'; requestId: number; phase: string; done: number; total: number }
  | { type: 'evaluation'; result: EvaluationResult }
  | { type: 'error'; requestId?: number; message: string };

/** The run settings a page sends (the rest stay at the engine's defaults). */
export type RunSettingsMessage = Partial<TscSettings>;

/**
 * Where the main-thread client delivers what the worker says (and the requests it numbered).
 * The store implements it; the client never reads UI state.
 */
export interface ComputeSink {
  setBackend(status: BackendStatus): void;
  setBackendError(message: string): void;
  startEvaluation(requestId: number): void;
  setProgress(requestId: number, phase: string, done: number, total: number): void;
  finishEvaluation(result: EvaluationResult): void;
  fail(message: string, requestId?: number): void;
  startRun(runId: number, modelId: string): void;
  applyRunEvent(runId: number, event: TraceEvent): void;
  finishRun(runId: number, trace: Trace): void;
  failRun(runId: number, message: string, cancelled: boolean): void;
  setRunPaused(runId: number, paused: boolean): void;
  setPreview(result: PreviewResult): void;
  startPlane(requestId: number, round: number, stage: number): void;
  setPlane(result: PlaneResult): void;
  failPlane(requestId: number, message: string, cancelled: boolean): void;
}
