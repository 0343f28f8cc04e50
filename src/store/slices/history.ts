import type { StageRecord, Trace } from '../../engine/trace';
import { isUserModel } from '../../engine/zoo';
import { summaryOf, type HistorySummary } from '../../schema/run-history';
import type { SliceCreator } from '../app-state';
import * as archive from '../run-history';
import { keepSelection } from '../run-slice';

/** A second run whose curves are drawn dashed over the shown run's (src/views/history/OverlayCurves.tsx). */
export interface OverlayRun {
  id: string;
  name: string;
  stages: StageRecord[];
}

/** The user's finished runs (kept in IndexedDB by src/store/run-history.ts): list, reopen, rename, delete, clear, overlay. */
export interface HistorySlice {
  /** newest first; summaries only, a run's trace is read when it is reopened or overlaid */
  history: HistorySummary[];
  overlayRun: OverlayRun | null;

  loadHistory: () => Promise<void>;
  /** saves a finished run under a default name and lists it */
  addToHistory: (trace: Trace, savedAt: number) => Promise<void>;
  /** shows a saved run as the run on screen, like a run restored from an earlier visit; not while a run goes */
  reopenHistoryRun: (id: string) => Promise<void>;
  renameHistoryRun: (id: string, name: string) => Promise<void>;
  deleteHistoryRun: (id: string) => Promise<void>;
  clearHistory: () => Promise<void>;
  /** draws run `id` over the shown run's curves; null removes the overlay */
  setOverlayRun: (id: string | null) => Promise<void>;
}

/** `modelName`: a user model's own name (its id says nothing to a reader) */
export const defaultRunName = (trace: Trace, modelName = trace.model) => `${trace.defense.toUpperCase()} on ${modelName}`;

export const createHistorySlice: SliceCreator<HistorySlice> = (set, get) => {
  const notify = (message: string) => get().addNotice(message);
  const reload = async () => {
    set({ history: (await archive.listHistoryRuns(notify)).map(summaryOf) });
  };
  return {
    history: [],
    overlayRun: null,

    loadHistory: reload,
    addToHistory: async (trace, savedAt) => {
      const model = get().models.find((m) => m.id === trace.model);
      const name = defaultRunName(trace, model && isUserModel(model) ? model.name : undefined);
      const run = await archive.saveHistoryRun({ name, savedAt, modelId: trace.model, trace }, notify);
      if (!run) return;
      const removed = new Set(await archive.pruneHistory(archive.MAX_HISTORY_RUNS, notify));
      set({ history: [summaryOf(run), ...get().history.filter((r) => r.id !== run.id && !removed.has(r.id))] });
    },
    reopenHistoryRun: async (id) => {
      const run = await archive.readHistoryRun(id, notify);
      if (!run) return reload(); // gone (another tab) or unreadable: the list catches up
      const s = get();
      if (s.status === 'running') {
        notify('A run is going: cancel it before reopening a saved one.');
        return;
      }
      const { trace } = run;
      const stages = trace.rounds.flatMap((r) => r.stages);
      set({
        trace,
        stages,
        rounds: trace.rounds,
        liveCurves: {},
        status: 'done',
        runError: null,
        runProgress: null,
        runModelId: run.modelId,
        restored: { savedAt: run.savedAt },
        precomputed: null,
        precomputedStatus: null,
        plane: null,
        preview: null,
        previewError: null,
        selected: keepSelection(s.selected, stages),
        viewT: trace.settings.t,
        // the picker shows the run's model; the precomputed loader yields to a restored run of it
        ...(s.models.some((m) => m.id === run.modelId) ? { selectedModelId: run.modelId } : {}),
      });
    },
    renameHistoryRun: async (id, name) => {
      const trimmed = name.trim();
      if (trimmed === '') return;
      if (await archive.renameHistoryRun(id, trimmed, notify)) {
        set({ history: get().history.map((r) => (r.id === id ? { ...r, name: trimmed } : r)) });
        const overlay = get().overlayRun;
        if (overlay?.id === id) set({ overlayRun: { ...overlay, name: trimmed } });
      }
    },
    deleteHistoryRun: async (id) => {
      await archive.deleteHistoryRun(id, notify);
      set({ history: get().history.filter((r) => r.id !== id), ...(get().overlayRun?.id === id ? { overlayRun: null } : {}) });
    },
    clearHistory: async () => {
      await archive.clearHistory(notify);
      set({ history: [], overlayRun: null });
    },
    setOverlayRun: async (id) => {
      if (id === null) {
        set({ overlayRun: null });
        return;
      }
      const run = await archive.readHistoryRun(id, notify);
      if (!run) return reload();
      set({ overlayRun: { id, name: run.name, stages: run.trace.rounds.flatMap((r) => r.stages) } });
    },
  };
};
