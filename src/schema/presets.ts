import { TSC_DEFAULTS } from '../engine/settings';
import type { PlaneSettingsFields, RunSettingsFields } from './settings';

/* The page's named settings: every preset passes the schema in ./settings.ts (tested there). */

/** A small run that finishes in about a minute on a laptop GPU: for live demos (labelled as such). */
export const QUICK_DEMO: RunSettingsFields = {
  defense: 'tsc',
  rounds: 1,
  t: 0.4,
  curveEpochs: 20,
  cleanFraction: 0.05,
  seed: 0,
  permutationMethod: 'activation',
  interRoundFinetune: true,
  evalSamples: 500,
  testSamples: 0,
};
export const FULL_SETTINGS: RunSettingsFields = {
  defense: TSC_DEFAULTS.defense,
  rounds: TSC_DEFAULTS.rounds,
  t: TSC_DEFAULTS.t,
  curveEpochs: TSC_DEFAULTS.curveEpochs,
  cleanFraction: TSC_DEFAULTS.cleanFraction,
  seed: TSC_DEFAULTS.seed,
  permutationMethod: TSC_DEFAULTS.permutationMethod,
  interRoundFinetune: TSC_DEFAULTS.interRoundFinetune,
  evalSamples: TSC_DEFAULTS.evalSamples,
  testSamples: TSC_DEFAULTS.testSamples,
};

/** The loss plane's defaults: an 11×11 grid refined to 21×21 on 500 test images. */
export const PLANE_DEFAULTS: PlaneSettingsFields = { coarse: 11, finest: 21, margin: 0.25, equalAxes: true, samples: 500 };
