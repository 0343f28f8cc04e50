import { TSC_DEFAULTS } from '../engine/settings';
import type { PlaneSettingsFields, RunSettingsFields } from './settings';

/* The page's named settings: every preset passes the schema in ./settings.ts (tested there). */

/**
 * The live demo: the whole TSC story in well under 30 s on the Node CLI of a 2-core machine, on the
 * page's opening model (mnist-mlp-badnet). Chosen by measurement with
 * `npm run tsc -- --model mnist-mlp-badnet --rounds 3 --curve-epochs 10 --curve-lr 0.2 --eval-samples 300`:
 * 14–19 s, round-1 stage-1 poisoned loss 0.010 at t = 0 → 0.670 at t = 0.4 (67×), ASR 99.6 → 28.1 %,
 * ACC 96.1 → 91.5 %. Runs that lost: the paper's lr 0.02 amplified only 6–12× in 20–50 epochs, and
 * 1–2 rounds left ASR above 50 %; 20 epochs (107×, ASR 24.4 %) ran 34 s on a loaded machine.
 */
export const LIVE_DEMO: RunSettingsFields = {
  defense: 'tsc',
  rounds: 3,
  t: 0.4,
  curveEpochs: 10,
  curveLr: 0.2,
  cleanFraction: 0.05,
  seed: 0,
  permutationMethod: 'activation',
  interRoundFinetune: true,
  evalSamples: 300,
  testSamples: 0,
};
/** What the preset button says it is. */
export const LIVE_DEMO_LABEL = 'Live demo · 3 rounds × 10 curve epochs, curve lr 0.2, 300 curve-eval images';

export const FULL_SETTINGS: RunSettingsFields = {
  defense: TSC_DEFAULTS.defense,
  rounds: TSC_DEFAULTS.rounds,
  t: TSC_DEFAULTS.t,
  curveEpochs: TSC_DEFAULTS.curveEpochs,
  curveLr: TSC_DEFAULTS.curveLr,
  cleanFraction: TSC_DEFAULTS.cleanFraction,
  seed: TSC_DEFAULTS.seed,
  permutationMethod: TSC_DEFAULTS.permutationMethod,
  interRoundFinetune: TSC_DEFAULTS.interRoundFinetune,
  evalSamples: TSC_DEFAULTS.evalSamples,
  testSamples: TSC_DEFAULTS.testSamples,
};

/** The loss plane's defaults: an 11×11 grid refined to 21×21 on 500 test images. */
export const PLANE_DEFAULTS: PlaneSettingsFields = { coarse: 11, finest: 21, margin: 0.25, equalAxes: true, samples: 500 };
