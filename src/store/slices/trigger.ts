import type { TriggerSpec } from '../../engine/attacks/types';
import type { SliceCreator } from '../app-state';

/**
 * The trigger the user described in the trigger editor (src/views/trigger/), and the class it
 * aims at. null means the selected zoo model's own recipe, which stays what runs use: the trace and
 * the zoo's ASR figures are measured with it. Not persisted (a drawing is 2 × 784 numbers).
 */
export interface TriggerSlice {
  describedTrigger: TriggerSpec | null;
  /** the target class of the described trigger; null means the zoo model's target */
  describedTarget: number | null;
  setDescribedTrigger: (spec: TriggerSpec | null) => void;
  setDescribedTarget: (target: number | null) => void;
}

export const createTriggerSlice: SliceCreator<TriggerSlice> = (set) => ({
  describedTrigger: null,
  describedTarget: null,
  setDescribedTrigger: (spec) => set({ describedTrigger: spec }),
  setDescribedTarget: (target) => set({ describedTarget: target === null ? null : Math.min(9, Math.max(0, Math.round(target))) }),
});
