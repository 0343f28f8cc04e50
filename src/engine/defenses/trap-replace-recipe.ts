import type { TriggerSpec } from '../attacks/types';
import { isUserModel, type ModelEntry } from '../zoo';

/*
 * Trap and Replace trains from the poisoned training set, so it needs to know how that set was
 * poisoned. tfjs-free: the page's panel (src/views/trap-replace/) asks this too, to say why it cannot run.
 */

/** What rebuilds a model's poisoned training set from its dataset's training split (poisonTrainingSet, src/engine/attacks). */
export interface PoisoningRecipe {
  trigger: TriggerSpec;
  target: number;
  poisonRate: number;
  seed: number;
}

/**
 * A zoo model's recipe (models/manifest.json) or a page-trained model's (its `recipe`); an imported
 * model has none, and the reason says so.
 */
export function poisoningOf(entry: ModelEntry): { ok: true; recipe: PoisoningRecipe } | { ok: false; reason: string } {
  if (!isUserModel(entry)) return { ok: true, recipe: { trigger: entry.attack, target: entry.target, poisonRate: entry.poisonRate, seed: entry.seed } };
  if (entry.recipe) return { ok: true, recipe: { trigger: entry.trigger, target: entry.target, poisonRate: entry.recipe.poisonRate, seed: entry.recipe.seed } };
  return {
    ok: false,
    reason: `${entry.name} was imported, so its poisoned training set is not known; Trap and Replace trains a new model from that set, so it cannot run on this model.`,
  };
}
