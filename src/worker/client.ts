import manifestJson from '../../models/manifest.json';
import type { ZooManifest } from '../engine/zoo';
import { saveLastRun } from '../store/run-archive';
import { useAppStore } from '../store/store';
import type { BackendName, ModelFiles, WorkerEvent, WorkerRequest } from './protocol';

/** Model files emitted by Vite as same-origin assets (models/ lives outside public/). */
const MODEL_URLS = import.meta.glob('../../models/*/*.{json,bin}', { query: '?url', import: 'default', eager: true }) as Record<string, string>;

export const manifest = manifestJson as ZooManifest;

export function modelFiles(modelJson: string, weights: string): ModelFiles {
  const find = (rel: string) => {
    const url = MODEL_URLS[`../../models/${rel}`];
    if (!url) throw new Error(`Model file models/${rel} is not bundled; run \`npm run train-models\`.`);
    return url;
  };
  return { modelJsonUrl: find(modelJson), weightsUrl: find(weights) };
}

/** Reads `?backend=webgpu|webgl|cpu` so a user (or a test) can force a backend. */
export function backendFromUrl(search: string): BackendName | 'auto' {
  const value = new URLSearchParams(search).get('backend');
  return value === 'webgpu' || value === 'webgl' || value === 'cpu' ? value : 'auto';
}

/** Connects the compute worker to the store: requests out, events in. */
export class ComputeClient {
  private worker: Worker;
  private nextId = 1;

  constructor(preferred: BackendName | 'auto') {
    this.worker = new Worker(new URL('./compute.worker.ts', import.meta.url), { type: 'module' });
    this.worker.onmessage = (ev: MessageEvent<WorkerEvent>) => this.handle(ev.data);
    this.worker.onerror = (ev) => useAppStore.getState().setBackendError(`The compute worker crashed: ${ev.message}`);
    const dataBaseUrl = new URL(`${import.meta.env.BASE_URL}data/`, window.location.href).href;
    this.send({ type: 'init', preferred, dataBaseUrl });
  }

  evaluate(modelId: string): void {
    const store = useAppStore.getState();
    const entry = store.models.find((m) => m.id === modelId);
    if (!entry) return store.fail(`Unknown model "${modelId}"`);
    const requestId = this.nextId++;
    store.startEvaluation(requestId);
    try {
      this.send({ type: 'evaluate', requestId, entry, files: modelFiles(entry.modelJson, entry.weights), sampleCount: 8 });
    } catch (err) {
      store.fail((err as Error).message, requestId);
    }
  }

  /** Starts a defense run on the selected model with the store's settings. */
  run(): void {
    const store = useAppStore.getState();
    const entry = store.models.find((m) => m.id === store.selectedModelId);
    if (!entry) return store.fail(`Unknown model "${store.selectedModelId}"`);
    const runId = this.nextId++;
    this.latestPreview = -1;
    store.startRun(runId, entry.id);
    // Live growth costs a 21-point evaluation each time: ~10 updates per stage, none for very short
    // runs (< 5 epochs), whose final curve arrives about as soon.
    const liveEvalEvery = store.settings.curveEpochs < 5 ? 0 : Math.max(1, Math.round(store.settings.curveEpochs / 10));
    this.send({ type: 'run', requestId: runId, entry, files: modelFiles(entry.modelJson, entry.weights), settings: store.settings, liveEvalEvery });
  }

  cancel(): void {
    const { runId, status } = useAppStore.getState();
    if (runId !== null && status === 'running') this.send({ type: 'cancel', requestId: runId });
  }

  /** pause at the next epoch, resume, or run to the end of the current stage and pause */
  control(action: 'pause' | 'resume' | 'step'): void {
    const { runId, status } = useAppStore.getState();
    if (runId !== null && status === 'running') this.send({ type: action, requestId: runId });
  }

  /** The loss plane of the selected stage's curve, with the store's plane settings. */
  lossPlane(round: number, stage: number): void {
    const store = useAppStore.getState();
    const requestId = this.nextId++; // the worker cancels a plane still computing when this one arrives
    store.startPlane(requestId, round, stage);
    const { coarse, finest, margin, equalAxes, samples } = store.planeSettings;
    this.send({ type: 'plane', requestId, round, stage, coarse, finest, margin, equalAxes, sampleCount: samples });
  }

  cancelPlane(): void {
    const plane = useAppStore.getState().plane;
    if (plane?.status === 'computing') this.send({ type: 'plane-cancel', requestId: plane.requestId });
  }

  private previewTimer: ReturnType<typeof setTimeout> | null = null;
  /** replies to older preview requests (previous t, stage or run) are dropped */
  private latestPreview = -1;

  /** θ(t) predictions for the selected curve; debounced so dragging t sends one request per pause. */
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
    const store = useAppStore.getState();
    switch (ev.type) {
      case 'backend':
        return store.setBackend(ev.status);
      case 'progress':
        return store.setProgress(ev.requestId, ev.phase, ev.done, ev.total);
      case 'evaluation':
        return store.finishEvaluation(ev.result);
      case 'run-event':
        return store.applyRunEvent(ev.requestId, ev.event);
      case 'run-done':
        if (store.runId === ev.requestId) void saveLastRun({ savedAt: Date.now(), modelId: ev.trace.model, trace: ev.trace });
        return store.finishRun(ev.requestId, ev.trace);
      case 'run-failed':
        return store.failRun(ev.requestId, ev.message, ev.cancelled);
      case 'preview':
        if (ev.result.requestId === this.latestPreview) store.setPreview(ev.result);
        return;
      case 'run-paused':
        return store.setRunPaused(ev.requestId, ev.paused);
      case 'plane':
        return store.setPlane(ev.result);
      case 'plane-failed':
        return store.failPlane(ev.requestId, ev.message, ev.cancelled);
      case 'error':
        if (ev.requestId === undefined) return store.setBackendError(ev.message);
        return store.fail(ev.message, ev.requestId);
    }
  }
}
