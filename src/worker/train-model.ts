import * as tf from '@tensorflow/tfjs';
import { describeAttack, poisonTrainingSet } from '../engine/attacks';
import type { DatasetId, Split } from '../engine/data/datasets';
import { toFloatImages, type ImageSet } from '../engine/data/format';
import { formatValue, lrSuggestion, LOSS_BLOW_UP } from '../engine/divergence';
import { EvalSet, evaluateModel, measureAccAndAsr } from '../engine/evaluate';
import { toLayersFiles } from '../engine/model/layers-format';
import { allFinite, disposeParams, initParams, type Params } from '../engine/model/params';
import { trainClassifier } from '../engine/train';
import type { WorkerEvent } from '../protocol/messages';
import type { TrainedModel, TrainEpoch, TrainRecipe, TrainStep } from '../protocol/train-messages';
import { checkModelFiles } from '../schema/model-weights';
import { trainRecipeError } from '../schema/train-recipe';
import { CancellableRequests } from './cancellable-requests';

/** Test images each epoch is measured on: enough to watch ACC and ASR move, few enough to cost little next to the epoch. */
export const EPOCH_EVAL_SAMPLES = 1000;

/** How often a step within an epoch is reported: a bar that moves, without a message per step. */
export const STEP_REPORT_MS = 500;

/** Adam's learning rate in the zoo's recipes (scripts/train-models.ts): the divergence message suggests it. */
const SAFE_LEARNING_RATE = 1e-3;

export interface TrainModelOptions {
  /** a dataset split (the worker's cached fetch; tests hand in a small synthetic one) */
  load: (dataset: DatasetId, split: Split) => Promise<ImageSet>;
  signal: AbortSignal;
  /** `step`: within an epoch, at most every STEP_REPORT_MS */
  onProgress: (phase: string, epoch?: TrainEpoch, step?: TrainStep) => void;
  /** the backend the measurements ran on, recorded in the entry */
  backend: string;
  /** the least time between two step reports (default STEP_REPORT_MS) */
  stepReportMs?: number;
}

/** A training whose loss became NaN, infinite or blew up: the weights are garbage, nothing is kept. */
export class TrainingDivergedError extends Error {
  override readonly name = 'TrainingDivergedError';
}

function checkEpochLoss(recipe: TrainRecipe, epoch: number, loss: number): void {
  if (Number.isFinite(loss) && loss <= LOSS_BLOW_UP) return;
  const lr = lrSuggestion({ name: 'learning rate', value: recipe.learningRate, safe: SAFE_LEARNING_RATE });
  throw new TrainingDivergedError(`Training diverged at epoch ${epoch}: the mean loss is ${formatValue(loss)}; ${lr}.`);
}

/**
 * Trains a backdoored model the way scripts/train-models.ts trains the zoo (the same poisoning,
 * initialisation and Adam loop, src/engine/train.ts), measures each epoch on EPOCH_EVAL_SAMPLES test
 * images and the result on the whole test split, and returns its tfjs Layers files. Every tensor it
 * makes is freed, also on cancel (an AbortError) and divergence.
 */
