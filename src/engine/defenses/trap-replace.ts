import * as tf from '@tensorflow/tfjs';
import { PIXELS, SIDE, type DatasetId } from '../data/datasets';
import { stratifiedSplit } from '../data/split';
import type { ArchId } from '../model/arch';
import { crossEntropy, forward } from '../model/forward';
import { initParams, type Params } from '../model/params';
import { DeviceDataset } from '../sgd';
import { adamLoop } from './trap-replace-adam';
import { meanSquaredError, smoothedCrossEntropy, totalVariation } from './trap-replace-losses';
import { forwardTrapReplace, headParamNames, initDecoder, initHead, stemParamNames } from './trap-replace-model';

/**
 * Trap and Replace (Wang et al., NeurIPS 2022) on the zoo's small models; docs/method.md,
 * "Trap and Replace", names every setting and its value in the paper.
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

/** The poisoned training set (as the attack built it) and the same images before poisoning, in one order. */
export interface TrapReplaceData {
  arch: ArchId;
  poisoned: { images: Float32Array; labels: Uint8Array };
  clean: { images: Float32Array; labels: Uint8Array };
}

export interface TrapReplaceResult {
  /** stem from stage 1 + the head of stage 2: an ordinary model of `arch` (caller disposes) */
  params: Params;
  holdoutCount: number;
  stage1Count: number;
}

export interface TrapReplaceHooks {
  onEpoch?: (info: { stage: 1 | 2; epoch: number; meanLoss: number; seconds: number }) => void;
  /** the stage-1 model (stem + trapped head), before its head is replaced; not to be kept (disposed after) */
  onStage1?: (params: Params) => Promise<void>;
}

/** Rows `idx` of flat images and labels (copies). */
function rows(set: { images: Float32Array; labels: Uint8Array }, idx: Int32Array): { images: Float32Array; labels: Uint8Array } {
  const images = new Float32Array(idx.length * PIXELS);
  idx.forEach((row, k) => images.set(set.images.subarray(row * PIXELS, (row + 1) * PIXELS), k * PIXELS));
  return { images, labels: Uint8Array.from(idx, (row) => set.labels[row]) };
}

/** A seeded, class-stratified holdout of round(fraction·N) images and the rest (src/engine/data/split.ts). */
export function holdoutSplit(labels: Uint8Array, fraction: number, seed: number): { holdout: Int32Array; rest: Int32Array } {
  const { train, test } = stratifiedSplit(labels, Math.max(1, Math.round(labels.length * fraction)), seed);
  return { holdout: test, rest: train };
}

/** Makes each call's variable names unique: tfjs refuses two live variables with one name. */
let run = 0;

/** Trainable variables for `params` (consumed). */
function toVariables(params: Params, prefix: string): Record<string, tf.Variable> {
  const id = ++run;
  return Object.fromEntries(
    Object.entries(params).map(([name, t]) => {
      const v = tf.variable(t, true, `trap-replace/${prefix}/${name}/${id}`);
      t.dispose();
      return [name, v];
    }),
  );
}

/**
 * Stage 1 trains stem + head + decoder on the poisoned training set minus the holdout
 * (CE + mseWeight·MSE + tvWeight·TV); stage 2 freezes the stem and trains a fresh head on the
 * holdout's clean images (label-smoothed CE). Every tensor it makes is disposed before it returns,
 * except the returned params.
 */
export async function trapAndReplace(data: TrapReplaceData, s: TrapReplaceSettings, hooks: TrapReplaceHooks = {}): Promise<TrapReplaceResult> {
  const { arch } = data;
  const { holdout, rest } = holdoutSplit(data.clean.labels, s.holdoutFraction, s.seed);
  const owned: { dispose(): void }[] = [];
  try {
    const stage1Set = rows(data.poisoned, rest);
    const stage1Data = new DeviceDataset(stage1Set.images, stage1Set.labels);
    owned.push(stage1Data);
    const classifier = toVariables(initParams(arch, s.seed), 'classifier');
    const decoder = toVariables(initDecoder(arch, s.seed), 'decoder');
    owned.push(...Object.values(classifier), ...Object.values(decoder));
    await adamLoop(
      [...Object.values(classifier), ...Object.values(decoder)],
      stage1Data,
      {
        epochs: s.stage1Epochs,
        batchSize: s.stage1BatchSize,
        lr: s.stage1Lr,
        weightDecay: s.weightDecay,
        seed: `trap-replace:1:${s.seed}`,
        onEpoch: (e) => hooks.onEpoch?.({ stage: 1, ...e }),
      },
      (x, y) => {
        const { logits, reconstruction } = forwardTrapReplace(arch, classifier, decoder, x);
        const target = tf.reshape(x, [x.shape[0], SIDE, SIDE, 1]);
        return tf.addN<tf.Scalar>([
          crossEntropy(logits, y),
          tf.mul<tf.Scalar>(meanSquaredError(reconstruction, target), s.mseWeight),
          tf.mul<tf.Scalar>(totalVariation(reconstruction), s.tvWeight),
        ]);
      },
    );
    stage1Data.dispose(); // frees its memory before stage 2 (disposing again in finally is a no-op)
    await hooks.onStage1?.(classifier);

    const holdoutSet = rows(data.clean, holdout);
    const stage2Data = new DeviceDataset(holdoutSet.images, holdoutSet.labels);
    owned.push(stage2Data);
    const stem: Params = Object.fromEntries(stemParamNames(arch).map((n) => [n, classifier[n]]));
    const head = toVariables(initHead(arch, s.seed + 1), 'head');
    owned.push(...Object.values(head));
    await adamLoop(
      Object.values(head),
      stage2Data,
      {
        epochs: s.stage2Epochs,
        batchSize: s.stage2BatchSize,
        lr: s.stage2Lr,
        weightDecay: s.weightDecay,
        seed: `trap-replace:2:${s.seed}`,
        onEpoch: (e) => hooks.onEpoch?.({ stage: 2, ...e }),
      },
      (x, y) => smoothedCrossEntropy(forward(arch, { ...stem, ...head }, x), y, s.labelSmoothing),
    );
    const params: Params = Object.fromEntries([
      ...stemParamNames(arch).map((n) => [n, stem[n].clone()]),
      ...headParamNames(arch).map((n) => [n, head[n].clone()]),
    ]);
    return { params, holdoutCount: holdout.length, stage1Count: rest.length };
  } finally {
    for (const t of owned) t.dispose();
  }
}
