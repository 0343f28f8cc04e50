import type { TrainNumbers } from '../../store/slices/train-model';
import type { NumberFieldSpec } from '../run-panel/run-fields';

/** The recipe's numbers as form fields; the bounds are the recipe check's (src/schema/train-recipe.ts), which the worker applies again. */
export const TRAIN_NUMBER_FIELDS: (Pick<NumberFieldSpec, 'label' | 'min' | 'max' | 'step' | 'testId'> & { key: keyof TrainNumbers })[] = [
  { key: 'poisonRate', label: 'poisoning rate', min: 0, max: 1, step: 0.01, testId: 'train-rate' },
  { key: 'target', label: 'target class', min: 0, max: 9, step: 1, testId: 'train-target' },
  { key: 'epochs', label: 'epochs', min: 1, max: 200, step: 1, testId: 'train-epochs-field' },
  { key: 'batchSize', label: 'batch size', min: 1, max: 1024, step: 1, testId: 'train-batch' },
  { key: 'learningRate', label: 'learning rate (Adam)', min: 1e-6, max: 1, step: 0.0001, testId: 'train-lr' },
  { key: 'seed', label: 'seed', min: 0, max: Number.MAX_SAFE_INTEGER, step: 1, testId: 'train-seed' },
];
