import type { Trace, TraceEvent } from '../../engine/trace';
import type { SliceCreator } from '../app-state';
import type { ArchivedRun } from '../run-archive';
import { applyPause, applyTraceEvent, initialRunFields, initialRunState, keepSelection, type NotRunFields, type RunState } from '../run-slice';

/** The defense run: its lifecycle, the worker's trace events, and a run restored from an earlier visit. */
export type RunSlice = Omit<RunState, NotRunFields> & {
  startRun: (runId: number, modelId: string) => void;
  applyRunEvent: (runId: number, event: TraceEvent) => void;
  finishRun: (runId: number, trace: Trace) => void;
  failRun: (runId: number, message: string, cancelled: boolean) => void;
  setRunPaused: (runId: number, paused: boolean) => void;
  /** shows a run saved by an earlier visit (in place of a precomputed trace), unless a run has started since the page opened */
  restoreRun: (run: ArchivedRun) => void;
};

export const createRunSlice: SliceCreator<RunSlice> = (set, get) => ({
  ...initialRunFields(),

  // A new run resets the selection and drops the previous run's plane; settings and t stay.
  startRun: (runId, modelId) =>
    set({
      ...initialRunState(get().settings),
      viewT: get().viewT,
      runId,
      runModelId: modelId,
      status: 'running',
      plane: null,
      precomputed: null,
      precomputedStatus: null,
      recovery: null, // its notice offered this run
      workerMemory: null, // read again when this run ends
    }),
  applyRunEvent: (runId, event) => {
    if (get().runId === runId) set(applyTraceEvent(get(), event));
  },
  finishRun: (runId, trace) => {
    if (get().runId === runId) set({ trace, status: 'done', runProgress: null, paused: null });
  },
  failRun: (runId, message, cancelled) => {
    if (get().runId === runId) set({ status: cancelled ? 'cancelled' : 'failed', runError: cancelled ? null : message, runProgress: null, paused: null });
  },
  setRunPaused: (runId, paused) => {
    if (get().runId === runId && get().status === 'running') set(applyPause(get(), paused, Date.now()));
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
      precomputed: null,
      selected: keepSelection(get().selected, stages),
    });
  },
});
