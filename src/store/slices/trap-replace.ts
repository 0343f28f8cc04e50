import type { TrapReplaceOutcome, TrapReplaceProgress } from '../../protocol/trap-replace-messages';
import type { SliceCreator } from '../app-state';
import { listTrapReplaceOutcomes, saveTrapReplaceOutcome } from '../trap-replace-archive';

/** Trap and Replace as training reports it: the stage, its epoch, the steps of both stages, the time. */
export type TrapReplaceTraining = Extract<TrapReplaceProgress, { kind: 'training' }>;

/** The Trap and Replace run in the worker (src/worker/trap-replace-run.ts), as the panel shows it. */
export interface TrapReplaceRunView {
  requestId: number;
  modelId: string;
  /** Cancel was pressed; the worker stops within a step and answers trap-replace-failed */
  cancelling: boolean;
  /** before and after training: what it is doing, in words; null while it trains */
  phase: string | null;
  /** null until the first step is reported */
  training: TrapReplaceTraining | null;
  /** the last finished epoch and its mean loss */
  lastEpoch: { stage: 1 | 2; epoch: number; meanLoss: number } | null;
}

/** Trap and Replace run in the page: at most one at a time; each model keeps its latest measured result (saved across reloads). */
export interface TrapReplaceSlice {
  /** null when idle */
  trapReplaceRun: TrapReplaceRunView | null;
  /** by model id; the latest of each model is kept in IndexedDB (src/store/trap-replace-archive.ts) */
  trapReplaceResults: Record<string, TrapReplaceOutcome>;
  /** the last run that ended without a result (cancelled or failed), by model */
  trapReplaceError: { modelId: string; message: string; cancelled: boolean } | null;

  startTrapReplace: (requestId: number, modelId: string) => void;
  setTrapReplaceProgress: (requestId: number, progress: TrapReplaceProgress) => void;
  finishTrapReplace: (result: TrapReplaceOutcome) => void;
  failTrapReplace: (requestId: number, message: string, cancelled: boolean) => void;
  /** Cancel was sent for the run on screen */
  markTrapReplaceCancelling: () => void;
  /** adds the results saved in earlier visits (a result of this visit wins) */
  loadTrapReplaceResults: () => Promise<void>;
}

export const createTrapReplaceSlice: SliceCreator<TrapReplaceSlice> = (set, get) => {
  /** The run if `requestId` is the one on screen: answers for an older request are dropped. */
  const current = (requestId: number) => {
    const run = get().trapReplaceRun;
    return run?.requestId === requestId ? run : null;
  };
  return {
    trapReplaceRun: null,
    trapReplaceResults: {},
    trapReplaceError: null,

    startTrapReplace: (requestId, modelId) =>
      set({ trapReplaceRun: { requestId, modelId, cancelling: false, phase: 'queued', training: null, lastEpoch: null }, trapReplaceError: null }),
    setTrapReplaceProgress: (requestId, progress) => {
      const run = current(requestId);
      if (!run) return;
      if (progress.kind === 'phase') return set({ trapReplaceRun: { ...run, phase: progress.phase } });
      const { stage, epoch, meanLoss } = progress;
      set({
        trapReplaceRun: { ...run, phase: null, training: progress, lastEpoch: meanLoss === undefined ? run.lastEpoch : { stage, epoch, meanLoss } },
      });
    },
    finishTrapReplace: (result) => {
      if (!current(result.requestId)) return;
      set({ trapReplaceRun: null, trapReplaceResults: { ...get().trapReplaceResults, [result.modelId]: result } });
      void saveTrapReplaceOutcome(result, get().addNotice);
    },
    failTrapReplace: (requestId, message, cancelled) => {
      const run = current(requestId);
      if (!run) return;
      set({ trapReplaceRun: null, trapReplaceError: { modelId: run.modelId, message, cancelled } });
    },
    markTrapReplaceCancelling: () => {
      const run = get().trapReplaceRun;
      if (run) set({ trapReplaceRun: { ...run, cancelling: true } });
    },
    loadTrapReplaceResults: async () => {
      const saved = await listTrapReplaceOutcomes(get().addNotice);
      set({ trapReplaceResults: { ...saved, ...get().trapReplaceResults } });
    },
  };
};

/** Share of both stages' steps done (0 before training starts). */
export const trapReplaceFraction = (run: TrapReplaceRunView): number => (run.training && run.training.total > 0 ? run.training.done / run.training.total : 0);
