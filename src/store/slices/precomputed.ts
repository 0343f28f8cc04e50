import type { DefenseKind } from '../../engine/settings';
import type { UnpackedTracePack } from '../../engine/trace-pack/pack';
import { parseFields } from '../../schema/fields';
import { RUN_SETTINGS_FIELDS } from '../../schema/settings';
import type { SliceCreator } from '../app-state';
import { initialRunState, keepSelection } from '../run-slice';

/** A shipped run on screen: what the views need beyond the trace (which lives in the run slice). */
export interface PrecomputedRun {
  modelId: string;
  defense: DefenseKind;
  meta: UnpackedTracePack['meta'];
  samples: UnpackedTracePack['samples'];
  predictionTs: number[];
  predictions: UnpackedTracePack['predictions'];
  planes: UnpackedTracePack['planes'];
}

export interface PrecomputedStatus {
  modelId: string;
  state: 'loading' | 'missing' | 'failed';
  message: string | null;
}

/** The precomputed trace of the selected model: fetched on start-up and on every model change. */
export interface PrecomputedSlice {
  /** the shown run's pack extras; null unless the run on screen is precomputed */
  precomputed: PrecomputedRun | null;
  /** loading, or why no precomputed trace is shown; null once one is shown (or none was asked for) */
  precomputedStatus: PrecomputedStatus | null;

  precomputedLoading: (modelId: string) => void;
  /**
   * Shows the pack as the finished run (the selection stays if the trace has its round and stage,
   * else round 1 stage 1; t stays), unless a live run goes, the model is no longer selected, or
   * a run restored from an earlier visit is shown: of this model, or of any model with `yieldToRestored`
   * (start-up, where the user's own last run wins).
   */
  showPrecomputed: (modelId: string, pack: UnpackedTracePack, options?: { yieldToRestored?: boolean }) => void;
  precomputedFailed: (modelId: string, state: 'missing' | 'failed', message: string) => void;
  /** copies the shown pack's run settings into the settings the next live run uses */
  applyPrecomputedSettings: () => void;
}

export const createPrecomputedSlice: SliceCreator<PrecomputedSlice> = (set, get) => ({
  precomputed: null,
  precomputedStatus: null,

  precomputedLoading: (modelId) => {
    const { precomputed, settings, viewT, selected } = get();
    // another model's precomputed run must not stay on screen under this model's name
    const clear = precomputed && precomputed.modelId !== modelId ? { ...initialRunState(settings), viewT, selected, precomputed: null, plane: null } : {};
    set({ ...clear, precomputedStatus: { modelId, state: 'loading', message: null } });
  },
  showPrecomputed: (modelId, pack, options) => {
    const s = get();
    if (s.status === 'running' || s.selectedModelId !== modelId) return;
    if (s.restored && (options?.yieldToRestored === true || s.runModelId === modelId)) return set({ precomputedStatus: null });
    const { meta, samples, predictionTs, predictions, planes, trace } = pack;
    const stages = trace.rounds.flatMap((r) => r.stages);
    set({
      ...initialRunState(s.settings),
      runId: s.runId,
      viewT: s.viewT,
      trace,
      stages,
      rounds: trace.rounds,
      status: 'done',
      runModelId: modelId,
      selected: keepSelection(s.selected, stages),
      plane: null,
      precomputed: { modelId, defense: trace.defense, meta, samples, predictionTs, predictions, planes },
      precomputedStatus: null,
    });
  },
  precomputedFailed: (modelId, state, message) => {
    if (get().precomputedStatus?.modelId === modelId) set({ precomputedStatus: { modelId, state, message } });
  },
  applyPrecomputedSettings: () => {
    const { precomputed, trace, settings } = get();
    if (precomputed && trace) set({ settings: parseFields(RUN_SETTINGS_FIELDS, trace.settings, settings).value });
  },
});
