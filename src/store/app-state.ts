import type { StateCreator } from 'zustand';
import type { ComputeHealthSlice } from './slices/compute-health';
import type { HistorySlice } from './slices/history';
import type { ImportedSlice } from './slices/imported';
import type { LectureSlice } from './slices/lecture';
import type { ModelsSlice } from './slices/models';
import type { NoticesSlice } from './slices/notices';
import type { PlaneSlice } from './slices/plane';
import type { PrecomputedSlice } from './slices/precomputed';
import type { RunSlice } from './slices/run';
import type { SelectionSlice } from './slices/selection';
import type { SettingsSlice } from './slices/settings';
import type { TrainModelSlice } from './slices/train-model';
import type { TrapReplaceSlice } from './slices/trap-replace';
import type { TriggerSlice } from './slices/trigger';
import type { UserModelsSlice } from './slices/user-models';

/**
 * The single source of UI state, flat: the union of every slice's fields and actions. Plain data
 * only: no tensors, no workers. A new slice adds its type here and its creator in store.ts.
 */
export type AppState = ModelsSlice &
  TriggerSlice &
  SettingsSlice &
  RunSlice &
  SelectionSlice &
  PlaneSlice &
  NoticesSlice &
  PrecomputedSlice &
  LectureSlice &
  ComputeHealthSlice &
  ImportedSlice &
  TrainModelSlice &
  HistorySlice &
  TrapReplaceSlice &
  UserModelsSlice;

/** A slice sees (and may set) the whole state, so actions can keep slices consistent with each other. */
export type SliceCreator<Slice> = StateCreator<AppState, [['zustand/persist', unknown]], [], Slice>;
