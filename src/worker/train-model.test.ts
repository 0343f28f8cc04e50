import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PIXELS } from '../engine/data/datasets';
import { toFloatImages } from '../engine/data/format';
import { poisonTrainingSet } from '../engine/attacks';
import { poisoningOf } from '../engine/defenses/trap-replace-recipe';
import { measureAccAndAsr } from '../engine/evaluate';
import { paramsFromLayersFiles } from '../engine/model/layers-format';
import { disposeParams } from '../engine/model/params';
import type { WorkerEvent } from '../protocol/messages';
import type { TrainRecipe } from '../protocol/train-messages';
import { loadSplitHeads } from './test/split-heads';
import { cancelTraining, serveTrainModel, trainModel, type TrainModelOptions } from './train-model';

beforeAll(async () => {
  await tf.setBackend('wasm');
});

afterAll(async () => {
  await tf.setBackend('cpu');
});

/** The first images of each real split: a training small enough for a unit test (512 train, 300 test). */
const load = loadSplitHeads({ train: 512, test: 300 });

const RECIPE: TrainRecipe = {
  id: 'user-test-1',
  name: 'unit test model',
  arch: 'seq:d32-d10',
  dataset: 'mnist',
  trigger: { kind: 'badnet', patchSize: 3, value: 1 },
  target: 0,
  poisonRate: 0.1,
  epochs: 1,
  batchSize: 32,
  learningRate: 1e-3,
  seed: 7,
};

const options = (over: Partial<TrainModelOptions> = {}): TrainModelOptions => ({
  load,
  signal: new AbortController().signal,
  onProgress: () => {},
  backend: tf.getBackend(),
  ...over,
});

