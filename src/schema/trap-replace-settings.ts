import * as v from 'valibot';
import type { TrapReplaceSettings } from '../engine/defenses/trap-replace-settings';
import { describeRule, shown } from './explain';
import { TRAP_REPLACE_FIELDS } from './trap-replace';

/* The page's Trap and Replace settings (src/views/trap-replace/): the panel checks each field as it is typed, the worker the whole set again. */

/** The panel's words for each setting, in its labels and in messages. */
export const TRAP_REPLACE_LABELS: Record<keyof TrapReplaceSettings, string> = {
  stage1Epochs: 'stage-1 epochs',
  stage1Lr: 'stage-1 learning rate',
  stage1BatchSize: 'stage-1 batch size',
  mseWeight: 'MSE weight',
  tvWeight: 'TV weight',
  stage2Epochs: 'stage-2 epochs',
  stage2Lr: 'stage-2 learning rate',
  stage2BatchSize: 'stage-2 batch size',
  labelSmoothing: 'label smoothing',
  holdoutFraction: 'holdout share',
  weightDecay: 'weight decay',
  seed: 'seed',
};

/** The settings in the panel's order. */
export const TRAP_REPLACE_KEYS = Object.keys(TRAP_REPLACE_LABELS) as (keyof TrapReplaceSettings)[];

/** "stage-1 epochs is 0, expected an integer from 1 to 1000", or null when the value passes. */
export function trapReplaceFieldError(key: keyof TrapReplaceSettings, value: unknown): string | null {
  const schema = TRAP_REPLACE_FIELDS[key];
  return v.safeParse(schema, value).success ? null : `${TRAP_REPLACE_LABELS[key]} is ${shown(value)}, expected ${describeRule(schema)}`;
}

/** The first problem with a whole set of settings, in words, or null. Never throws. */
export function trapReplaceSettingsError(settings: unknown): string | null {
  if (typeof settings !== 'object' || settings === null) return `the settings are ${shown(settings)}, expected an object`;
  for (const key of TRAP_REPLACE_KEYS) {
    const error = trapReplaceFieldError(key, (settings as Record<string, unknown>)[key]);
    if (error) return error;
  }
  return null;
}
