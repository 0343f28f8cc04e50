import type { AttackSpec } from '../../engine/attacks/types';
import { SIDE, type DatasetId } from '../../engine/data/datasets';
import type { UserModelEntry } from '../../engine/zoo';
import type { TrainEpoch, TrainStep } from '../../protocol/train-messages';
import type { SliceCreator } from '../app-state';

/** The numbers of a training recipe the user may set; each one left unset takes the zoo's recipe (src/app/train-recipe.ts). */
export interface TrainNumbers {
  poisonRate: number;
  target: number;
  epochs: number;
  batchSize: number;
  learningRate: number;
  seed: number;
}

/** What the Train panel's form holds (src/views/train-model/). */
export interface TrainDraft {
  /** 'mlp': dense layers of `hiddenWidths`; 'cnn': the zoo's small CNN */
  family: 'mlp' | 'cnn';
  /** e.g. "256, 256" (the zoo's MLP) */
  hiddenWidths: string;
  dataset: DatasetId;
  /** a built-in attack (`attack`, with its parameters) or the trigger described in the trigger editor (src/store/slices/trigger.ts) */
  triggerSource: 'built-in' | 'described';
  attack: AttackSpec;
  /** the numbers the user set */
  overrides: Partial<TrainNumbers>;
  /** the model's name; empty: one made from the recipe */
  name: string;
}

export type TrainStatus = 'idle' | 'training' | 'done' | 'failed' | 'cancelled';

/** The training in progress or the last one, as the panel shows it. */
export interface TrainingState {
  requestId: number | null;
  status: TrainStatus;
  /** what the worker is doing, in words */
  phase: string;
  /** every finished epoch's loss, ACC and ASR */
  epochs: TrainEpoch[];
  totalEpochs: number;
  /** where the epoch in progress is, when the worker last said */
  step: TrainStep | null;
  /** the finished model's entry (measured on the whole test split) */
  model: UserModelEntry | null;
  error: string | null;
}

export interface TrainModelSlice {
  trainDraft: TrainDraft;
  training: TrainingState;
  /** changes the form; changing the architecture, dataset or attack kind clears the numbers the user set (the zoo's recipe for the new choice shows) */
  updateTrainDraft: (patch: Partial<TrainDraft>) => void;
  setTrainNumber: (key: keyof TrainNumbers, value: number | undefined) => void;
  startTraining: (requestId: number, totalEpochs: number) => void;
  setTrainProgress: (requestId: number, phase: string, epoch?: TrainEpoch, step?: TrainStep) => void;
  finishTraining: (requestId: number, model: UserModelEntry) => void;
  failTraining: (requestId: number, message: string, cancelled: boolean) => void;
}

export const INITIAL_TRAIN_DRAFT: TrainDraft = {
  family: 'mlp',
  hiddenWidths: '256, 256',
  dataset: 'mnist',
  triggerSource: 'built-in',
  // the zoo's BadNet with its bottom-right corner written out, as the form shows it (src/views/trigger/trigger-draft.ts)
  attack: { kind: 'badnet', patchSize: 3, value: 1, x: SIDE - 3, y: SIDE - 3 },
  overrides: {},
  name: '',
};

const IDLE: TrainingState = { requestId: null, status: 'idle', phase: '', epochs: [], totalEpochs: 0, step: null, model: null, error: null };

export const createTrainModelSlice: SliceCreator<TrainModelSlice> = (set, get) => {
  /** an answer for a training that is not the current one (an old request) is dropped */
  const current = (requestId: number) => get().training.requestId === requestId && get().training.status === 'training';
  return {
    trainDraft: INITIAL_TRAIN_DRAFT,
    training: IDLE,

    updateTrainDraft: (patch) => {
      const draft = get().trainDraft;
      const recipeChanged =
        (patch.family !== undefined && patch.family !== draft.family) ||
        (patch.dataset !== undefined && patch.dataset !== draft.dataset) ||
        (patch.attack !== undefined && patch.attack.kind !== draft.attack.kind) ||
        (patch.triggerSource !== undefined && patch.triggerSource !== draft.triggerSource);
      set({ trainDraft: { ...draft, ...patch, ...(recipeChanged && { overrides: {} }) } });
    },
    setTrainNumber: (key, value) => {
      const draft = get().trainDraft;
      const rest = Object.fromEntries(Object.entries(draft.overrides).filter(([k]) => k !== key));
      set({ trainDraft: { ...draft, overrides: value === undefined ? rest : { ...rest, [key]: value } } });
    },
    startTraining: (requestId, totalEpochs) => set({ training: { ...IDLE, requestId, status: 'training', phase: 'starting the compute worker', totalEpochs } }),
    setTrainProgress: (requestId, phase, epoch, step) => {
      if (!current(requestId)) return;
      const training = get().training;
      // a finished epoch clears the step: the next one has not started
      set({ training: { ...training, phase, epochs: epoch ? [...training.epochs, epoch] : training.epochs, step: step ?? (epoch ? null : training.step) } });
    },
    finishTraining: (requestId, model) => {
      if (!current(requestId)) return;
      set({ training: { ...get().training, status: 'done', phase: '', step: null, model } });
    },
    failTraining: (requestId, message, cancelled) => {
      if (!current(requestId)) return;
      set({ training: { ...get().training, status: cancelled ? 'cancelled' : 'failed', phase: '', step: null, error: cancelled ? null : message } });
    },
  };
};

/** Seconds the epochs still to come should take, at the mean pace of those done; null before the first one ends. */
export function trainSecondsLeft(training: Pick<TrainingState, 'epochs' | 'totalEpochs'>): number | null {
  const { epochs, totalEpochs } = training;
  if (epochs.length === 0) return null;
  const mean = epochs.reduce((sum, e) => sum + e.seconds, 0) / epochs.length;
  return mean * (totalEpochs - epochs.length);
}
