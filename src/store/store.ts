import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import type { ModelEntry } from '../engine/zoo';
import type { AppState, SliceCreator } from './app-state';
import { persistOptions } from './persist';
import { createComputeHealthSlice } from './slices/compute-health';
import { createHistorySlice } from './slices/history';
import { createImportedSlice } from './slices/imported';
import { createLectureSlice } from './slices/lecture';
import { createModelsSlice } from './slices/models';
import { createNoticesSlice } from './slices/notices';
import { createPlaneSlice } from './slices/plane';
import { createPrecomputedSlice } from './slices/precomputed';
import { createRunSlice } from './slices/run';
import { createSelectionSlice } from './slices/selection';
import { createSettingsSlice } from './slices/settings';
import { createTrainModelSlice } from './slices/train-model';
import { createTrapReplaceSlice } from './slices/trap-replace';
import { createTriggerSlice } from './slices/trigger';
import { createUserModelsSlice } from './slices/user-models';

export type { AppState } from './app-state';

/** Every slice, spread into one flat state. A new slice: its type in app-state.ts, its creator here. */
const createSlices: SliceCreator<AppState> = (...a) => ({
  ...createModelsSlice(...a),
  ...createSettingsSlice(...a),
  ...createTriggerSlice(...a),
  ...createRunSlice(...a),
  ...createSelectionSlice(...a),
  ...createPlaneSlice(...a),
  ...createNoticesSlice(...a),
  ...createPrecomputedSlice(...a),
  ...createLectureSlice(...a),
  ...createComputeHealthSlice(...a),
  ...createImportedSlice(...a),
  ...createTrainModelSlice(...a),
  ...createHistorySlice(...a),
  ...createTrapReplaceSlice(...a),
  ...createUserModelsSlice(...a),
});

/** A store persisted to `getStorage()`: the page's localStorage, or an in-memory one in tests. */
export function createAppStore(getStorage: () => Storage = () => localStorage) {
  let addNotice: ((message: string) => void) | null = null;
  // A failed save becomes a notice; one during hydration (before create returns) is reported a microtask later.
  const notify = (message: string) => (addNotice ? addNotice(message) : queueMicrotask(() => addNotice?.(message)));
  const store = create<AppState>()(persist(createSlices, persistOptions(getStorage, notify)));
  addNotice = (message) => store.getState().addNotice(message);
  return store;
}

export const useAppStore = createAppStore();

export const selectedEntry = (s: AppState): ModelEntry | undefined => s.models.find((m) => m.id === s.selectedModelId);

/** The record of the selected (round, stage), if it has finished. */
export const selectedStage = (s: AppState) => s.stages.find((r) => r.round === s.selected.round && r.stage === s.selected.stage);

/** The output t of the run on screen (its own settings once finished), else the settings' t. */
export const shownOutputT = (s: AppState): number => s.trace?.settings.t ?? s.settings.t;
