import type { ModelEntry, ZooEntry } from '../engine/zoo';
import type {
  LiveSnapshots,
  DescribedTrigger,
  RunSettingsMessage,
  BackendName,
  ComputeSink,
  ModelExport,
  ModelFiles,
  TrainRecipe,
  WorkerEvent,
  WorkerMemory,
  WorkerRequest,
} from '../protocol/messages';
import type { TrapReplaceSettings } from '../engine/defenses/trap-replace-settings';
import { TrainRequests, type TrainListener } from './train-requests';
import { ImportRequests, type ImportListener } from './import-requests';
import type { ModelFolderFile } from '../protocol/import-messages';
import type { TriggerSpec } from '../engine/attacks/types';
import type { DatasetId } from '../engine/data/datasets';
import { Watchdog, type WatchdogTimes } from './watchdog';

/** What the client needs of a worker: the browser's Worker, or a fake in tests. */
export interface WorkerLike {
  postMessage(msg: WorkerRequest, transfer?: Transferable[]): void;
  onmessage: ((ev: MessageEvent<WorkerEvent>) => void) | null;
  onerror: ((ev: ErrorEvent) => void) | null;
  terminate?(): void;
}

export interface ClientOptions {
  /** the model the worker's backend probe times (src/worker/backend.ts) */
  probeModel?: { entry: ZooEntry; files: ModelFiles };
  /** a new worker, started at once, for when the current one crashes or stops answering; without it, no restarts */
  respawn?: () => WorkerLike;
  /** how long a silent worker is given (default WATCHDOG_TIMES) */
  watchdog?: WatchdogTimes;
}

/** Restarts per page: a worker that keeps dying (say, at start-up) is not restarted for ever. */
export const MAX_RESTARTS = 3;

/**
 * Live growth costs a 21-point evaluation each time: ~10 updates per stage, none for very short runs
 * (< 5 epochs), whose final curve arrives about as soon; each on at most LIVE_EVAL_SAMPLES test
 * images, so that watching a curve grow costs little next to fitting it (the finished stage is
 * measured on all of its curve-evaluation images).
 */
export const LIVE_EVAL_SAMPLES = 500;
export function liveSnapshots(curveEpochs: number): LiveSnapshots {
  return { every: curveEpochs < 5 ? 0 : Math.max(1, Math.round(curveEpochs / 10)), samples: LIVE_EVAL_SAMPLES };
}

/**
 * The main thread's side of the compute worker: numbers requests, sends them, and hands every
 * answer to a sink. It knows nothing of the store; the store implements the sink
 * (src/store/compute-sink.ts) and src/app/actions.ts decides what to ask for.
 */
export class ComputeClient {
  private nextId = 1;
  private previewTimer: ReturnType<typeof setTimeout> | null = null;
  /** replies to older preview requests (previous t, stage or run) are dropped */
  private latestPreview = -1;
  private readonly init: WorkerRequest;
  private readonly respawn: (() => WorkerLike) | undefined;
  private readonly watchdog: Watchdog;
  private restarts = 0;
  /** the latest run's id: an 'error' for it (its backend never became ready) fails the run */
  private lastRun = -1;
  /** the latest evaluation asked for: asked again when the backend or the worker under it is replaced */
  private lastEvaluation: { entry: ModelEntry; files: ModelFiles } | null = null;
  /** what the worker owes an answer to: failed with a notice if it dies (and what the watchdog waits on) */
  private pending = { init: false, evaluation: null as number | null, run: null as number | null, plane: null as number | null };
  private readonly memoryWaiters = new Map<number, { resolve: (m: WorkerMemory) => void; reject: (e: Error) => void }>();
  private readonly exportWaiters = new Map<number, { resolve: (m: ModelExport) => void; reject: (e: Error) => void }>();
  /** the Trap and Replace run in flight (src/worker/trap-replace-run.ts): failed with a notice if the worker dies */
  private trapReplaceId: number | null = null;
  /** model imports in the worker (src/worker/import-model.ts) */
  private readonly imports = new ImportRequests();
  /** trainings in the worker (src/worker/train-model.ts) */
  private readonly trainings = new TrainRequests();

