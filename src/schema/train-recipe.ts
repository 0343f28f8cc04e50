import * as v from 'valibot';
import { DATASETS } from '../engine/data/datasets';
import { archIdError } from '../engine/model/arch';
import type { TrainRecipe } from '../protocol/train-messages';
import { describeRule, shown } from './explain';
import { intIn, numberIn } from './fields';
import { parseTrigger } from './trigger';

/*
 * The recipe of a model trained in the page (src/worker/train-model.ts): the page's form checks it
 * before sending, the worker again before training. The bounds keep one training inside a browser tab.
 */

export const TRAIN_FIELDS = {
  poisonRate: numberIn(0, 1),
  target: intIn(0, 9),
  epochs: intIn(1, 200),
  batchSize: intIn(1, 1024),
  learningRate: v.pipe(v.number(), v.gtValue(0), v.maxValue(1)),
  seed: intIn(0, Number.MAX_SAFE_INTEGER),
} as const;

/** The form's words for each field, in messages. */
export const TRAIN_FIELD_LABELS: Record<keyof typeof TRAIN_FIELDS, string> = {
  poisonRate: 'poisoning rate',
  target: 'target class',
  epochs: 'epochs',
  batchSize: 'batch size',
  learningRate: 'learning rate',
  seed: 'seed',
};

/** "epochs is 0, expected an integer from 1 to 200", or null when the value passes. */
export function trainFieldError(key: keyof typeof TRAIN_FIELDS, value: unknown): string | null {
  const schema = TRAIN_FIELDS[key];
  return v.safeParse(schema, value).success ? null : `${TRAIN_FIELD_LABELS[key]} is ${shown(value)}, expected ${describeRule(schema)}`;
}

/** The first problem with a recipe, in words, or null. Never throws. */
export function trainRecipeError(recipe: TrainRecipe): string | null {
  if (typeof recipe.id !== 'string' || !/^user-[\w-]{1,80}$/.test(recipe.id))
    return `model id is ${shown(recipe.id)}, expected "user-" and up to 80 letters, digits, - or _`;
  if (typeof recipe.name !== 'string' || recipe.name.trim() === '' || recipe.name.length > 120)
    return `name is ${shown(recipe.name)}, expected 1 to 120 characters`;
  const arch = archIdError(recipe.arch);
  if (arch) return arch;
  if (!Object.hasOwn(DATASETS, recipe.dataset)) return `dataset is ${shown(recipe.dataset)}, expected one of ${Object.keys(DATASETS).join(', ')}`;
  const trigger = parseTrigger(recipe.trigger);
  if (!trigger.ok) return trigger.message;
  for (const key of Object.keys(TRAIN_FIELDS) as (keyof typeof TRAIN_FIELDS)[]) {
    const error = trainFieldError(key, recipe[key]);
    if (error) return error;
  }
  if (recipe.batchSize > DATASETS[recipe.dataset].trainCount)
    return `batch size is ${recipe.batchSize}, expected at most the ${DATASETS[recipe.dataset].trainCount} training images of ${DATASETS[recipe.dataset].title}`;
  return null;
}
