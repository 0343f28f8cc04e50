import type { AttackKind, TriggerSpec } from '../engine/attacks/types';
import { DATASETS, type DatasetId } from '../engine/data/datasets';
import { archIdError, archInfo, type ArchId } from '../engine/model/arch';
import { isUserModel, type ModelEntry, type ZooEntry } from '../engine/zoo';
import type { TrainRecipe } from '../protocol/train-messages';
import { trainRecipeError } from '../schema/train-recipe';
import type { TrainDraft, TrainNumbers } from '../store/slices/train-model';

/*
 * The Train panel's form (src/store/slices/train-model.ts) made into the recipe the worker trains
 * (src/worker/train-model.ts): the architecture id from the hidden widths, the numbers the user left
 * alone from the zoo's recipe for the same architecture, dataset and attack.
 */

export type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

/** "256, 128" → 'seq:d256-d128-d10': dense ReLU layers of these widths on the 784 pixels, then the 10 logits. */
export function mlpArchId(hiddenWidths: string): Checked<ArchId> {
  const parts = hiddenWidths.split(/[\s,]+/).filter((p) => p !== '');
  if (parts.length === 0) return { ok: false, message: 'hidden widths are empty: give one or more whole numbers, e.g. "256, 256"' };
  const bad = parts.find((p) => !/^[1-9]\d*$/.test(p));
  if (bad !== undefined) return { ok: false, message: `hidden width "${bad}" is not a positive whole number of units (e.g. "256, 256")` };
  const arch = `seq:${[...parts, '10'].map((units) => `d${units}`).join('-')}`;
  const error = archIdError(arch);
  return error ? { ok: false, message: error } : { ok: true, value: arch };
}

/** The architecture the form describes: the MLP of its widths, or the zoo's small CNN. */
export function draftArch(draft: Pick<TrainDraft, 'family' | 'hiddenWidths'>): Checked<ArchId> {
  return draft.family === 'cnn' ? { ok: true, value: 'cnn' } : mlpArchId(draft.hiddenWidths);
}

/** What the form shows and sends when the zoo has no model to copy (its manifest failed to load): scripts/train-models.ts's constants. */
const ZOO_CONSTANTS: TrainNumbers = { poisonRate: 0.1, target: 0, epochs: 20, batchSize: 128, learningRate: 1e-3, seed: 1 };

const numbersOf = (e: ZooEntry): TrainNumbers => ({
  poisonRate: e.poisonRate,
  target: e.target,
  epochs: e.epochs,
  batchSize: e.batchSize,
  learningRate: e.learningRate,
  seed: e.seed,
});

/**
 * The zoo's recipe (models/manifest.json, written by scripts/train-models.ts) closest to the choice:
 * the same architecture family, dataset and attack; else family and dataset; else the family; else any.
 * A described trigger (`attack` null) takes the BadNet recipe.
 */
export function zooRecipeNumbers(models: readonly ModelEntry[], family: 'mlp' | 'cnn', dataset: DatasetId, attack: AttackKind | null): TrainNumbers {
  const zoo = models.filter((m): m is ZooEntry => !isUserModel(m));
  const sameFamily = zoo.filter((m) => archInfo(m.arch).family === family);
  const sameData = sameFamily.filter((m) => m.dataset === dataset);
  const kind = attack ?? 'badnet';
  const best = sameData.find((m) => m.attack.kind === kind) ?? sameData[0] ?? sameFamily[0] ?? zoo[0];
  return best ? numbersOf(best) : ZOO_CONSTANTS;
}

/** The numbers a training would use: the user's where set, the zoo's recipe elsewhere. */
export function draftNumbers(draft: TrainDraft, models: readonly ModelEntry[]): TrainNumbers {
  const attack = draft.triggerSource === 'built-in' ? draft.attack.kind : null;
  return { ...zooRecipeNumbers(models, draft.family, draft.dataset, attack), ...draft.overrides };
}

const TRIGGER_NAMES: Record<TriggerSpec['kind'], string> = {
  badnet: 'BadNet',
  blended: 'Blended',
  sig: 'SIG',
  wanet: 'WaNet',
  'custom-patch': 'custom patch',
  'custom-blend': 'custom blend',
};

/** "MNIST · MLP 784-32-10 · BadNet → 0": a name for a model the user did not name. */
export function defaultModelName(arch: ArchId, dataset: DatasetId, trigger: TriggerSpec, target: number): string {
  return `${DATASETS[dataset].title} · ${archInfo(arch).title} · ${TRIGGER_NAMES[trigger.kind]} → ${target}`;
}

/**
 * The recipe to send, or what is wrong with the form. `described`: the trigger from the trigger
 * editor, null when none is described; `id`: the new model's ('user-…', unique among the models).
 */
export function buildTrainRecipe(draft: TrainDraft, models: readonly ModelEntry[], described: TriggerSpec | null, id: string): Checked<TrainRecipe> {
  const arch = draftArch(draft);
  if (!arch.ok) return arch;
  let trigger: TriggerSpec = draft.attack;
  if (draft.triggerSource === 'described') {
    if (!described) return { ok: false, message: 'no trigger is described: draw or choose one in Describe a trigger, or pick a built-in attack' };
    trigger = described;
  }
  const numbers = draftNumbers(draft, models);
  const name = draft.name.trim() || defaultModelName(arch.value, draft.dataset, trigger, numbers.target);
  const recipe: TrainRecipe = { id, name, arch: arch.value, dataset: draft.dataset, trigger, ...numbers };
  const error = trainRecipeError(recipe);
  return error ? { ok: false, message: error } : { ok: true, value: recipe };
}