  constructor(
    private worker: WorkerLike,
    private readonly sink: ComputeSink,
    preferred: BackendName | 'auto',
    dataBaseUrl: string,
    options: ClientOptions = {},
  ) {
    this.init = { type: 'init', preferred, dataBaseUrl, probeModel: options.probeModel };
    this.respawn = options.respawn;
    this.watchdog = new Watchdog(
      () => this.send({ type: 'ping', requestId: this.nextId++ }),
      () => this.restart('stopped answering'),
      options.watchdog,
    );
    this.attach(worker);
  }

  private attach(worker: WorkerLike): void {
    this.worker = worker;
    worker.onmessage = (ev) => this.handle(ev.data);
    worker.onerror = (ev) => this.restart(`crashed${ev.message ? `: ${ev.message}` : ''}`);
    this.pending.init = true;
    this.send(this.init);
  }

  private get waiting(): boolean {
    const p = this.pending;
    return (
      p.init ||
      p.evaluation !== null ||
      p.run !== null ||
      p.plane !== null ||
      this.memoryWaiters.size + this.exportWaiters.size + this.imports.size + this.trainings.size > 0 ||
      this.trapReplaceId !== null
    );
  }

  /**
   * The worker crashed or stopped answering: whatever it owed fails with a message, and a new one
   * starts with the same init (MAX_RESTARTS at most). What it kept (the last run's curves for
   * previews and planes) is gone; what the page shows stays.
   */
  private restart(why: string): void {
    this.watchdog.stop();
    const old = this.worker;
    old.onmessage = null;
    old.onerror = null;
    old.terminate?.();
    const canRestart = this.respawn !== undefined && this.restarts < MAX_RESTARTS;
    const message = `The compute worker ${why}; ` + (canRestart ? 'a new one was started.' : 'reload the page to start a new one.');
    const { evaluation, run, plane } = this.pending;
    this.pending = { init: false, evaluation: null, run: null, plane: null };
    if (run !== null) this.sink.failRun(run, `${message} The stages that finished stay on screen.`, false);
    if (evaluation !== null && !canRestart) this.sink.fail(message, evaluation);
    if (plane !== null) this.sink.failPlane(plane, message, false);
    for (const { reject } of [...this.memoryWaiters.values(), ...this.exportWaiters.values()]) reject(new Error(message));
    this.memoryWaiters.clear();
    this.exportWaiters.clear();
    this.imports.failAll(message);
    this.trainings.failAll(message);
    if (this.trapReplaceId !== null) this.sink.failTrapReplace(this.trapReplaceId, message, false);
    this.trapReplaceId = null;
    if (!canRestart || !this.respawn) return this.sink.setBackendError(message);
    this.restarts++;
    this.sink.workerRestarted(message, run);
    this.attach(this.respawn());
    this.evaluateAgain(evaluation);
  }

  /** An evaluation the old worker or backend still owed is asked of the new one (the store drops the old id's answer). */
  private evaluateAgain(owed: number | null): void {
    if (owed !== null && this.lastEvaluation) this.evaluate(this.lastEvaluation.entry, this.lastEvaluation.files);
  }

  evaluate(entry: ModelEntry, files: ModelFiles): void {
    const requestId = this.nextId++;
    this.pending.evaluation = requestId;
    this.lastEvaluation = { entry, files };
    this.sink.startEvaluation(requestId);
    this.send({ type: 'evaluate', requestId, entry, files, sampleCount: 8 });
  }

  /** The worker's tf.memory() (all tensors on every backend it has used); rejects if the worker dies first. */
  memory(): Promise<WorkerMemory> {
    const requestId = this.nextId++;
    return new Promise((resolve, reject) => {
      this.memoryWaiters.set(requestId, { resolve, reject });
      this.send({ type: 'memory', requestId });
    });
  }

  /** The last run's purified model as tfjs Layers files; rejects with the worker's reason (no finished run, worker died). */
  exportModel(weightsFileName: string): Promise<ModelExport> {
    const requestId = this.nextId++;
    return new Promise((resolve, reject) => {
      this.exportWaiters.set(requestId, { resolve, reject });
      this.send({ type: 'export-model', requestId, weightsFileName });
    });
  }

