import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DeviceDataset } from './sgd';
import { labelsOf, randomImages } from './defenses/testFixtures';
import { curveGrid, EvalSet, evaluateCurve } from './evaluate';
import { evaluateMixtures, ProductCache } from './mixture-eval';
import { disposeParams, initParams } from './model/params';

/** Counts the batches evaluateMixtures computes (it asks its cache once per batch), and can abort at one. */
class CountingCache extends ProductCache {
  batches = 0;
  constructor(private readonly abortAt?: { batch: number; controller: AbortController }) {
    super();
  }
  override get(data: DeviceDataset, start: number, compute: () => tf.Tensor[]): tf.Tensor[] {
    this.batches++;
    if (this.batches === this.abortAt?.batch) this.abortAt.controller.abort();
    return super.get(data, start, compute);
  }
}

const BATCH = 7;
// 30 clean images (5 batches of 7) and 27 triggered non-target ones (4 batches)
const set = () => EvalSet.build(randomImages(30, 41), labelsOf(30, 6), { kind: 'badnet', patchSize: 3, value: 1 }, 0);
const models = () => [initParams('mlp', 1), initParams('mlp', 2), initParams('mlp', 3)];
const points = curveGrid(4).map((t) => [(1 - t) ** 2, 2 * t * (1 - t), t ** 2]);

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('a Cancel between evaluation batches (src/engine/cancel.ts)', () => {
  it('aborted after the first batch: rejects with the AbortError, computes no further batch and leaks nothing', async () => {
    const [data, basis] = [set(), models()];
    const before = tf.memory().numTensors;
    const controller = new AbortController();
    const cache = new CountingCache();
    // the first batch runs before the first await; the abort lands before the yield after it
    const evaluation = evaluateMixtures('mlp', basis, points, data, { batchSize: BATCH, cache, signal: controller.signal });
    controller.abort();
    const err = await evaluation.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DOMException);
    expect(err).toMatchObject({ name: 'AbortError', message: 'Cancelled' });
    expect(cache.batches).toBe(1);
    cache.dispose();
    expect(tf.memory().numTensors).toBe(before);
    data.dispose();
    basis.forEach(disposeParams);
  });

  it.each([3, 6])('aborted while batch %i computes (clean set, then the first triggered batch): stops right after it', async (batch) => {
    const [data, basis] = [set(), models()];
    const before = tf.memory().numTensors;
    const controller = new AbortController();
    const cache = new CountingCache({ batch, controller });
    await expect(evaluateMixtures('mlp', basis, points, data, { batchSize: BATCH, cache, signal: controller.signal })).rejects.toThrow('Cancelled');
    expect(cache.batches).toBe(batch);
    cache.dispose();
    expect(tf.memory().numTensors).toBe(before);
    data.dispose();
    basis.forEach(disposeParams);
  });

  it('a signal that never fires changes nothing: the same numbers, every batch computed', async () => {
    const [data, basis] = [set(), models()];
    const before = tf.memory().numTensors;
    const cache = new CountingCache();
    const plain = await evaluateMixtures('mlp', basis, points, data, { batchSize: BATCH });
    const watched = await evaluateMixtures('mlp', basis, points, data, { batchSize: BATCH, cache, signal: new AbortController().signal });
    expect(watched).toEqual(plain);
    expect(cache.batches).toBe(5 + 4);
    cache.dispose();
    expect(tf.memory().numTensors).toBe(before);
    data.dispose();
    basis.forEach(disposeParams);
  });

  it('evaluateCurve passes its signal on', async () => {
    const [data, [a, c, b]] = [set(), models()];
    const before = tf.memory().numTensors;
    const controller = new AbortController();
    const curve = evaluateCurve('mlp', a, c, b, data, 5, controller.signal);
    controller.abort();
    await expect(curve).rejects.toThrow('Cancelled');
    expect(tf.memory().numTensors).toBe(before);
    data.dispose();
    [a, c, b].forEach(disposeParams);
  });
});
