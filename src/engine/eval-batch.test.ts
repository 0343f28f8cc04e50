import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, describe, expect, it } from 'vitest';
import { labelsOf, randomImages } from './defenses/testFixtures';
import { evalPath, groupSizes, withEvalPath, type EvalPath } from './eval-batch';
import { curveGrid, EvalSet, type PointMetrics } from './evaluate';
import { bezierWeights } from './bezier';
import { evaluateMixtures } from './mixture-eval';
import { ARCHS } from './model/arch';
import { disposeParams, initParams, type Params } from './model/params';
import { disposePlaneBasis, evaluatePlane, planeBasis } from './plane';
import { makeRng } from './random';

afterAll(async () => {
  await tf.setBackend('cpu');
});

/** initParams with random biases too, so that the biases' stacking is tested. */
function seededMlp(seed: number): Params {
  const params = initParams('mlp', seed);
  const rng = makeRng(`eval-batch:${seed}`);
  for (const spec of ARCHS.mlp.params.filter((p) => p.role === 'bias')) {
    params[spec.name].dispose();
    params[spec.name] = tf.tensor1d(Float32Array.from({ length: spec.shape[0] }, () => 0.4 * rng() - 0.2));
  }
  return params;
}

/** Losses to 1e-5 relative, accuracies to 1e-5 absolute (a single flipped prediction among 30 images would be 0.03). */
function expectClose(got: PointMetrics[], want: PointMetrics[]): void {
  expect(got.length).toBe(want.length);
  for (const [j, w] of want.entries()) {
    for (const key of ['cleanLoss', 'poisonedLoss'] as const)
      expect(Math.abs(got[j][key] - w[key]), `point ${j} ${key}`).toBeLessThanOrEqual(1e-5 * Math.abs(w[key]));
    for (const key of ['acc', 'asr'] as const) expect(Math.abs(got[j][key] - w[key]), `point ${j} ${key}`).toBeLessThanOrEqual(1e-5);
  }
}

/** The metrics and how many kernels ran, on one evaluation path. */
async function onPath<T>(path: EvalPath, f: () => Promise<T>): Promise<{ result: T; kernels: number }> {
  let result: T | undefined;
  const info = await withEvalPath(path, () =>
    tf.profile(async () => {
      result = await f();
      return [];
    }),
  );
  return { result: result as T, kernels: info.kernels.length };
}

describe('point groups under the memory budget (src/engine/eval-batch.ts)', () => {
  it('as few groups as the budget allows, evenly filled', () => {
    expect(groupSizes(21, 1000)).toEqual([21]);
    expect(groupSizes(42, 1000)).toEqual([21, 21]);
    expect(groupSizes(5, 10_000)).toEqual([3, 2]);
    expect(groupSizes(3, 1_000_000)).toEqual([1, 1, 1]);
  });

  it('per-point is the default on wasm and cpu (eval-batch.ts says why) and withEvalPath restores it', async () => {
    for (const backend of ['wasm', 'cpu']) {
      await tf.setBackend(backend);
      expect(evalPath()).toBe('per-point');
      await withEvalPath('batched', async () => expect(evalPath()).toBe('batched'));
      expect(evalPath()).toBe('per-point');
    }
  });
});

describe.each(['wasm', 'cpu'] as const)('batched evaluation of an MLP curve on %s equals the per-point reference', (backend) => {
  // batch 7: many batches, one point group; batch 10,000: one batch, groups of 3 (groupSizes above)
  it.each([7, 10_000])('batch size %i: curve and line points, fewer kernels, no leak', async (batchSize) => {
    await tf.setBackend(backend);
    const [a, c, b] = [seededMlp(1), seededMlp(2), seededMlp(3)];
    const set = EvalSet.build(randomImages(30, 7), labelsOf(30, 3), { kind: 'badnet', patchSize: 3, value: 1 }, 0);
    const ts = curveGrid(backend === 'cpu' ? 3 : 5);
    const points = [...ts.map(bezierWeights), ...ts.map((t) => [1 - t, 0, t])];
    const before = tf.memory().numTensors;
    const evaluate = () => evaluateMixtures('mlp', [a, c, b], points, set, { batchSize });
    const reference = await onPath('per-point', evaluate);
    const batched = await onPath('batched', evaluate);
    expect(tf.memory().numTensors).toBe(before);
    expectClose(batched.result, reference.result);
    // the comparison means something: the points differ
    expect(new Set(reference.result.map((m) => m.cleanLoss.toFixed(4))).size).toBeGreaterThan(points.length / 2);
    expect(batched.kernels).toBeLessThan(reference.kernels / 2);
    set.dispose();
    [a, c, b].forEach(disposeParams);
  });

  it('a Cancel between batches stops the batched path and leaks nothing', async () => {
    await tf.setBackend(backend);
    const basis = [seededMlp(7), seededMlp(8), seededMlp(9)];
    const set = EvalSet.build(randomImages(30, 9), labelsOf(30, 2), { kind: 'badnet', patchSize: 3, value: 1 }, 0);
    const before = tf.memory().numTensors;
    const controller = new AbortController();
    await withEvalPath('batched', async () => {
      // the first batch runs before the first await; the abort lands before the yield after it
      const evaluation = evaluateMixtures('mlp', basis, curveGrid(4).map(bezierWeights), set, { batchSize: 7, signal: controller.signal });
      controller.abort();
      await expect(evaluation).rejects.toThrow('Cancelled');
    });
    expect(tf.memory().numTensors).toBe(before);
    set.dispose();
    basis.forEach(disposeParams);
  });

  it('a loss plane (rows through a kept product cache) equals the reference', async () => {
    await tf.setBackend(backend);
    const [a, c, b] = [seededMlp(4), seededMlp(5), seededMlp(6)];
    const set = EvalSet.build(randomImages(20, 8), labelsOf(20, 1), { kind: 'blended', alpha: 0.3, patternSeed: 5 }, 2);
    const basis = await planeBasis(a, c, b);
    const before = tf.memory().numTensors;
    const plane = () => evaluatePlane('mlp', basis, set, { coarse: 3, finest: 3, margin: 0.5 });
    const reference = (await onPath('per-point', plane)).result;
    const batched = (await onPath('batched', plane)).result;
    expect(tf.memory().numTensors).toBe(before);
    for (const key of ['clean', 'poisoned'] as const) {
      for (const [i, want] of reference[key].entries()) expect(Math.abs((batched[key][i] ?? NaN) - (want ?? NaN))).toBeLessThanOrEqual(1e-5 * (want ?? NaN));
    }
    disposePlaneBasis(basis);
    set.dispose();
    [a, c, b].forEach(disposeParams);
  });
});