  /** Checks, decodes and measures a model folder in the worker; the files' bytes are transferred (the caller's buffers are emptied). */
  importModel(files: ModelFolderFile[], dataset: DatasetId, trigger: TriggerSpec, target: number, listener: ImportListener): number {
    const requestId = this.nextId++;
    this.imports.add(requestId, listener);
    this.send(
      { type: 'import-model', requestId, files, dataset, trigger, target },
      files.map((f) => f.bytes),
    );
    return requestId;
  }

  /** Starts a defense run; returns its id. */
  run(entry: ModelEntry, files: ModelFiles, settings: RunSettingsMessage, trigger?: DescribedTrigger): number {
    const runId = this.nextId++;
    this.latestPreview = -1;
    this.pending.run = runId;
    this.lastRun = runId;
    this.sink.startRun(runId, entry.id);
    this.send({ type: 'run', requestId: runId, entry, files, settings, live: liveSnapshots(settings.curveEpochs ?? 0), ...(trigger && { trigger }) });
    return runId;
  }

  /** Trains a backdoored model in the worker; returns its id, which cancel() takes. */
  trainModel(recipe: TrainRecipe, listener: TrainListener): number {
    const requestId = this.nextId++;
    this.trainings.add(requestId, listener);
    this.send({ type: 'train-model', requestId, recipe });
    return requestId;
  }

  /** Trap and Replace on a zoo or page-trained model (its recipe rebuilds the poisoned training set); returns its id, which cancel() takes. */
  trapReplace(entry: ModelEntry, settings: TrapReplaceSettings): number {
    const requestId = this.nextId++;
    this.trapReplaceId = requestId;
    this.sink.startTrapReplace(requestId, entry.id);
    this.send({ type: 'trap-replace', requestId, entry, settings });
    return requestId;
  }

  /** Stops a run or a training. */
  cancel(runId: number): void {
    this.send({ type: 'cancel', requestId: runId });
  }

  /** pause at the next epoch, resume, or run to the end of the current stage and pause */
  control(runId: number, action: 'pause' | 'resume' | 'step'): void {
    this.send({ type: action, requestId: runId });
  }

  /** The loss plane of a stage's curve; the worker cancels a plane still computing when this one arrives. */
  lossPlane(round: number, stage: number, plane: { coarse: number; finest: number; margin: number; equalAxes: boolean; samples: number }): void {
    const requestId = this.nextId++;
    this.pending.plane = requestId;
    this.sink.startPlane(requestId, round, stage);
    const { coarse, finest, margin, equalAxes, samples } = plane;
    this.send({ type: 'plane', requestId, round, stage, coarse, finest, margin, equalAxes, sampleCount: samples });
  }

  cancelPlane(requestId: number): void {
    this.send({ type: 'plane-cancel', requestId });
  }

  /** θ(t) predictions for a curve; debounced so dragging t sends one request per pause. */
  preview(round: number, stage: number, t: number): void {
    if (this.previewTimer) clearTimeout(this.previewTimer);
    this.previewTimer = setTimeout(() => {
      this.latestPreview = this.nextId++;
      this.send({ type: 'preview', requestId: this.latestPreview, round, stage, t, sampleCount: 8 });
    }, 60);
  }

  private send(msg: WorkerRequest, transfer: Transferable[] = []): void {
    this.worker.postMessage(msg, transfer);
    if (msg.type !== 'preview' && msg.type !== 'cancel' && msg.type !== 'plane-cancel') this.watchdog.expect(); // previews may go unanswered
  }

  private handle(ev: WorkerEvent): void {
    this.settle(ev);
    this.watchdog.heard(this.waiting);
    this.deliver(ev);
  }

