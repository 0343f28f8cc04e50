import { defaultAttack } from '../../engine/attacks';
import type { TriggerKind, TriggerSpec } from '../../engine/attacks/types';
import { PIXELS, SIDE } from '../../engine/data/datasets';
import { parseTrigger } from '../../schema/trigger';

/*
 * The trigger editor's choices as plain data: which parameters each kind shows, a fresh spec per
 * kind, and one edit at a time checked by the trigger schema (src/schema/trigger.ts), the same rules
 * as the CLI's --trigger.
 */

export interface ParamField {
  key: string;
  label: string;
  min: number;
  max: number;
  step: number;
}

export const KIND_LABELS: Record<TriggerKind, string> = {
  badnet: 'BadNet patch',
  blended: 'Blended noise',
  sig: 'SIG sinusoid',
  wanet: 'WaNet warp',
  'custom-patch': 'Custom patch (draw or upload)',
  'custom-blend': 'Custom blend image (draw or upload)',
};

const OFFSET = { min: -(SIDE - 1), max: SIDE - 1, step: 1 };

export const PARAM_FIELDS: Record<TriggerKind, ParamField[]> = {
  badnet: [
    { key: 'patchSize', label: 'size', min: 1, max: SIDE, step: 1 },
    { key: 'x', label: 'x', min: 0, max: SIDE - 1, step: 1 },
    { key: 'y', label: 'y', min: 0, max: SIDE - 1, step: 1 },
    { key: 'value', label: 'value', min: 0, max: 1, step: 0.05 },
  ],
  blended: [
    { key: 'alpha', label: 'α', min: 0.01, max: 1, step: 0.01 },
    { key: 'patternSeed', label: 'pattern seed', min: 0, max: 999_999, step: 1 },
  ],
  sig: [
    { key: 'amplitude', label: 'Δ', min: 0.01, max: 1, step: 0.01 },
    { key: 'frequency', label: 'frequency', min: 1, max: SIDE, step: 1 },
  ],
  wanet: [
    { key: 'k', label: 'k', min: 1, max: SIDE, step: 1 },
    { key: 'strength', label: 's', min: 0.05, max: SIDE, step: 0.05 },
    { key: 'fieldSeed', label: 'field seed', min: 0, max: 999_999, step: 1 },
  ],
  'custom-patch': [
    { key: 'x', label: 'shift x', ...OFFSET },
    { key: 'y', label: 'shift y', ...OFFSET },
  ],
  'custom-blend': [{ key: 'alpha', label: 'α', min: 0.01, max: 1, step: 0.01 }],
};

/** A new trigger of `kind`: the built-in defaults (BadNet with its corner written out), or an empty drawing. */
export function freshTrigger(kind: TriggerKind): TriggerSpec {
  switch (kind) {
    case 'custom-patch':
      return { kind, pattern: new Array<number>(PIXELS).fill(1), mask: new Array<number>(PIXELS).fill(0), x: 0, y: 0 };
    case 'custom-blend':
      return { kind, image: new Array<number>(PIXELS).fill(0), alpha: 0.2 };
    case 'badnet': {
      const spec = defaultAttack(kind);
      return spec.kind === 'badnet' ? { ...spec, x: SIDE - spec.patchSize, y: SIDE - spec.patchSize } : spec;
    }
    default:
      return defaultAttack(kind);
  }
}

/** The value a field shows. */
export function paramValue(spec: TriggerSpec, key: string): number {
  const value = (spec as unknown as Record<string, unknown>)[key];
  return typeof value === 'number' ? value : Number.NaN;
}

/** `spec` with one field changed, if the result is a valid trigger; else the reason in words. */
export function withParam(spec: TriggerSpec, key: string, value: number): { ok: true; spec: TriggerSpec } | { ok: false; message: string } {
  const next: Record<string, unknown> = { ...spec, [key]: value };
  // A bigger BadNet patch slides back inside the image rather than being refused.
  if (spec.kind === 'badnet' && key === 'patchSize' && Number.isInteger(value)) {
    for (const axis of ['x', 'y']) next[axis] = Math.min(paramValue(spec, axis), Math.max(0, SIDE - value));
  }
  const result = parseTrigger(next);
  return result.ok ? { ok: true, spec: result.spec } : { ok: false, message: result.message };
}
