import type { DatasetId } from '../data/datasets';

/*
 * Trap and Replace's settings, free of tfjs so that the page's panel (src/views/trap-replace/) can show
 * the defaults without pulling tfjs into the main bundle. docs/method.md, "Trap and Replace", names
 * every setting and its value in the paper.
 */

export interface TrapReplaceSettings {
  /** clean holdout share of the training set, removed from stage 1 (paper 5 %) */
  holdoutFraction: number;
  stage1Epochs: number;
  stage1Lr: number;
  stage1BatchSize: number;
  /** weight of MSE(reconstruction, input) in stage 1 (paper 10) */
  mseWeight: number;
  /** weight of the reconstruction's total variation in stage 1 (paper 1) */
  tvWeight: number;
  stage2Epochs: number;
  stage2Lr: number;
  stage2BatchSize: number;
  /** label smoothing of stage 2's cross-entropy (paper 0.1) */
  labelSmoothing: number;
  /** Adam weight decay of both stages (paper 5e-4) */
  weightDecay: number;
  seed: number;
}

/** The paper's values (CIFAR-10 ResNets, 200 + 100 epochs on GPUs). */
export const TRAP_REPLACE_PAPER: TrapReplaceSettings = {
  holdoutFraction: 0.05,
  stage1Epochs: 200,
  stage1Lr: 1e-3,
  stage1BatchSize: 256,
  mseWeight: 10,
  tvWeight: 1,
  stage2Epochs: 100,
  stage2Lr: 0.03,
  stage2BatchSize: 64,
  labelSmoothing: 0.1,
  weightDecay: 5e-4,
  seed: 0,
};

/** This project's defaults: the paper's, with stage 1's epochs and batch sized for a 2-core CPU and a gentler stage-2 lr (docs/method.md). */
export const TRAP_REPLACE_DEFAULTS: TrapReplaceSettings = {
  ...TRAP_REPLACE_PAPER,
  stage1Epochs: 4,
  stage1BatchSize: 128,
  stage2Lr: 1e-3,
};

/** The defaults for a dataset: Fashion-MNIST's training split is 7.5× MNIST's, so one stage-1 epoch there is already more steps than four on MNIST. */
export function trapReplaceDefaults(dataset: DatasetId): TrapReplaceSettings {
  return dataset === 'fashion-mnist' ? { ...TRAP_REPLACE_DEFAULTS, stage1Epochs: 1 } : TRAP_REPLACE_DEFAULTS;
}