  /** Crosses off what this answer settles (before delivering it, so the watchdog's view is current). */
  private settle(ev: WorkerEvent): void {
    const p = this.pending;
    if (ev.type === 'backend' || (ev.type === 'error' && ev.requestId === undefined)) p.init = false;
    if ((ev.type === 'evaluation' && ev.result.requestId === p.evaluation) || (ev.type === 'error' && ev.requestId === p.evaluation)) p.evaluation = null;
    if ((ev.type === 'run-done' || ev.type === 'run-failed' || ev.type === 'error') && ev.requestId === p.run) p.run = null;
    if ((ev.type === 'plane' && ev.result.finished && ev.result.requestId === p.plane) || (ev.type === 'plane-failed' && ev.requestId === p.plane))
      p.plane = null;
    const trapReplaceEnd = ev.type === 'trap-replace-done' ? ev.result.requestId : ev.type === 'trap-replace-failed' ? ev.requestId : null;
    if (trapReplaceEnd !== null && trapReplaceEnd === this.trapReplaceId) this.trapReplaceId = null;
  }

  private deliver(ev: WorkerEvent): void {
    const sink = this.sink;
    if (this.imports.deliver(ev)) return;
    if (this.trainings.deliver(ev)) {
      if (ev.type !== 'train-progress') this.measureMemory(); // as after a run: the backend chip shows the tensors came back
      return;
    }
    switch (ev.type) {
      case 'backend':
        return sink.setBackend(ev.status);
      case 'eval-fallback':
        return sink.setEvalFallback(ev.message);
      case 'backend-lost':
        sink.backendLost(ev.loss);
        // queued behind the worker's fallback; the evaluation on the lost device fails unseen
        return this.evaluateAgain(this.pending.evaluation);
      case 'progress':
        return sink.setProgress(ev.requestId, ev.phase, ev.done, ev.total);
      case 'evaluation':
        return sink.finishEvaluation(ev.result);
      case 'run-event':
        return sink.applyRunEvent(ev.requestId, ev.event);
      case 'run-done':
        this.measureMemory();
        return sink.finishRun(ev.requestId, ev.trace);
      case 'run-failed':
        this.measureMemory();
        return sink.failRun(ev.requestId, ev.message, ev.cancelled);
      case 'preview':
        if (ev.result.requestId === this.latestPreview) sink.setPreview(ev.result);
        return;
      case 'preview-failed':
        if (ev.failure.requestId === this.latestPreview) sink.failPreview(ev.failure);
        return;
      case 'run-paused':
        return sink.setRunPaused(ev.requestId, ev.paused);
      case 'plane':
        return sink.setPlane(ev.result);
      case 'plane-failed':
        return sink.failPlane(ev.requestId, ev.message, ev.cancelled);
      case 'memory': {
        const waiter = this.memoryWaiters.get(ev.memory.requestId);
        this.memoryWaiters.delete(ev.memory.requestId);
        waiter?.resolve(ev.memory);
        return sink.setWorkerMemory(ev.memory);
      }
      case 'model-export':
        this.exportWaiters.get(ev.result.requestId)?.resolve(ev.result);
        this.exportWaiters.delete(ev.result.requestId);
        return;
      case 'pong':
        return;
      case 'trap-replace-progress':
        return sink.setTrapReplaceProgress(ev.requestId, ev.progress);
      case 'trap-replace-done':
        this.measureMemory(); // as after a run: the backend chip shows the tensors came back
        return sink.finishTrapReplace(ev.result);
      case 'trap-replace-failed':
        this.measureMemory();
        return sink.failTrapReplace(ev.requestId, ev.message, ev.cancelled);
      case 'error': {
        if (ev.requestId === undefined) return sink.setBackendError(ev.message);
        const waiter = this.memoryWaiters.get(ev.requestId);
        this.memoryWaiters.delete(ev.requestId);
        waiter?.reject(new Error(ev.message));
        const exportWaiter = this.exportWaiters.get(ev.requestId);
        this.exportWaiters.delete(ev.requestId);
        if (exportWaiter) return exportWaiter.reject(new Error(ev.message));
        // a run whose backend never became ready fails here, not with run-failed
        if (ev.requestId === this.lastRun) return sink.failRun(ev.requestId, ev.message, false);
        return sink.fail(ev.message, ev.requestId);
      }
    }
  }

  /** After every run the worker's memory is read, so the page can show that it comes back to where it was. */
  private measureMemory(): void {
    this.memory().catch(() => {}); // a worker that dies first has nothing to say
  }
}
