import type { TrainingRecipe, UserModelEntry } from '../engine/zoo';

/**
 * What the page asks the compute worker to train (src/worker/train-model.ts): a zoo recipe's fields, for
 * any architecture and trigger, and the new model's entry fields that the user chose (an id 'user-…'
 * unique among the page's models, the name, and the built-in attack or described trigger that the
 * training set is poisoned with, by poisonTrainingSet).
 */
export type TrainRecipe = TrainingRecipe & Pick<UserModelEntry, 'id' | 'name' | 'arch' | 'dataset' | 'trigger' | 'target'>;

/** One finished epoch: the mean training loss, and clean accuracy and ASR on a fixed sample of the test split. */
export interface TrainEpoch {
  epoch: number;
  epochs: number;
  loss: number;
  accuracy: number;
  asr: number;
  /** test images behind `accuracy` and `asr` */
  samples: { clean: number; poisoned: number };
  seconds: number;
}

/** Where the epoch in progress is: steps done and its step count. */
export interface TrainStep {
  done: number;
  total: number;
}

/** A model trained in the page, as it is kept (src/store/user-models.ts keeps it with a version): standard tfjs Layers files and its entry. */
export interface TrainedModel {
  /** origin 'trained', ACC and ASR measured on the whole test split, the recipe filled in */
  entry: UserModelEntry;
  /** model.json's text */
  modelJson: string;
  /** the single weights shard model.json names */
  weights: Uint8Array;
}
