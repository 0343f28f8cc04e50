import type { ComputeClient } from '../compute/client';
import type { ModelExport } from '../protocol/messages';
import { LIVE_DEMO } from '../schema/presets';
import { parseRunSettings } from '../schema/settings';
import { describedTriggerOf } from './described-trigger';
import { createTrainModelActions, type TrainModelActions } from './train-model';
import { createUserModelActions, modelFilesOf, type UserModelActions } from './user-models';
import { useAppStore } from '../store/store';
import { createTrapReplaceActions, type TrapReplaceActions } from './trap-replace-actions';

/**
 * What the views can ask for. Reads the store to fill in the details (which model, which settings,
 * which run) and asks the compute client; views only dispatch these.
 */
export interface AppActions extends UserModelActions, TrapReplaceActions, TrainModelActions {
  evaluate(modelId: string): void;
  run(): void;
  /** recomputes the precomputed run on screen in the page: its settings become the run settings, then run() */
  runLive(): void;
  cancel(): void;
  control(action: 'pause' | 'resume' | 'step'): void;
  lossPlane(round: number, stage: number): void;
  cancelPlane(): void;
  preview(round: number, stage: number, t: number): void;
  /** the last run's purified model as tfjs Layers files (src/worker/export-model.ts) */
  exportModel(weightsFileName: string): Promise<ModelExport>;
}

export function createActions(client: ComputeClient): AppActions {
  const state = () => useAppStore.getState();
  const runningId = () => {
    const { runId, status } = state();
    return runId !== null && status === 'running' ? runId : null;
  };
  const actions: AppActions = {
    ...createTrainModelActions(client),
    ...createUserModelActions(client),
    ...createTrapReplaceActions(client),
    evaluate(modelId) {
      const entry = state().models.find((m) => m.id === modelId);
      if (!entry) return state().fail(`Unknown model "${modelId}"`);
      try {
        client.evaluate(entry, modelFilesOf(entry));
      } catch (err) {
        state().fail((err as Error).message);
      }
    },
    run() {
      const { models, selectedModelId } = state();
      const entry = models.find((m) => m.id === selectedModelId);
      if (!entry) return state().fail(`Unknown model "${selectedModelId}"`);
      // The last check before the worker: settings that got into the store unvalidated (not by hydration
      // or a link, which check every field) are reset and reported, and nothing is sent.
      const { value: settings, dropped } = parseRunSettings(state().settings, LIVE_DEMO);
      if (dropped.length > 0) {
        state().updateSettings(settings);
        return state().addNotice(`Run settings that were invalid were reset to their defaults: ${dropped.join(', ')}. Press Run again to run with them.`);
      }
      const trigger = describedTriggerOf(state(), entry);
      if (trigger && !trigger.ok)
        return state().addNotice(
          `The described trigger was not sent: ${trigger.message}. Fix it in Describe a trigger, or clear it to run with the model's recipe.`,
        );
      try {
        client.run(entry, modelFilesOf(entry), settings, trigger?.value);
        state().setRunTrigger(trigger?.value ?? null);
      } catch (err) {
        state().fail((err as Error).message);
      }
    },
    runLive() {
      state().applyPrecomputedSettings();
      actions.run();
    },
    cancel() {
      const id = runningId();
      if (id !== null) client.cancel(id);
    },
    control(action) {
      const id = runningId();
      if (id !== null) client.control(id, action);
    },
    lossPlane(round, stage) {
      client.lossPlane(round, stage, state().planeSettings);
    },
    cancelPlane() {
      const plane = state().plane;
      if (plane?.status === 'computing') client.cancelPlane(plane.requestId);
    },
    preview(round, stage, t) {
      client.preview(round, stage, t);
    },
    exportModel(weightsFileName) {
      return client.exportModel(weightsFileName);
    },
  };
  return actions;
}
