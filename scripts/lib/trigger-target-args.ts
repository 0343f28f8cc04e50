/*
 * --trigger <spec> and --target <class>: the trigger every ASR of a run is measured with, and the class
 * it aims at. Left out, a zoo model's own recipe and target (models/manifest.json) stay. Kept apart
 * from any one script so that a model given as a folder can take the same two flags.
 */
import type { TriggerSpec } from '../../src/engine/attacks/types';
import { IMAGE_SHAPE } from '../../src/engine/data/datasets';
import { UsageError } from './cli';
import { parseTriggerArg, type ReadFile } from './trigger-arg';

const CLASS_COUNT = IMAGE_SHAPE.classes;

export const TRIGGER_TARGET_OPTIONS = {
  trigger: { type: 'string' },
  target: { type: 'string' },
} as const;

export const TRIGGER_TARGET_USAGE: [string, string][] = [
  [
    '--trigger <spec>',
    "the trigger ASR is measured with (default: the model's recipe): badnet[:size=4,x=24,y=24,value=1], blended[:alpha=0.1,seed=1234], " +
      'sig[:delta=20,freq=6], wanet[:k=4,s=0.5,seed=4321,noise=false,cross=2], patch:<file.png|file.json>[,x=0,y=0], blend:<file.png|file.json>[,alpha=0.2]',
  ],
  ['--target <class>', `the class the trigger aims at, 0 to ${CLASS_COUNT - 1} (default: the model's target)`],
];

export interface TriggerTarget {
  /** absent: the model's own recipe */
  trigger?: TriggerSpec;
  /** absent: the model's own target */
  target?: number;
}

/** Checks the two flags' values (undefined when not given); a bad one throws a one-line UsageError. */
export function parseTriggerTarget(trigger: string | undefined, target: string | undefined, readFile?: ReadFile): TriggerTarget {
  const out: TriggerTarget = {};
  if (trigger !== undefined) out.trigger = parseTriggerArg(trigger, readFile);
  if (target !== undefined) {
    if (!/^\d+$/.test(target) || Number(target) >= CLASS_COUNT) throw new UsageError(`--target must be a class from 0 to ${CLASS_COUNT - 1}; got "${target}"`);
    out.target = Number(target);
  }
  return out;
}

/** What a run measures ASR with: the described trigger and target where given, else the model's. */
export function measuredWith<T extends { attack: TriggerSpec; target: number }>(model: T, given: TriggerTarget): T {
  return { ...model, attack: given.trigger ?? model.attack, target: given.target ?? model.target };
}
