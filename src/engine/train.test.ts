import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labelsOf, maxAbsDiff, randomImages } from './defenses/testFixtures';
import { lossAndAccuracy } from './evaluate';
import { disposeParams, initParams } from './model/params';
import { DeviceDataset } from './sgd';
import { trainClassifier, type TrainOptions } from './train';

beforeAll(async () => {
  await tf.setBackend('wasm');
});

afterAll(async () => {
  await tf.setBackend('cpu');
});

// 64 seeded images with fixed labels: small enough to fit in a few Adam steps.
const images = randomImages(64, 11);
const labels = labelsOf(64, 5);
const train = (opts: Partial<TrainOptions> = {}) =>
  trainClassifier('mlp', initParams('mlp', 4), images, labels, { epochs: 3, batchSize: 16, learningRate: 1e-3, seed: 1, ...opts });

describe('trainClassifier', () => {
  it('reduces the training loss, epoch by epoch and measured afresh', async () => {
    const data = new DeviceDataset(images, labels);
    const init = initParams('mlp', 4);
    const before = await lossAndAccuracy('mlp', init, data);
    const epochLosses: number[] = [];
    const trained = await train({ onEpoch: ({ meanLoss }) => void epochLosses.push(meanLoss) });
    const after = await lossAndAccuracy('mlp', trained, data);
    expect(epochLosses.length).toBe(3);
    expect(epochLosses[2]).toBeLessThan(epochLosses[0]);
    expect(after.loss).toBeLessThan(0.8 * before.loss);
    expect(after.accuracy).toBeGreaterThan(before.accuracy);
    [init, trained].forEach(disposeParams);
    data.dispose();
  });

  it('is deterministic for a seed, and the seed orders the batches', async () => {
    const a = await train();
    const b = await train();
    const c = await train({ seed: 2 });
    expect(await maxAbsDiff(a, b)).toBe(0);
    expect(await maxAbsDiff(a, c)).toBeGreaterThan(1e-4);
    [a, b, c].forEach(disposeParams);
  });

  it('owns its input and leaks no tensors, also when cancelled', async () => {
    const before = tf.memory().numTensors;
    disposeParams(await train({ epochs: 1 }));
    expect(tf.memory().numTensors).toBe(before);

    const controller = new AbortController();
    // aborted after the first of two epochs: the variables and Adam's moments exist by then
    await expect(train({ epochs: 2, signal: controller.signal, onEpoch: () => controller.abort() })).rejects.toThrow(/cancelled/i);
    expect(tf.memory().numTensors).toBe(before);
  });
});
