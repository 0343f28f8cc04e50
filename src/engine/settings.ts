/**
 * Every TSC knob and its default, in one place (docs/method.md §1.1 and §8): the official code's
 * values (its README and hard-coded constants; the paper's own table of values was not available),
 * except where a comment says why and what was measured.
 * Where the browser default differs from the official code, the comment says so. The curve batch
 * size of 64 was measured on MNIST, whose D_c is 400 images; Fashion-MNIST's D_c is 3,000 images
 * and uses the same default unmeasured (docs/method.md §4.11).
 */
import type { LrSetting } from './divergence';
import type { SgdOptions } from './sgd';

export type DefenseKind = 'tsc' | 'mcr' | 'ft' | 'line' | 'none';
export type PermutationMethod = 'activation' | 'weight';

export interface TscSettings {
  defense: DefenseKind;
  /** global epochs E_TSC */
  rounds: number;
  /** curve point taken in both stages */
  t: number;
  /** FITQUADCURVE epochs over the clean subset (paper 200) */
  curveEpochs: number;
  curveLr: number;
  curveBatchSize: number;
  momentum: number;
  /** SGD weight decay on the control point θc */
  weightDecay: number;
  /** extra 0.5·l2·‖θ(t)‖² term (curves.l2_regularizer) */
  curveL2: number;
  /** inter-round fine-tuning of θ_t2 (official code; switchable) */
  interRoundFinetune: boolean;
  finetuneEpochs: number;
  finetuneLr: number;
  /** clean subset D_c as a share of the training split */
  cleanFraction: number;
  permutationMethod: PermutationMethod;
  /** match pre-activations (PreActResNet18 path) or post-ReLU */
  matchActivation: 'pre' | 'post';
  /** t-points on each evaluated curve (0, 0.05, …, 1) */
  curvePoints: number;
  /** test images used for the curve landscapes */
  evalSamples: number;
  /** test images for the ACC/ASR of every output model; 0 = the full test split (default) */
  testSamples: number;
  /** MCR: epochs of fine-tuning that make the second endpoint (TSC repo: 100) */
  mcrEndpointEpochs: number;
  mcrEndpointLr: number;
  seed: number;
}

export const TSC_DEFAULTS: TscSettings = {
  defense: 'tsc',
  rounds: 3,
  t: 0.4,
  curveEpochs: 200,
  curveLr: 0.02,
  // Official README: 256 on a 2,500-image CIFAR subset (~10 steps/epoch). MNIST's D_c here is 400
  // images, where 256 leaves 2 steps/epoch. Measured on mnist-mlp-badnet (npm run tsc -- --curve-batch B):
  // round-1 stage-1 poisoned-loss amplification 11× (256), 17× (128), 24× (64); final ASR 32.9 % at 64.
  // Measured on MNIST only; Fashion-MNIST's D_c (3,000 images) gets the same default.
  curveBatchSize: 64,
  momentum: 0.9,
  weightDecay: 5e-4,
  curveL2: 1e-4,
  interRoundFinetune: true,
  finetuneEpochs: 10,
  finetuneLr: 1e-4,
  cleanFraction: 0.05,
  permutationMethod: 'activation',
  matchActivation: 'pre',
  curvePoints: 21,
  evalSamples: 2000,
  testSamples: 0,
  mcrEndpointEpochs: 100,
  mcrEndpointLr: 0.01,
  seed: 0,
};

export function withDefaults(partial: Partial<TscSettings> = {}): TscSettings {
  const s = { ...TSC_DEFAULTS, ...partial };
  const bad = (msg: string) => {
    throw new RangeError(`Invalid TSC setting: ${msg}`);
  };
  if (!(s.t >= 0 && s.t <= 1)) bad(`t = ${s.t} must be within [0, 1]`);
  if (!Number.isInteger(s.rounds) || s.rounds < 1) bad(`rounds = ${s.rounds} must be a positive integer`);
  if (!Number.isInteger(s.curveEpochs) || s.curveEpochs < 1) bad(`curveEpochs = ${s.curveEpochs} must be a positive integer`);
  if (!(s.cleanFraction > 0 && s.cleanFraction <= 1)) bad(`cleanFraction = ${s.cleanFraction} must be within (0, 1]`);
  if (!Number.isInteger(s.curvePoints) || s.curvePoints < 2) bad(`curvePoints = ${s.curvePoints} must be ≥ 2`);
  // the checks below keep a run from hanging (batch 0 makes an epoch endless) or measuring 0/0
  const positiveInt = (n: number) => Number.isInteger(n) && n >= 1;
  const countOrZero = (n: number) => Number.isInteger(n) && n >= 0;
  if (!positiveInt(s.curveBatchSize)) bad(`curveBatchSize = ${s.curveBatchSize} must be a positive integer`);
  if (!positiveInt(s.evalSamples)) bad(`evalSamples = ${s.evalSamples} must be a positive integer`);
  if (!countOrZero(s.testSamples)) bad(`testSamples = ${s.testSamples} must be a whole number (0 = the full test split)`);
  if (!countOrZero(s.finetuneEpochs)) bad(`finetuneEpochs = ${s.finetuneEpochs} must be a whole number`);
  if (!countOrZero(s.mcrEndpointEpochs)) bad(`mcrEndpointEpochs = ${s.mcrEndpointEpochs} must be a whole number`);
  for (const key of ['curveLr', 'finetuneLr', 'mcrEndpointLr'] as const) {
    if (!(s[key] > 0 && Number.isFinite(s[key]))) bad(`${key} = ${s[key]} must be a finite number > 0`);
  }
  return s;
}

/** What a training phase picks for itself; the rest of its SGD options come from the settings. */
export interface SgdPhase {
  epochs: number;
  lr: number;
  seed: number;
}

/**
 * SGD options of every training phase (curve fits, TSC's inter-round fine-tuning, MCR's endpoint,
 * the FT baseline): they share the batch size, momentum and weight decay, and differ in epochs,
 * learning rate and seed.
 */
export function sgdOptions(s: TscSettings, phase: SgdPhase): Pick<SgdOptions, 'epochs' | 'batchSize' | 'lr' | 'momentum' | 'weightDecay' | 'seed'> {
  return { epochs: phase.epochs, batchSize: s.curveBatchSize, lr: phase.lr, momentum: s.momentum, weightDecay: s.weightDecay, seed: phase.seed };
}

/**
 * The learning rate of each training phase as the user names it, with a value known to work there,
 * for the DivergenceError's suggestion. Curve: the live demo's 0.2 (measured in src/schema/presets.ts);
 * the fine-tuning rates have no flag or field, so they go by their TscSettings key and default.
 */
export function lrSetting(s: TscSettings, phase: 'curve' | 'finetune' | 'endpoint'): LrSetting {
  if (phase === 'curve') return { name: 'curve lr', value: s.curveLr, safe: 0.2 };
  if (phase === 'finetune') return { name: 'finetuneLr', value: s.finetuneLr, safe: TSC_DEFAULTS.finetuneLr };
  return { name: 'mcrEndpointLr', value: s.mcrEndpointLr, safe: TSC_DEFAULTS.mcrEndpointLr };
}
