import { DEFAULT_MODEL_ID } from '../engine/zoo';
import { LIVE_DEMO, PLANE_DEFAULTS } from '../schema/presets';
import type { AppState } from './app-state';
import type { LecturePanel } from './lecture/steps';
import { INITIAL_TRAIN_DRAFT } from './slices/train-model';

/** Every panel of the page that has its own error boundary (src/views/errors/ViewGuard.tsx); the lecture's panels keep their names. */
export type ViewId =
  | LecturePanel
  | 'model-picker'
  | 'train-model'
  | 'import-model'
  | 'run-panel'
  | 'metrics'
  | 'notices'
  | 'link-tools'
  | 'lecture-toggle'
  | 'backend-chip'
  | 'lecture'
  | 'recovery-notice'
  | 'history'
  | 'acc-asr'
  | 'trap-replace';

const nothing = () => ({});

/**
 * What "Reset view" puts back for each panel: the selection that panel shows, so a value that made
 * it throw is gone when it re-mounts. Runs, traces and measurements are never touched.
 */
export const VIEW_RESETS: Record<ViewId, (s: AppState) => Partial<AppState>> = {
  // the first stage, at the run's output t (as shownOutputT in src/store/store.ts)
  curve: (s) => ({
    selected: { ...s.selected, round: 1, stage: 1 },
    viewT: s.trace?.settings.t ?? s.settings.t,
    preview: null,
    previewError: null,
    lecture: { ...s.lecture, playing: false },
  }),
  samples: () => ({ preview: null, previewError: null }),
  permutation: (s) => ({ selected: { ...s.selected, layer: 0 } }),
  // a plane still computing keeps its request id, so its answers are not dropped
  plane: (s) => ({ planeSettings: PLANE_DEFAULTS, plane: s.plane?.status === 'computing' ? s.plane : null }),
  'model-picker': (s) => ({
    selectedModelId: s.models.some((m) => m.id === DEFAULT_MODEL_ID) ? DEFAULT_MODEL_ID : (s.models[0]?.id ?? DEFAULT_MODEL_ID),
    error: null,
  }),
  // its files and choices are its own state, gone on remount
  'import-model': nothing,
  'run-panel': () => ({ settings: LIVE_DEMO }),
  // the form back to the zoo's recipe; a training in flight and its result stay
  'train-model': () => ({ trainDraft: INITIAL_TRAIN_DRAFT }),
  notices: () => ({ notices: [] }),
  lecture: (s) => ({ lecture: { ...s.lecture, step: 0, playing: false } }),
  trigger: nothing,
  metrics: nothing,
  results: nothing,
  defenses: nothing,
  'link-tools': nothing,
  'lecture-toggle': nothing,
  'backend-chip': nothing,
  'recovery-notice': () => ({ recovery: null }),
  // the list and the chart are saved data; the chart's model filter is its own state, gone on remount
  history: nothing,
  'acc-asr': nothing,
  // its settings are the panel's own state, back to the defaults on remount; measured results stay
  'trap-replace': nothing,
};
