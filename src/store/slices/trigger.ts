import type { TriggerSpec } from '../../engine/attacks/types';
import type { DescribedTrigger } from '../../protocol/messages';
import type { SliceCreator } from '../app-state';

/**
 * The trigger the user described in the trigger editor (src/views/trigger/), and the class it
 * aims at. null means the selected zoo model's own recipe. A run started while one is described
 * measures every ASR with it (src/app/described-trigger.ts); the zoo's own figures keep the recipe.
 * Not persisted (a drawing is 2 × 784 numbers).
 */
export interface TriggerSlice {
  describedTrigger: TriggerSpec | null;
  /** the target class of the described trigger; null means the zoo model's target */
  describedTarget: number | null;
  setDescribedTrigger: (spec: TriggerSpec | null) => void;
  setDescribedTarget: (target: number | null) => void;
  /** what the last run started from this page was sent (src/app/actions.ts): null means the model's recipe; labels a run until its trace records it */
  runTrigger: DescribedTrigger | null;
  setRunTrigger: (trigger: DescribedTrigger | null) => void;
}

export const createTriggerSlice: SliceCreator<TriggerSlice> = (set) => ({
  describedTrigger: null,
  describedTarget: null,
  runTrigger: null,
  setRunTrigger: (runTrigger) => set({ runTrigger }),
  setDescribedTrigger: (spec) => set({ describedTrigger: spec }),
  setDescribedTarget: (target) => set({ describedTarget: target === null ? null : Math.min(9, Math.max(0, Math.round(target))) }),
});