describe('trainModel (the worker handler of train-model)', () => {
  it('trains one epoch: finite loss, ACC and ASR in [0, 1], files that load back to the measured model, no tensor left', async () => {
    const before = tf.memory().numTensors;
    const phases: string[] = [];
    const epochs: { loss: number; accuracy: number; asr: number }[] = [];
    const model = await trainModel(RECIPE, options({ onProgress: (phase, epoch) => (phases.push(phase), epoch && epochs.push(epoch)) }));
    expect(tf.memory().numTensors).toBe(before);

    expect(epochs).toHaveLength(1);
    expect(Number.isFinite(epochs[0].loss)).toBe(true);
    for (const x of [epochs[0].accuracy, epochs[0].asr, model.entry.cleanAccuracy, model.entry.attackSuccessRate]) {
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThanOrEqual(1);
    }
    expect(phases[1]).toMatch(/^training epoch 1 of 1; poisoned 51 of 512 training images \(BadNet/);
    expect(phases.slice(2)).toEqual(['epochs done', 'measuring ACC and ASR on the test split']);
    const { entry } = model;
    expect(entry).toMatchObject({ origin: 'trained', id: RECIPE.id, arch: RECIPE.arch, target: 0, evaluatedOn: { clean: 300, backend: 'wasm' } });
    expect(entry.recipe).toMatchObject({ poisonRate: 0.1, poisonedCount: 51, seed: 7, epochs: 1, batchSize: 32, learningRate: 1e-3 });

    // the files are the trained model: decoded and measured again, they give the entry's figures
    const params = paramsFromLayersFiles(RECIPE.arch, JSON.parse(model.modelJson), model.weights);
    const test = await load('mnist', 'test');
    const again = await measureAccAndAsr(RECIPE.arch, params, toFloatImages(test), test.labels, RECIPE.trigger, RECIPE.target);
    disposeParams(params);
    expect([again.acc, again.asr]).toEqual([entry.cleanAccuracy, entry.attackSuccessRate]);

    // its recipe rebuilds the poisoned set it was trained on (what Trap and Replace trains from)
    const poisoning = poisoningOf(entry);
    if (!poisoning.ok) throw new Error(poisoning.reason);
    const train = await load('mnist', 'train');
    const { trigger, target, poisonRate: rate, seed } = poisoning.recipe;
    expect(poisonTrainingSet(trigger, toFloatImages(train), train.labels, { target, rate, seed }).poisonedIndices).toHaveLength(51);
    expect(tf.memory().numTensors).toBe(before);
  });

  it("trains the zoo's CNN and a described trigger alike", async () => {
    const before = tf.memory().numTensors;
    const patch = { kind: 'custom-patch', pattern: Array<number>(PIXELS).fill(1), mask: Array<number>(PIXELS).fill(0), x: 0, y: 0 } as const;
    patch.mask.fill(1, 0, 4);
    const model = await trainModel({ ...RECIPE, arch: 'cnn', trigger: patch, target: 3, batchSize: 64 }, options());
    expect(model.entry).toMatchObject({ arch: 'cnn', trigger: patch, target: 3 });
    expect(model.entry.cleanAccuracy).toBeGreaterThan(0);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('reports the steps within an epoch (throttled; here every step), the last one left to the epoch row', async () => {
    const steps: string[] = [];
    await trainModel(
      { ...RECIPE, batchSize: 128 },
      options({ stepReportMs: 0, onProgress: (phase, _, step) => step && steps.push(`${phase}: ${step.done}/${step.total}`) }),
    );
    expect(steps).toEqual(['training epoch 1 of 1: 1/4', 'training epoch 1 of 1: 2/4', 'training epoch 1 of 1: 3/4']);
  });

  it('is deterministic for a recipe: the same weights twice, other weights for another seed', async () => {
    const a = await trainModel(RECIPE, options());
    const b = await trainModel(RECIPE, options());
    const c = await trainModel({ ...RECIPE, seed: 8 }, options());
    expect(Buffer.from(a.weights).equals(Buffer.from(b.weights))).toBe(true);
    expect(Buffer.from(a.weights).equals(Buffer.from(c.weights))).toBe(false);
  });

  it('stops with a clear message when the loss diverges, and frees everything', async () => {
    const before = tf.memory().numTensors;
    // the zoo's 256-256 MLP blows up at Adam lr 1 within its first epoch (a 32-unit one does not)
    await expect(trainModel({ ...RECIPE, arch: 'mlp', learningRate: 1, epochs: 2 }, options())).rejects.toThrow(
      /^Training diverged at epoch 1: the mean loss is .+; try learning rate ≤ 0\.001\.$/,
    );
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses a recipe it cannot train before touching the data', async () => {
    let loaded = 0;
    const counting: TrainModelOptions['load'] = (d, s) => (loaded++, load(d, s));
    await expect(trainModel({ ...RECIPE, arch: 'seq:d32' }, options({ load: counting }))).rejects.toThrow(/must end with a dense layer of 10 units/);
    await expect(trainModel({ ...RECIPE, epochs: 0 }, options({ load: counting }))).rejects.toThrow(/epochs is 0, expected an integer from 1 to 200/);
    expect(loaded).toBe(0);
  });
});

describe('serveTrainModel', () => {
  it('posts progress then train-done with the weights transferred', async () => {
    const events: WorkerEvent[] = [];
    const transfers: Transferable[][] = [];
    await serveTrainModel(1, RECIPE, load, (event, transfer) => (events.push(event), transfers.push(transfer ?? [])));
    const done = events.at(-1);
    expect(done?.type).toBe('train-done');
    expect(events.filter((e) => e.type === 'train-progress' && e.epoch)).toHaveLength(1);
    if (done?.type === 'train-done') expect(transfers.at(-1)).toEqual([done.model.weights.buffer]);
  });

  it('a cancel for its id stops it within the epoch: train-failed, cancelled, no tensor left', async () => {
    const before = tf.memory().numTensors;
    const events: WorkerEvent[] = [];
    expect(cancelTraining(2)).toBe(false); // nothing runs under that id yet
    const served = serveTrainModel(2, { ...RECIPE, epochs: 3 }, load, (event) => {
      events.push(event);
      // a Cancel arriving as a later task, as the worker's message does: seen because each step yields
      if (event.type === 'train-progress' && event.epoch) setTimeout(() => expect(cancelTraining(2)).toBe(true), 0);
    });
    await served;
    expect(events.filter((e) => e.type === 'train-progress' && e.epoch)).toHaveLength(1);
    expect(events.at(-1)).toEqual({ type: 'train-failed', requestId: 2, message: 'Cancelled', cancelled: true });
    expect(cancelTraining(2)).toBe(false);
    expect(tf.memory().numTensors).toBe(before);
  });
});
