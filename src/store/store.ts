import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import type { ZooEntry, ZooManifest } from '../engine/zoo';
import { DEFAULT_MODEL_ID } from '../engine/zoo';
import type { Trace, TraceEvent } from '../engine/trace';
import type { BackendName, BackendStatus, EvaluationResult, PlaneResult, PreviewResult } from '../shared/protocol';
import type { ArchivedRun } from './run-archive';
import { PLANE_DEFAULTS, applyPlaneResult, failPlaneView, startPlaneView, type PlaneSettings, type PlaneView } from './plane-slice';
import { applyPause, applyTraceEvent, initialRunState, type RunSettings, type RunState } from './run-slice';

/** The single source of UI state. Plain data only: no tensors, no workers. */
export interface AppState extends RunState {
  models: ZooEntry[];
  selectedModelId: string;
  preferredBackend: BackendName | 'auto';
  backend: BackendStatus | null;
  backendError: string | null;
  evaluation: EvaluationResult | null;
  /** request id of the evaluation in flight (null when idle) */
  pendingRequest: number | null;
  progress: { phase: string; done: number; total: number } | null;
  error: string | null;
  planeSettings: PlaneSettings;
  /** the loss plane being computed or shown (null until asked for) */
  plane: PlaneView | null;

  setManifest: (manifest: ZooManifest) => void;
  selectModel: (id: string) => void;
  setBackend: (status: BackendStatus) => void;
  setBackendError: (message: string) => void;
  startEvaluation: (requestId: number) => void;
  setProgress: (requestId: number, phase: string, done: number, total: number) => void;
  finishEvaluation: (result: EvaluationResult) => void;
  fail: (message: string, requestId?: number) => void;

  updateSettings: (patch: Partial<RunSettings>) => void;
  startRun: (runId: number, modelId: string) => void;
  applyRunEvent: (runId: number, event: TraceEvent) => void;
  finishRun: (runId: number, trace: Trace) => void;
  failRun: (runId: number, message: string, cancelled: boolean) => void;
  selectStage: (round: number, stage: number) => void;
  selectLayer: (layer: number) => void;
  setViewT: (t: number) => void;
  setPreview: (result: PreviewResult) => void;
  setRunPaused: (runId: number, paused: boolean) => void;
  updatePlaneSettings: (patch: Partial<PlaneSettings>) => void;
  startPlane: (requestId: number, round: number, stage: number) => void;
  setPlane: (result: PlaneResult) => void;
  failPlane: (requestId: number, message: string, cancelled: boolean) => void;
  /** shows a run saved by an earlier visit, unless a run has started since the page opened */
  restoreRun: (run: ArchivedRun) => void;
}

export const useAppStore = create<AppState>()(
  persist(
    (set, get) => ({
      models: [],
      selectedModelId: DEFAULT_MODEL_ID,
      preferredBackend: 'auto',
      backend: null,
      backendError: null,
      evaluation: null,
      pendingRequest: null,
      progress: null,
      error: null,
      planeSettings: PLANE_DEFAULTS,
      plane: null,
      ...initialRunState(),

      setManifest: (manifest) => {
        const known = manifest.models.some((m) => m.id === get().selectedModelId);
        set({ models: manifest.models, selectedModelId: known ? get().selectedModelId : (manifest.models[0]?.id ?? DEFAULT_MODEL_ID) });
      },
      selectModel: (id) => set({ selectedModelId: id, error: null }),
      setBackend: (status) => set({ backend: status, backendError: null }),
      setBackendError: (message) => set({ backendError: message }),
      startEvaluation: (requestId) => set({ pendingRequest: requestId, progress: { phase: 'queued', done: 0, total: 3 }, error: null }),
      setProgress: (requestId, phase, done, total) => {
        if (get().pendingRequest === requestId) set({ progress: { phase, done, total } });
      },
      finishEvaluation: (result) => {
        // A late answer for a model the user already left is dropped.
        if (get().pendingRequest !== result.requestId) return;
        set({ evaluation: result, pendingRequest: null, progress: null });
      },
      fail: (message, requestId) => {
        if (requestId !== undefined && get().pendingRequest !== requestId) return;
        set({ error: message, pendingRequest: null, progress: null });
      },

      updateSettings: (patch) => set({ settings: { ...get().settings, ...patch } }),
      startRun: (runId, modelId) => set({ ...initialRunState(get().settings), viewT: get().viewT, runId, runModelId: modelId, status: 'running', plane: null }),
      applyRunEvent: (runId, event) => {
        if (get().runId === runId) set(applyTraceEvent(get(), event));
      },
      finishRun: (runId, trace) => {
        if (get().runId === runId) set({ trace, status: 'done', runProgress: null, paused: null });
      },
      failRun: (runId, message, cancelled) => {
        if (get().runId === runId) set({ status: cancelled ? 'cancelled' : 'failed', runError: cancelled ? null : message, runProgress: null, paused: null });
      },
      selectStage: (round, stage) => set({ selected: { ...get().selected, round, stage }, preview: null }),
      selectLayer: (layer) => set({ selected: { ...get().selected, layer } }),
      setViewT: (t) => set({ viewT: Math.min(1, Math.max(0, Math.round(t * 1000) / 1000)) }),
      setPreview: (result) => set({ preview: result }),
      setRunPaused: (runId, paused) => {
        if (get().runId === runId && get().status === 'running') set(applyPause(get(), paused, Date.now()));
      },
      updatePlaneSettings: (patch) => set({ planeSettings: { ...get().planeSettings, ...patch } }),
      startPlane: (requestId, round, stage) => set({ plane: startPlaneView(requestId, round, stage) }),
      setPlane: (result) => {
        const next = applyPlaneResult(get().plane, result);
        if (next) set({ plane: next });
      },
      restoreRun: ({ trace, modelId, savedAt }) => {
        if (get().runId !== null) return;
        const stages = trace.rounds.flatMap((r) => r.stages);
        set({
          trace,
          stages,
          rounds: trace.rounds,
          status: 'done',
          runModelId: modelId,
          restored: { savedAt },
          selected: { round: stages[0]?.round ?? 1, stage: stages[0]?.stage ?? 1, layer: 0 },
        });
      },
      failPlane: (requestId, message, cancelled) => {
        const next = failPlaneView(get().plane, requestId, message, cancelled);
        if (next) set({ plane: next });
      },
    }),
    {
      name: 'tsc-visualizer',
      storage: createJSONStorage(() => localStorage),
      // Only choices survive a reload; measurements are recomputed.
      partialize: (s) => ({
        selectedModelId: s.selectedModelId,
        preferredBackend: s.preferredBackend,
        settings: s.settings,
        viewT: s.viewT,
        planeSettings: s.planeSettings,
      }),
    },
  ),
);

export const selectedEntry = (s: AppState): ZooEntry | undefined => s.models.find((m) => m.id === s.selectedModelId);

/** The record of the selected (round, stage), if it has finished. */
export const selectedStage = (s: AppState) => s.stages.find((r) => r.round === s.selected.round && r.stage === s.selected.stage);
