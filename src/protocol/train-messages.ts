import type { TriggerSpec } from '../engine/attacks/types';
import type { DatasetId } from '../engine/data/datasets';
import type { ArchId } from '../engine/model/arch';
import type { TrainingRecipe, UserModelEntry } from '../engine/zoo';

/** What the page asks the compute worker to train (src/worker/train-model.ts): a zoo recipe's fields, for any architecture and trigger. */
export interface TrainRecipe extends TrainingRecipe {
  /** the new model's id ('user-…', unique among the page's models) and the name the user gave it */
  id: string;
  name: string;
  arch: ArchId;
  dataset: DatasetId;
  /** a built-in attack or a described trigger; the training set is poisoned with it (poisonTrainingSet) */
  trigger: TriggerSpec;
  target: number;
}

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
