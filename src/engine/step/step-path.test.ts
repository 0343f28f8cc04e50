import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { fitBezierCurve } from '../curve';
import { PIXELS } from '../data/datasets';
import { crossEntropyGrads } from '../model/forward';
import { cloneParams, disposeParams, initParams, paramsToArrays, type Params } from '../model/params';
import { makeRng } from '../random';
import { DeviceDataset, sgdMomentumLoop } from '../sgd';
import { maxAbsDiff } from './fused-cases';
import { stepPath, withStepPath } from './step-path';

beforeAll(async () => {
  await tf.setBackend('wasm');
});

function dataset(seed: number, count: number): DeviceDataset {
  const rng = makeRng(seed);
  return new DeviceDataset(
    Float32Array.from({ length: count * PIXELS }, () => rng()),
    Array.from({ length: count }, (_, i) => i % 10),
  );
}

async function largestDiff(x: Params, y: Params): Promise<number> {
  const [ax, ay] = [await paramsToArrays(x), await paramsToArrays(y)];
  return Math.max(...Object.keys(ax).map((n) => maxAbsDiff(ax[n], ay[n])));
}

const sgd = { epochs: 2, batchSize: 16, lr: 0.05, momentum: 0.9, weightDecay: 5e-4, seed: 4 };

describe('the lean and fused-per-tensor step paths train the same weights as the reference path (same seeds)', () => {
  it.each(['mlp', 'cnn'] as const)('fitBezierCurve on the %s, bit for bit on WASM, leaking no tensors', async (arch) => {
    const data = dataset(7, 40); // 3 batches per epoch, the last one partial
    const a = initParams(arch, 1);
    const b = initParams(arch, 2);
    const before = tf.memory().numTensors;
    const opts = { ...sgd, l2: 1e-2 };
    const reference = await withStepPath('reference', () => fitBezierCurve(arch, a, b, data, opts));
    const lean = await withStepPath('lean', () => fitBezierCurve(arch, a, b, data, opts));
    const perTensor = await withStepPath('fused-per-tensor', () => fitBezierCurve(arch, a, b, data, opts));
    const start = await withStepPath('lean', () => fitBezierCurve(arch, a, b, data, { ...opts, epochs: 0 }));
    expect(await largestDiff(lean, reference)).toBe(0);
    expect(await largestDiff(perTensor, reference)).toBe(0);
    expect(await largestDiff(lean, start)).toBeGreaterThan(1e-4); // it trained: equal by moving
    [reference, lean, perTensor, start].forEach(disposeParams);
    expect(tf.memory().numTensors).toBe(before);
    [a, b].forEach(disposeParams);
    data.dispose();
  });

  it('sgdMomentumLoop (fine-tuning), bit for bit on WASM', async () => {
    const data = dataset(8, 40);
    const init = initParams('mlp', 3);
    const train = () =>
      sgdMomentumLoop(cloneParams(init), data, sgd, (vars, x, y) => {
        const { loss, grads } = crossEntropyGrads('mlp', vars, x, y);
        return { loss, grads: Object.fromEntries(Object.entries(grads).map(([n, g]) => [n, [g]])) };
      });
    const reference = await withStepPath('reference', train);
    const lean = await withStepPath('lean', train);
    const perTensor = await withStepPath('fused-per-tensor', train);
    expect(await largestDiff(lean, reference)).toBe(0);
    expect(await largestDiff(perTensor, reference)).toBe(0);
    expect(await largestDiff(lean, init)).toBeGreaterThan(1e-4);
    [reference, lean, perTensor, init].forEach(disposeParams);
    data.dispose();
  });

  it('the opt-in hand-written MLP backward (lean-mlp-backward) gives the same curve to 1e-5', async () => {
    const data = dataset(9, 40);
    const a = initParams('mlp', 1);
    const b = initParams('mlp', 2);
    const opts = { ...sgd, l2: 1e-2 };
    const reference = await withStepPath('reference', () => fitBezierCurve('mlp', a, b, data, opts));
    const explicit = await withStepPath('lean-mlp-backward', () => fitBezierCurve('mlp', a, b, data, opts));
    const diff = await largestDiff(explicit, reference);
    expect(diff).toBeLessThan(1e-5);
    expect(diff).toBeGreaterThan(0); // it did take the other gradient path
    [reference, explicit, a, b].forEach(disposeParams);
    data.dispose();
  });
});

describe('the default step path', () => {
  it.each(['wasm', 'cpu'])('is fused-per-tensor on %s (measured faster there, same bits)', async (backend) => {
    await tf.setBackend(backend);
    expect(stepPath()).toBe('fused-per-tensor');
    await tf.setBackend('wasm');
  });
});
