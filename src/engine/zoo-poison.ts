import { poisonTrainingSet, type PoisonedSet } from './attacks';
import { toFloatImages, type ImageSet } from './data/format';
import type { ZooEntry } from './zoo';

/** What a zoo recipe says about its poisoning (models/manifest.json records the same fields). */
export type PoisonRecipe = Pick<ZooEntry, 'attack' | 'target' | 'poisonRate' | 'seed'>;

/**
 * The poisoned training set a zoo model was trained on, rebuilt from its recipe: the one place
 * scripts/train-models.ts and Trap and Replace (scripts/trap-replace.ts) build it, so both see
 * the same images. `cleanImages` are the training images before poisoning, as floats.
 */
export function zooPoisonedTrainingSet(recipe: PoisonRecipe, train: ImageSet): PoisonedSet & { cleanImages: Float32Array } {
  const cleanImages = toFloatImages(train);
  const poisoned = poisonTrainingSet(recipe.attack, cleanImages, train.labels, { target: recipe.target, rate: recipe.poisonRate, seed: recipe.seed });
  return { ...poisoned, cleanImages };
}