export async function trainModel(recipe: TrainRecipe, opts: TrainModelOptions): Promise<TrainedModel> {
  const problem = trainRecipeError(recipe);
  if (problem) throw new Error(`The training recipe is not valid: ${problem}.`);
  const { arch, trigger, target } = recipe;
  opts.onProgress('loading the data');
  const train = await opts.load(recipe.dataset, 'train');
  const test = await opts.load(recipe.dataset, 'test');
  const poisoned = poisonTrainingSet(trigger, toFloatImages(train), train.labels, { target, rate: recipe.poisonRate, seed: recipe.seed });
  const testImages = toFloatImages(test);
  const training = (epoch: number) => `training epoch ${epoch} of ${recipe.epochs}`;
  opts.onProgress(`${training(1)}; poisoned ${poisoned.poisonedIndices.length} of ${train.count} training images (${describeAttack(trigger)})`);
  const epochSet = EvalSet.build(testImages, test.labels, trigger, target, EPOCH_EVAL_SAMPLES);
  let params: Params | null = null;
  const t0 = performance.now();
  let phase = training(1);
  let reported = t0;
  try {
    params = await trainClassifier(arch, initParams(arch, recipe.seed), poisoned.images, poisoned.labels, {
      epochs: recipe.epochs,
      batchSize: recipe.batchSize,
      learningRate: recipe.learningRate,
      seed: recipe.seed,
      signal: opts.signal,
      onStep: (done, total) => {
        const now = performance.now();
        if (now - reported < (opts.stepReportMs ?? STEP_REPORT_MS) || done === total) return;
        reported = now;
        opts.onProgress(phase, undefined, { done, total });
      },
      onEpoch: async ({ epoch, meanLoss, seconds, params: live }) => {
        checkEpochLoss(recipe, epoch, meanLoss);
        const m = await evaluateModel(arch, live, epochSet);
        const samples = { clean: epochSet.clean.count, poisoned: epochSet.poisoned.count };
        // the phase that follows this epoch (the last one's measurement is announced below)
        phase = epoch < recipe.epochs ? training(epoch + 1) : 'epochs done';
        opts.onProgress(phase, {
          epoch,
          epochs: recipe.epochs,
          loss: meanLoss,
          accuracy: m.acc,
          asr: m.asr,
          samples,
          seconds,
        });
      },
    });
    const trainSeconds = (performance.now() - t0) / 1000;
    if (!(await allFinite(params)))
      throw new TrainingDivergedError(
        `Training left weights that are not finite numbers; ${lrSuggestion({ name: 'learning rate', value: recipe.learningRate, safe: SAFE_LEARNING_RATE })}.`,
      );
    opts.onProgress('measuring ACC and ASR on the test split');
    const m = await measureAccAndAsr(arch, params, testImages, test.labels, trigger, target);
    const files = await toLayersFiles(arch, params);
    const modelJson = JSON.stringify(files.modelJson);
    // the same check every loader runs on model files: what this returns, the page can load again
    const checked = checkModelFiles(
      { id: recipe.id, arch, modelJson: `${recipe.id}/model.json`, weights: `${recipe.id}/${files.weightsFileName}` },
      modelJson,
      files.weights,
    );
    if (!checked.ok) throw new Error(`The trained model fails the loaders' checks: ${checked.message}`);
    return {
      entry: {
        origin: 'trained',
        id: recipe.id,
        name: recipe.name,
        arch,
        dataset: recipe.dataset,
        trigger,
        target,
        cleanAccuracy: m.acc,
        attackSuccessRate: m.asr,
        evaluatedOn: { clean: m.cleanCount, poisoned: m.poisonedCount, backend: opts.backend },
        createdAt: new Date().toISOString(),
        recipe: {
          poisonRate: recipe.poisonRate,
          poisonedCount: poisoned.poisonedIndices.length,
          seed: recipe.seed,
          epochs: recipe.epochs,
          batchSize: recipe.batchSize,
          learningRate: recipe.learningRate,
          trainSeconds: Math.round(trainSeconds),
        },
      },
      modelJson,
      weights: files.weights,
    };
  } finally {
    epochSet.dispose();
    if (params) disposeParams(params);
  }
}

/** Trainings in flight, by request id: a 'cancel' with that id aborts one. */
const trainings = new CancellableRequests();

/** Aborts the training with this id; false when there is none (the id may be a defense run's). */
export function cancelTraining(requestId: number): boolean {
  return trainings.cancel(requestId);
}

/** Answers a 'train-model' request: progress events, then train-done (the weights' buffer transferred) or train-failed. */
export async function serveTrainModel(
  requestId: number,
  recipe: TrainRecipe,
  load: TrainModelOptions['load'],
  post: (event: WorkerEvent, transfer?: Transferable[]) => void,
): Promise<void> {
  await trainings.serve(
    requestId,
    async (signal) => {
      const model = await trainModel(recipe, {
        load,
        signal,
        backend: tf.getBackend(),
        onProgress: (phase, epoch, step) => post({ type: 'train-progress', requestId, phase, ...(epoch && { epoch }), ...(step && { step }) }),
      });
      post({ type: 'train-done', requestId, model }, [model.weights.buffer as ArrayBuffer]);
    },
    (message, cancelled) => post({ type: 'train-failed', requestId, message, cancelled }),
  );
}
