import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runFinetune, runMcr } from './defenses/baselines';
import { labelsOf, randomImages, tinyContext } from './defenses/testFixtures';
import { runTsc } from './defenses/tsc';
import { DivergenceError, lrSuggestion } from './divergence';
import { disposeParams, initParams } from './model/params';
import { DeviceDataset, sgdMomentumLoop } from './sgd';

beforeAll(async () => {
  await tf.setBackend('wasm');
});

afterAll(async () => {
  await tf.setBackend('cpu');
});

/** The error a promise rejects with (the test fails if it resolves). */
async function rejection(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => expect.fail('expected a rejection'),
    (err: unknown) => err,
  );
}

describe('divergence (src/engine/divergence.ts)', () => {
  it('a curve lr of 50 stops TSC in its first epoch with a DivergenceError that says what to change, and leaks nothing', async () => {
    const ctx = tinyContext({ rounds: 2, curveEpochs: 3, curveBatchSize: 16, curveLr: 50, curvePoints: 3 });
    const theta = initParams('mlp', 1);
    const before = tf.memory().numTensors;
    const err = await rejection(runTsc(ctx, theta));
    expect(err).toBeInstanceOf(DivergenceError);
    expect((err as Error).message).toBe('Round 1, stage 1 (fitting curve): curve lr 50 diverged at epoch 1, step 3 (loss 160 > 100); try curve lr ≤ 0.2.');
    expect(err).toMatchObject({ phase: 'fitting curve', round: 1, stage: 1, epoch: 1, step: 3, suggestion: 'try curve lr ≤ 0.2' });
    expect(tf.memory().numTensors).toBe(before);
    // nothing measured from the diverged curve reached the event stream
    expect(ctx.events.filter((e) => e.type !== 'progress')).toEqual([]);
    disposeParams(theta);
    ctx.dispose();
  });

  it('fine-tuning that diverges (the MCR endpoint, the FT baseline) names its own phase and setting', async () => {
    const theta = initParams('mlp', 2);
    const mcr = tinyContext({ defense: 'mcr', mcrEndpointEpochs: 2, mcrEndpointLr: 1e4, curveBatchSize: 16 });
    const ft = tinyContext({ defense: 'ft', rounds: 1, curveEpochs: 1, mcrEndpointLr: 1e4, curveBatchSize: 16 });
    const before = tf.memory().numTensors;
    const errors = [await rejection(runMcr(mcr, theta)), await rejection(runFinetune(ft, theta))];
    expect(errors.map((e) => (e as Error).message)).toEqual([
      'Round 1, stage 1 (fine-tuning MCR endpoint): mcrEndpointLr 10000 diverged at epoch 1, step 2 (loss 5.4e+12 > 100); try mcrEndpointLr ≤ 0.01.',
      'Round 1, stage 1 (fine-tuning): mcrEndpointLr 10000 diverged at epoch 1, step 2 (loss 1.7e+12 > 100); try mcrEndpointLr ≤ 0.01.',
    ]);
    expect(tf.memory().numTensors).toBe(before);
    [mcr, ft].forEach((c) => c.dispose());
    disposeParams(theta);
  });

  it('weights that overflow while the loss stays finite are caught at the end of the stage', async () => {
    const images = randomImages(8, 4);
    const data = new DeviceDataset(images, labelsOf(8, 0));
    const before = tf.memory().numTensors;
    const init = { w: tf.ones([3]) };
    // a zero loss with a gradient of 1e38: one step of lr 10 leaves w at -Infinity
    const gradient = (vars: Record<string, tf.Tensor>) => ({ loss: tf.scalar(0), grads: { w: [tf.mul(tf.onesLike(vars.w), 1e38)] } });
    const where = { phase: 'test', round: 1, stage: 1, lr: { name: 'lr', value: 10, safe: 0.1 } };
    const err = await rejection(sgdMomentumLoop(init, data, { epochs: 1, batchSize: 8, lr: 10, momentum: 0, weightDecay: 0, seed: 0, where }, gradient));
    expect((err as Error).message).toBe('Round 1, stage 1 (test): lr 10 diverged by the end of epoch 1 (weights NaN or infinite); try lr ≤ 0.1.');
    expect(tf.memory().numTensors).toBe(before);
    data.dispose();
  });

  it('a NaN loss names the step it first appeared at', async () => {
    const data = new DeviceDataset(randomImages(8, 5), labelsOf(8, 0));
    const before = tf.memory().numTensors;
    let calls = 0;
    const gradient = (vars: Record<string, tf.Tensor>) => ({ loss: tf.scalar(++calls === 3 ? NaN : 1), grads: { w: [tf.zerosLike(vars.w)] } });
    const where = { phase: 'test', round: 2, stage: 1, lr: { name: 'lr', value: 0.1, safe: 0.1 } };
    const opts = { epochs: 2, batchSize: 2, lr: 0.1, momentum: 0.9, weightDecay: 0, seed: 0, where };
    const err = await rejection(sgdMomentumLoop({ w: tf.ones([3]) }, data, opts, gradient));
    expect((err as Error).message).toBe('Round 2, stage 1 (test): lr 0.1 diverged at epoch 1, step 3 (loss NaN); try lr ≤ 0.01.');
    expect(tf.memory().numTensors).toBe(before);
    data.dispose();
  });

  it('suggests the known-good value, or a tenth of the current one when that already failed', () => {
    expect(lrSuggestion({ name: 'curve lr', value: 50, safe: 0.2 })).toBe('try curve lr ≤ 0.2');
    expect(lrSuggestion({ name: 'curve lr', value: 0.2, safe: 0.2 })).toBe('try curve lr ≤ 0.02');
  });
});
