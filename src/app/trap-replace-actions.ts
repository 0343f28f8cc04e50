import type { ComputeClient } from '../compute/client';
import { poisoningOf } from '../engine/defenses/trap-replace-recipe';
import type { TrapReplaceSettings } from '../engine/defenses/trap-replace-settings';
import { trapReplaceSettingsError } from '../schema/trap-replace-settings';
import { selectedEntry, useAppStore } from '../store/store';

/** What the Trap and Replace panel (src/views/trap-replace/TrapReplacePanel.tsx) may ask for. */
export interface TrapReplaceActions {
  /** Trap and Replace on the selected model, one run at a time; a model without a poisoned training set or bad settings get a notice */
  trapReplace(settings: TrapReplaceSettings): void;
  /** stops the run on screen within a step */
  cancelTrapReplace(): void;
}

export function createTrapReplaceActions(client: Pick<ComputeClient, 'trapReplace' | 'cancel'>): TrapReplaceActions {
  const state = () => useAppStore.getState();
  return {
    trapReplace(settings) {
      if (state().trapReplaceRun) return;
      const entry = selectedEntry(state());
      if (!entry) return state().addNotice(`Trap and Replace: unknown model "${state().selectedModelId}".`);
      const poisoning = poisoningOf(entry);
      if (!poisoning.ok) return state().addNotice(poisoning.reason);
      const problem = trapReplaceSettingsError(settings);
      if (problem) return state().addNotice(`Trap and Replace was not started: ${problem}.`);
      client.trapReplace(entry, settings);
    },
    cancelTrapReplace() {
      const run = state().trapReplaceRun;
      if (!run || run.cancelling) return;
      client.cancel(run.requestId);
      state().markTrapReplaceCancelling();
    },
  };
}
