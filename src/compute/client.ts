import type { ZooEntry } from '../engine/zoo';
import type { RunSettingsMessage, BackendName, ComputeSink, ModelFiles, WorkerEvent, WorkerRequest } from '../protocol/messages';

/** What the client needs of a worker: the browser's Worker, or a fake in tests. */
export interface WorkerLike {
  postMessage(msg: WorkerRequest): void;
  onmessage: ((ev: MessageEvent<WorkerEvent>) => void) | null;
  onerror: ((ev: ErrorEvent) => void) | null;
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

  constructor(
    private readonly worker: WorkerLike,
    private readonly sink: ComputeSink,
    preferred: BackendName | 'auto',
    dataBaseUrl: string,
    /** the model the worker's backend probe times (src/worker/backend.ts) */
    probeModel?: { entry: ZooEntry; files: ModelFiles },
  ) {
    worker.onmessage = (ev) => this.handle(ev.data);
    worker.onerror = (ev) => sink.setBackendError(`The compute worker crashed: ${ev.message}`);
    this.send({ type: 'init', preferred, dataBaseUrl, probeModel });
  }

  evaluate(entry: ZooEntry, files: ModelFiles): void {
    const requestId = this.nextId++;
    this.sink.startEvaluation(requestId);
    this.send({ type: 'evaluate', requestId, entry, files, sampleCount: 8 });
  }

  /** Starts a defense run; returns its id. */
  run(entry: ZooEntry, files: ModelFiles, settings: RunSettingsMessage): number {
    const runId = this.nextId++;
    this.latestPreview = -1;
    this.sink.startRun(runId, entry.id);
    // Live growth costs a 21-point evaluation each time: ~10 updates per stage, none for very short
    // runs (< 5 epochs), whose final curve arrives about as soon.
    const epochs = settings.curveEpochs ?? 0;
    const liveEvalEvery = epochs < 5 ? 0 : Math.max(1, Math.round(epochs / 10));
    this.send({ type: 'run', requestId: runId, entry, files, settings, liveEvalEvery });
    return runId;
  }

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

  private send(msg: WorkerRequest): void {
    this.worker.postMessage(msg);
  }

  private handle(ev: WorkerEvent): void {
    const sink = this.sink;
    switch (ev.type) {
      case 'backend':
        return sink.setBackend(ev.status);
      case 'progress':
        return sink.setProgress(ev.requestId, ev.phase, ev.done, ev.total);
      case 'evaluation':
        return sink.finishEvaluation(ev.result);
      case 'run-event':
        return sink.applyRunEvent(ev.requestId, ev.event);
      case 'run-done':
        return sink.finishRun(ev.requestId, ev.trace);
      case 'run-failed':
        return sink.failRun(ev.requestId, ev.message, ev.cancelled);
      case 'preview':
        if (ev.result.requestId === this.latestPreview) sink.setPreview(ev.result);
        return;
      case 'run-paused':
        return sink.setRunPaused(ev.requestId, ev.paused);
      case 'plane':
        return sink.setPlane(ev.result);
      case 'plane-failed':
        return sink.failPlane(ev.requestId, ev.message, ev.cancelled);
      case 'error':
        if (ev.requestId === undefined) return sink.setBackendError(ev.message);
        return sink.fail(ev.message, ev.requestId);
    }
  }
}
