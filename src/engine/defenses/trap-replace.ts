import * as tf from '@tensorflow/tfjs';
import { PIXELS, SIDE } from '../data/datasets';
import { stratifiedSplit } from '../data/split';
import type { ArchId } from '../model/arch';
import { crossEntropy, forward } from '../model/forward';
import { initParams, type Params } from '../model/params';
import { DeviceDataset } from '../sgd';
import { adamLoop } from './trap-replace-adam';
import { meanSquaredError, smoothedCrossEntropy, totalVariation } from './trap-replace-losses';
import { forwardTrapReplace, headParamNames, initDecoder, initHead, stemParamNames } from './trap-replace-model';

import type { TrapReplaceSettings } from './trap-replace-settings';

// The settings live in a tfjs-free module so that the page's panel can show them (src/views/trap-replace/).
export { TRAP_REPLACE_DEFAULTS, TRAP_REPLACE_PAPER, trapReplaceDefaults, type TrapReplaceSettings } from './trap-replace-settings';

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
  /** after every step, without a readback: the stage, its epoch, and the steps done of both stages' total */
  onStep?: (info: { stage: 1 | 2; epoch: number; done: number; total: number }) => void;
  /** checked after every step (src/engine/cancel.ts): once aborted, trapAndReplace rejects with an AbortError, its tensors freed */
  signal?: AbortSignal;
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
  const total = s.stage1Epochs * Math.ceil(rest.length / s.stage1BatchSize) + s.stage2Epochs * Math.ceil(holdout.length / s.stage2BatchSize);
  let done = 0;
  const stepHook = (stage: 1 | 2) => ({
    signal: hooks.signal,
    onStep: hooks.onStep && (({ epoch }: { epoch: number }) => hooks.onStep?.({ stage, epoch, done: ++done, total })),
  });
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
        ...stepHook(1),
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
        ...stepHook(2),
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
