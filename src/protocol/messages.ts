import type { TriggerSpec } from '../engine/attacks/types';
import type { SavedModelFiles } from '../engine/model/layers-format';
import type { PlaneBasis, PlaneGrid } from '../engine/plane';
import type { TscSettings } from '../engine/settings';
import type { Trace, TraceEvent } from '../engine/trace';
import type { ModelEntry, ZooEntry } from '../engine/zoo';
import type { ImportModelEvent, ImportModelRequest } from './import-messages';
import type { TrainedModel, TrainRecipe, TrainEpoch, TrainStep } from './train-messages';
import type { TrapReplaceEvent, TrapReplaceRequest, TrapReplaceSink } from './trap-replace-messages';

export type { TrainedModel, TrainRecipe, TrainEpoch, TrainStep } from './train-messages';
export type { TrapReplaceEvent, TrapReplaceOutcome, TrapReplaceProgress, TrapReplaceRequest, TrapReplaceSink } from './trap-replace-messages';

/** Messages between the page and the compute worker: plain, structured-clone-safe data only. */

export type BackendName = 'webgpu' | 'wasm' | 'webgl' | 'cpu';

export interface BackendStatus {
  name: BackendName;
  /** why a preferred backend was not used, one line per skipped backend */
  fallbackReasons: string[];
  /** adapter description when WebGPU is in use (e.g. "google swiftshader (fallback adapter)"), thread count on WASM */
  detail: string;
  /** how it was chosen: a `?backend=` link, a probe just now, or a probe this browser ran before (src/worker/backend.ts) */
  choice?: 'forced' | 'probe' | 'cached';
  /** the backend a `?backend=` link asked for (set when `choice` is 'forced'; `name` differs if it fell back) */
  requested?: BackendName;
  /** the probe's measurement of every backend, in the order it ran */
  probes?: BackendProbe[];
  /** whether the page is cross-origin isolated: WASM threads need SharedArrayBuffer */
  crossOriginIsolated?: boolean;
  /** threads the WASM backend computes on (set when `name` is 'wasm') */
  wasmThreads?: number;
  /** why this run's evaluations went back into the compute worker after the second worker failed (src/worker/eval-worker-start.ts) */
  evalFallback?: string;
}

/** One backend's result in the start-up probe (src/worker/probe.ts). */
export interface BackendProbe {
  name: BackendName;
  /** mean time of a curve step after a warm-up step; absent when the probe did not finish */
  msPerStep?: number;
  /** time of one small evaluation (clean + triggered test images) */
  evalMs?: number;
  /** what it ran on, e.g. "software adapter" ('' when nothing to say) */
  detail: string;
  /** WASM only: the threads it computed on */
  threads?: number;
  /** a WebGPU adapter that is software (SwiftShader): never preferred over a faster WASM */
  software?: boolean;
  /** why it has no time: did not start, failed, or ran over its budget */
  lost?: string;
}

export interface ModelFiles {
  modelJsonUrl: string;
  weightsUrl: string;
}

/** How often a growing curve is measured while it trains, and on how many test images at most (RunOptions in src/engine/run-defense.ts). */
export interface LiveSnapshots {
  every: number;
  samples: number;
}

export type WorkerRequest =
  /** `probeModel`: the model the backend probe times (the page's default model), absent to skip probing */
  | { type: 'init'; preferred: BackendName | 'auto'; dataBaseUrl: string; probeModel?: { entry: ZooEntry; files: ModelFiles } }
  | { type: 'evaluate'; requestId: number; entry: ModelEntry; files: ModelFiles; sampleCount: number }
  /** `trigger`: the one the user described, which every ASR of the run measures; absent: the model's own recipe and target */
  | { type: 'run'; requestId: number; entry: ModelEntry; files: ModelFiles; settings: RunSettingsMessage; live: LiveSnapshots; trigger?: DescribedTrigger }
  /** `cancel` stops a run or a training (src/worker/train-model.ts) by its id */
  | { type: 'cancel'; requestId: number }
  /** trains a backdoored model in the worker (src/worker/train-model.ts) */
  | { type: 'train-model'; requestId: number; recipe: TrainRecipe }
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
  | { type: 'preview'; requestId: number; round: number; stage: number; t: number; sampleCount: number }
  /** the worker's tfjs memory (answered once its backend has started) */
  | { type: 'memory'; requestId: number }
  /** the last run's defense output as tfjs Layers files (src/worker/export-model.ts) */
  | { type: 'export-model'; requestId: number; weightsFileName: string }
  /** are you alive? Answered at once, whatever the worker is doing (src/compute/watchdog.ts) */
  | { type: 'ping'; requestId: number }
  /** Trap and Replace on a model whose poisoned training set its recipe rebuilds (src/worker/trap-replace-run.ts); 'cancel' stops it */
  | TrapReplaceRequest
  /** times engine pieces on one backend, in a fresh worker that got no init (scripts/bench-browser.ts; src/worker/bench-request.ts) */
  | BenchRequest
  /** a tfjs Layers model folder to check, decode and measure (src/protocol/import-messages.ts) */
  | ImportModelRequest;

