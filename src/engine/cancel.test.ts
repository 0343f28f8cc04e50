import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fitBezierCurve } from './curve';
import { PIXELS } from './data/datasets';
import { disposeParams, initParams } from './model/params';
import { defenseInput } from './node/zoo';
import { makeRng } from './random';
import { runDefense } from './run-defense';
import { DeviceDataset } from './sgd';

beforeAll(async () => {
  await tf.setBackend('wasm');
});
afterAll(async () => {
  await tf.setBackend('cpu');
});

/**
 * A Cancel reaches the worker as a message: a task that runs only when the run yields. The tests
 * abort from a timer set at step K, as a message arriving while step K + 1 computes would.
 */
const K = 3;

describe('cancel within one training step', () => {
  it('a curve fit aborted after step K stops by step K + 1 and leaks nothing', async () => {
    const rng = makeRng(7);
    const n = 640; // 20 steps of 32 in one epoch: before, the abort was seen only after all 20
    const data = new DeviceDataset(
      Float32Array.from({ length: n * PIXELS }, () => rng()),
      Array.from({ length: n }, (_, i) => i % 10),
    );
    const a = initParams('mlp', 1);
    const b = initParams('mlp', 2);
    const before = tf.memory().numTensors;
    const controller = new AbortController();
    let lastStep = 0;
    let abortedAt = 0;
    const fit = fitBezierCurve('mlp', a, b, data, {
      epochs: 1,
      batchSize: 32,
      lr: 0.02,
      momentum: 0.9,
      weightDecay: 5e-4,
      l2: 1e-4,
      seed: 1,
      signal: controller.signal,
      onStep: ({ step }) => {
        lastStep = step;
        if (step === K)
          setTimeout(() => {
            abortedAt = performance.now();
            controller.abort();
          }, 0);
      },
    });
    await expect(fit).rejects.toThrow(/Cancelled/);
    const latencyMs = performance.now() - abortedAt;
    expect(lastStep).toBeGreaterThanOrEqual(K);
    expect(lastStep).toBeLessThanOrEqual(K + 1);
    expect(tf.memory().numTensors).toBe(before);
    console.log(`[cancel] curve fit: aborted after step ${K}, stopped after step ${lastStep}, ${latencyMs.toFixed(1)} ms after the abort`);
    [a, b].forEach(disposeParams);
    data.dispose();
  });

  it('a whole run aborted mid-epoch stops within a step, emits no stage and leaks nothing', async () => {
    const input = await defenseInput('mnist-mlp-badnet');
    const before = tf.memory().numTensors;
    const controller = new AbortController();
    let lastStep = 0;
    const events: string[] = [];
    const run = runDefense(
      input,
      // 5 % of 60,000 images at batch 64: 47 steps in the epoch
      { rounds: 1, curveEpochs: 1, cleanFraction: 0.05, evalSamples: 100, testSamples: 200, curvePoints: 5 },
      {
        signal: controller.signal,
        emit: (e) => {
          events.push(e.type);
          if (e.type !== 'progress' || e.phase !== 'fitting curve') return;
          lastStep = e.step;
          if (e.step === K) setTimeout(() => controller.abort(), 0);
        },
      },
    );
    await expect(run).rejects.toThrow(/Cancelled/);
    expect(lastStep).toBeLessThanOrEqual(K + 1);
    expect(events).not.toContain('stage');
    expect(tf.memory().numTensors).toBe(before);
    disposeParams(input.params);
  });
});
