import type { ComputeClient } from '../compute/client';
import type { TrainListener } from '../compute/train-requests';
import { USER_MODEL_VERSION, type UserModelRecord } from '../schema/user-model';
import { newUserModelId } from '../store/slices/user-models';
import { useAppStore } from '../store/store';
import { buildTrainRecipe } from './train-recipe';

/** What the Train panel (src/views/train-model/) may ask for. */
export interface TrainModelActions {
  /** trains the form's recipe in the compute worker; returns what is wrong with the form instead, or null */
  trainModel(): string | null;
  cancelTraining(): void;
}

/**
 * The glue between the Train panel, the worker and the model list: the form becomes a checked recipe
 * (src/app/train-recipe.ts), the worker's answers go to the train-model slice, and the finished model
 * is kept like an imported one (addUserModel: IndexedDB and the picker) before the panel says done.
 */
export function createTrainModelActions(client: Pick<ComputeClient, 'trainModel' | 'cancel'>, now: () => number = Date.now): TrainModelActions {
  const state = () => useAppStore.getState();
  return {
    trainModel() {
      const s = state();
      if (s.training.status === 'training') return 'a training is running: cancel it first';
      const recipe = buildTrainRecipe(s.trainDraft, s.models, s.describedTrigger, newUserModelId(now(), s.models));
      if (!recipe.ok) return recipe.message;
      let requestId = -1;
      const listener: TrainListener = {
        progress: (phase, epoch, step) => state().setTrainProgress(requestId, phase, epoch, step),
        done: (model) => {
          const record: UserModelRecord = { version: USER_MODEL_VERSION, ...model };
          // listed (and saved, or a notice says why not) before the panel offers to open it
          void state()
            .addUserModel(record)
            .then(() => state().finishTraining(requestId, model.entry));
        },
        failed: (message, cancelled) => state().failTraining(requestId, message, cancelled),
      };
      requestId = client.trainModel(recipe.value, listener);
      state().startTraining(requestId, recipe.value.epochs);
      return null;
    },
    cancelTraining() {
      const { training } = state();
      if (training.status === 'training' && training.requestId !== null) client.cancel(training.requestId);
    },
  };
}