/** An in-page benchmark: starts `backend` (WASM on `threads`), then times each model's pieces (src/worker/bench-measure.ts). */
export interface BenchRequest {
  type: 'bench';
  requestId: number;
  backend: BackendName;
  threads?: number;
  dataBaseUrl: string;
  models: { entry: ZooEntry; files: ModelFiles; sizes: BenchSizes }[];
}

/** How much to time per model: small on slow backends, so that the benchmark stays bounded. */
export interface BenchSizes {
  /** timed repeats per figure (after one warm-up) */
  repeats: number;
  /** k in the marginal curve step (T(k steps) − T(1 step)) / (k − 1) */
  curveSteps: number;
  /** test images for the 21-point curve evaluation; 0 skips it */
  evalSamples: number;
}

export interface BenchRow {
  model: string;
  measure: 'curve-step' | 'curve-eval-21' | 'permute-layers';
  /** median milliseconds (for curve-step: the marginal cost of one step) */
  ms: number;
  repeats: number;
  /** images behind the figure (curve-eval-21: clean + triggered; permute-layers: the clean subset) */
  images?: number;
  detail: string;
}

/** What a bench worker says: the backend it started, each figure as it is measured, then done. */
export type BenchUpdate =
  { kind: 'started'; backend: BackendName; detail: string; threads?: number } | { kind: 'row'; row: BenchRow } | { kind: 'done'; numTensors: number };

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

/** A θ(t) preview the worker could not compute (its test images failed to load, its backend was lost, …). */
export interface PreviewFailure {
  requestId: number;
  round: number;
  stage: number;
  t: number;
  message: string;
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

/** The purified model: model.json (the run's ACC/ASR in its userDefinedMetadata) and its weights shard. */
export interface ModelExport extends SavedModelFiles {
  requestId: number;
}

/** tf.memory() in the worker: every tensor on every backend it has used */
export interface WorkerMemory {
  requestId: number;
  numTensors: number;
  numBytes: number;
  /** the backend active when measured */
  backend: string;
}

/** A backend that stopped working under a running worker (a lost WebGPU device); the worker falls back by itself. */
export interface BackendLoss {
  backend: BackendName;
  /** the browser's words (GPUDeviceLostInfo's reason and message), e.g. "destroyed: device was destroyed" */
  message: string;
  /** the run it interrupted, if one was running */
  runId: number | null;
}

export type WorkerEvent =
  | { type: 'backend'; status: BackendStatus }
  /** the run's second (evaluation) worker could not be used: it evaluates in the compute worker */
  | { type: 'eval-fallback'; message: string }
  /** the backend stopped working; a 'backend' event follows once the next one has started (or an 'error' if none can) */
  | { type: 'backend-lost'; loss: BackendLoss }
  | { type: 'run-event'; requestId: number; event: TraceEvent }
  | { type: 'run-done'; requestId: number; trace: Trace }
  | { type: 'run-failed'; requestId: number; message: string; cancelled: boolean }
  | { type: 'preview'; result: PreviewResult }
  | { type: 'preview-failed'; failure: PreviewFailure }
  | { type: 'run-paused'; requestId: number; paused: boolean }
  | { type: 'plane'; result: PlaneResult }
  | { type: 'plane-failed'; requestId: number; message: string; cancelled: boolean }
  | { type: 'progress'; requestId: number; phase: string; done: number; total: number }
  | { type: 'evaluation'; result: EvaluationResult }
  | { type: 'memory'; memory: WorkerMemory }
  | { type: 'model-export'; result: ModelExport }
  | { type: 'pong'; requestId: number }
  | { type: 'bench'; requestId: number; update: BenchUpdate }
  /** a training's phase in words; `epoch` once an epoch has finished, `step` within an epoch (about twice a second) */
  | { type: 'train-progress'; requestId: number; phase: string; epoch?: TrainEpoch; step?: TrainStep }
  | { type: 'train-done'; requestId: number; model: TrainedModel }
  | { type: 'train-failed'; requestId: number; message: string; cancelled: boolean }
  | TrapReplaceEvent
  | ImportModelEvent
  | { type: 'error'; requestId?: number; message: string };

/** A trigger the user described (src/store/slices/trigger.ts) and the class it aims at. */
export interface DescribedTrigger {
  spec: TriggerSpec;
  target: number;
}

/** The run settings a page sends (the rest stay at the engine's defaults). */
export type RunSettingsMessage = Partial<TscSettings>;

/**
 * Where the main-thread client delivers what the worker says (and the requests it numbered).
 * The store implements it; the client never reads UI state.
 */
export interface ComputeSink extends TrapReplaceSink {
  setBackend(status: BackendStatus): void;
  setBackendError(message: string): void;
  /** the run's evaluations left the second worker (why); the backend chip stops claiming it */
  setEvalFallback(message: string): void;
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
  /** the latest preview failed (the client drops failures of older requests) */
  failPreview(failure: PreviewFailure): void;
  startPlane(requestId: number, round: number, stage: number): void;
  setPlane(result: PlaneResult): void;
  failPlane(requestId: number, message: string, cancelled: boolean): void;
  setWorkerMemory(memory: WorkerMemory): void;
  /** the worker's backend stopped working (it falls back by itself; a setBackend follows) */
  backendLost(loss: BackendLoss): void;
  /** the worker crashed or stopped answering and a new one was started; `runId`: the run it took down */
  workerRestarted(message: string, runId: number | null): void;
}
