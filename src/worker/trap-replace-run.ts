import * as tf from '@tensorflow/tfjs';
import { poisonTrainingSet } from '../engine/attacks';
import { cancelPoint } from '../engine/cancel';
import type { DatasetId, Split } from '../engine/data/datasets';
import { toFloatImages, type ImageSet } from '../engine/data/format';
import { trapAndReplace, type TrapReplaceData } from '../engine/defenses/trap-replace';
import { poisoningOf, type PoisoningRecipe } from '../engine/defenses/trap-replace-recipe';
import type { TrapReplaceSettings } from '../engine/defenses/trap-replace-settings';
import { measureAccAndAsr } from '../engine/evaluate';
import { disposeParams } from '../engine/model/params';
import type { ModelEntry } from '../engine/zoo';
import type { TrapReplaceEvent, TrapReplaceOutcome, TrapReplaceProgress, TrapReplaceRequest } from '../protocol/trap-replace-messages';
import { trapReplaceSettingsError } from '../schema/trap-replace-settings';
import { CancellableRequests } from './cancellable-requests';

/** Mid-epoch progress at most this often: a bar that moves, without a message per step. */
export const STEP_PROGRESS_MS = 500;

export interface TrapReplaceRunOptions {
  /** a dataset split (the worker's cached fetch; tests hand in a small one) */
  load: (dataset: DatasetId, split: Split) => Promise<ImageSet>;
  signal: AbortSignal;
  onProgress: (progress: TrapReplaceProgress) => void;
  /** the backend the result is measured on, recorded with it */
  backend: string;
  stepProgressMs?: number;
}

/**
 * The poisoned training set and the same images before poisoning, in one order: the same call as the
 * zoo's training (src/engine/zoo-poison.ts) and the page's (src/worker/train-model.ts), so the same images.
 */
export function poisonedTrainingData(recipe: PoisoningRecipe, train: ImageSet): Omit<TrapReplaceData, 'arch'> {
  const cleanImages = toFloatImages(train);
  const poisoned = poisonTrainingSet(recipe.trigger, cleanImages, train.labels, { target: recipe.target, rate: recipe.poisonRate, seed: recipe.seed });
  return { poisoned: { images: poisoned.images, labels: poisoned.labels }, clean: { images: cleanImages, labels: train.labels } };
}

/**
 * Trap and Replace on a model whose poisoned training set the page can rebuild (src/engine/defenses/trap-replace-recipe.ts):
 * rebuilds that set from the training split, runs both stages (src/engine/defenses/trap-replace.ts) and measures the output's
 * ACC on the clean test split and ASR on its triggered non-target images with the model's trigger, as
 * scripts/lib/trap-replace-run.ts does in Node. Every tensor it makes is freed, also on cancel (an AbortError).
 */
export async function runTrapReplace(
  requestId: number,
  entry: ModelEntry,
  settings: TrapReplaceSettings,
  opts: TrapReplaceRunOptions,
): Promise<TrapReplaceOutcome> {
  const problem = trapReplaceSettingsError(settings);
  if (problem) throw new Error(`The Trap and Replace settings are not valid: ${problem}.`);
  const poisoning = poisoningOf(entry);
  if (!poisoning.ok) throw new Error(poisoning.reason);
  const { trigger, target } = poisoning.recipe;
  opts.onProgress({ kind: 'phase', phase: 'loading the data' });
  const train = await opts.load(entry.dataset, 'train');
  const test = await opts.load(entry.dataset, 'test');
  await cancelPoint(opts.signal);
  opts.onProgress({ kind: 'phase', phase: 'rebuilding the poisoned training set' });
  const sets = poisonedTrainingData(poisoning.recipe, train);
  await cancelPoint(opts.signal);

  const every = opts.stepProgressMs ?? STEP_PROGRESS_MS;
  const epochsOf = (stage: 1 | 2) => (stage === 1 ? settings.stage1Epochs : settings.stage2Epochs);
  const t0 = performance.now();
  let steps = { done: 0, total: 0 };
  let lastReport = t0;
  const result = await trapAndReplace({ arch: entry.arch, ...sets }, settings, {
    signal: opts.signal,
    onStep: ({ stage, epoch, done, total }) => {
      steps = { done, total };
      const now = performance.now();
      if (now - lastReport < every) return;
      lastReport = now;
      opts.onProgress({ kind: 'training', stage, epoch, epochs: epochsOf(stage), done, total, seconds: (now - t0) / 1000 });
    },
    onEpoch: ({ stage, epoch, meanLoss }) => {
      lastReport = performance.now();
      opts.onProgress({ kind: 'training', stage, epoch, epochs: epochsOf(stage), ...steps, meanLoss, seconds: (lastReport - t0) / 1000 });
    },
  });
  const seconds = (performance.now() - t0) / 1000;
  try {
    opts.onProgress({ kind: 'phase', phase: 'measuring ACC and ASR on the test split' });
    const m = await measureAccAndAsr(entry.arch, result.params, toFloatImages(test), test.labels, trigger, target);
    return {
      requestId,
      modelId: entry.id,
      acc: m.acc,
      asr: m.asr,
      cleanCount: m.cleanCount,
      poisonedCount: m.poisonedCount,
      seconds,
      settings,
      backend: opts.backend,
    };
  } finally {
    disposeParams(result.params);
  }
}

/** Runs in flight, by request id: a 'cancel' with that id aborts one. */
const runs = new CancellableRequests();

/** Aborts the Trap and Replace run with this id; false when there is none (the id may be another request's). */
export function cancelTrapReplace(requestId: number): boolean {
  return runs.cancel(requestId);
}

/** Answers a 'trap-replace' request once `ready` (the worker's backend) resolves: progress events, then trap-replace-done or trap-replace-failed. */
export async function serveTrapReplace(
  msg: TrapReplaceRequest,
  worker: { ready: Promise<unknown> | null; load: TrapReplaceRunOptions['load'] },
  post: (event: TrapReplaceEvent) => void,
): Promise<void> {
  const { requestId } = msg;
  await runs.serve(
    requestId,
    async (signal) => {
      if (!worker.ready) throw new Error('No backend yet: the worker has not been initialised.');
      await worker.ready;
      const result = await runTrapReplace(requestId, msg.entry, msg.settings, {
        load: worker.load,
        signal,
        backend: tf.getBackend(),
        onProgress: (progress) => post({ type: 'trap-replace-progress', requestId, progress }),
      });
      post({ type: 'trap-replace-done', result });
    },
    (message, cancelled) => post({ type: 'trap-replace-failed', requestId, message, cancelled }),
  );
}
