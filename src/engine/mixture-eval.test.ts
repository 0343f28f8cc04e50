import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, describe, expect, it } from 'vitest';
import { curvePoint, midpoint } from './curve';
import { labelsOf, randomImages } from './defenses/testFixtures';
import { curveGrid, EvalSet, evaluateCurve, evaluateCurveAndLine, evaluateLine, evaluateModel, lossAndAccuracy, type PointMetrics } from './evaluate';
import { evaluateMixtures, ProductCache } from './mixture-eval';
import type { ArchId } from './model/arch';
import { seededModel } from './model/generic-fixtures';
import { disposeParams, type Params } from './model/params';
import { disposePlaneBasis, evaluatePlane, planeBasis, planePoint } from './plane';

afterAll(async () => {
  await tf.setBackend('cpu');
});

/** θA, θB from seeds and θc pushed off the line between them, so the three span a plane. */
function threeModels(arch: ArchId) {
  const a = seededModel(arch, 21);
  const b = seededModel(arch, 22);
  const offset = seededModel(arch, 23);
  const mid = midpoint(a, b);
  const c = tf.tidy(() => Object.fromEntries(Object.keys(mid).map((n) => [n, tf.add(mid[n], tf.mul(offset[n], 0.7))])));
  [offset, mid].forEach(disposeParams);
  return { a, b, c };
}

/** Same counts of correct predictions (exactly) and the same losses to 1e-5, relative. */
function expectSame(factored: PointMetrics, direct: PointMetrics, where: string): void {
  for (const key of ['cleanLoss', 'poisonedLoss'] as const) {
    expect(Math.abs(factored[key] - direct[key]), `${where} ${key}`).toBeLessThanOrEqual(1e-5 * Math.abs(direct[key]));
  }
  expect(factored.acc, `${where} acc`).toBe(direct.acc);
  expect(factored.asr, `${where} asr`).toBe(direct.asr);
}

/** The old way: materialise the model, then run the whole forward pass on it. */
async function direct(arch: ArchId, theta: Params, set: EvalSet): Promise<PointMetrics> {
  try {
    return await evaluateModel(arch, theta, set);
  } finally {
    disposeParams(theta);
  }
}

describe.each([
  ['wasm', 'mlp'],
  ['wasm', 'cnn'],
  ['cpu', 'mlp'],
] as const)('evaluation of many mixed models on %s, %s (docs/method.md §1.6)', (backend, arch) => {
  it('curve points, the straight line and plane grid points equal the direct evaluation', async () => {
    await tf.setBackend(backend);
    const { a, b, c } = threeModels(arch);
    const set = EvalSet.build(randomImages(45, 31), labelsOf(45, 4), { kind: 'blended', alpha: 0.3, patternSeed: 5 }, 2);
    const points = backend === 'cpu' ? 3 : 6; // Node's cpu backend is slow
    const ts = curveGrid(points);
    const before = tf.memory().numTensors;

    const curve = await evaluateCurve(arch, a, c, b, set, points);
    const line = await evaluateLine(arch, a, b, set, points);
    const both = await evaluateCurveAndLine(arch, a, c, b, set, points);
    expect(curve.map((p) => p.t)).toEqual(ts);
    expect(line.map((p) => p.t)).toEqual(ts);
    const mid = midpoint(a, b);
    for (const [i, t] of ts.entries()) {
      const onCurve = await direct(arch, curvePoint(a, c, b, t), set);
      const onLine = await direct(arch, curvePoint(a, mid, b, t), set);
      expectSame(curve[i], onCurve, `curve t=${t}`);
      expectSame(both.curve[i], onCurve, `curve (with line) t=${t}`);
      expectSame(line[i], onLine, `line t=${t}`);
      expectSame(both.line[i], onLine, `line (with curve) t=${t}`);
    }
    disposeParams(mid);
    // the models differ enough that the comparison means something: losses and counts vary along the curve
    expect(new Set(curve.map((p) => p.cleanLoss.toFixed(4))).size).toBe(points);
    expect(new Set(curve.map((p) => p.acc)).size).toBeGreaterThan(1);

    const basis = await planeBasis(a, c, b);
    const afterBasis = tf.memory().numTensors;
    const grid = await evaluatePlane(arch, basis, set, { coarse: 3, finest: 3, margin: 0.5 });
    expect(tf.memory().numTensors).toBe(afterBasis);
    for (let j = 0; j < 3; j++) {
      for (let i = 0; i < 3; i++) {
        const m = await direct(arch, planePoint(basis, grid.xs[i], grid.ys[j]), set);
        const where = `plane (${i}, ${j})`;
        expect(Math.abs((grid.clean[j * 3 + i] ?? NaN) - m.cleanLoss), where).toBeLessThanOrEqual(1e-5 * m.cleanLoss);
        expect(Math.abs((grid.poisoned[j * 3 + i] ?? NaN) - m.poisonedLoss), where).toBeLessThanOrEqual(1e-5 * m.poisonedLoss);
      }
    }
    disposePlaneBasis(basis);
    expect(tf.memory().numTensors).toBe(before);
    set.dispose();
    [a, b, c].forEach(disposeParams);
  });

  it.each([true, false])('several batches, shared first layer %s: every point equals lossAndAccuracy on its materialised model', async (share) => {
    await tf.setBackend(backend);
    const { a, b, c } = threeModels(arch);
    const set = EvalSet.build(randomImages(30, 32), labelsOf(30, 6), { kind: 'badnet', patchSize: 3, value: 1 }, 0);
    const basis = await planeBasis(a, c, b);
    const [bx, cy] = [basis.coords.b[0], basis.coords.c[1]];
    const families: { models: Params[]; points: number[][] }[] = [
      {
        models: [basis.origin, basis.u, basis.v],
        points: [
          [1, 0, 0],
          [1, 1.3 * bx, -0.4 * cy],
          [1, -0.2 * bx, 1.5 * cy],
        ],
      },
      // a curve point, and the all-zero model (logits 0, loss ln 10)
      {
        models: [a, c, b],
        points: [
          [0.49, 0.42, 0.09],
          [0, 0, 0],
        ],
      },
    ];
    const batchSize = 7; // 30 = 4·7 + 2: the last batch is short
    for (const { models, points } of families) {
      const before = tf.memory().numTensors;
      // two calls sharing one cache: the second takes the first's products, batch by batch
      const cache = new ProductCache();
      const opts = { batchSize, share, cache };
      const factored = [
        ...(await evaluateMixtures(arch, models, points.slice(0, 1), set, opts)),
        ...(await evaluateMixtures(arch, models, points.slice(1), set, opts)),
      ];
      cache.dispose();
      expect(tf.memory().numTensors).toBe(before);
      for (const [k, coeffs] of points.entries()) {
        const theta = tf.tidy(() => Object.fromEntries(Object.keys(a).map((n) => [n, tf.addN(models.map((p, i) => tf.mul(p[n], coeffs[i])))])));
        const clean = await lossAndAccuracy(arch, theta, set.clean, batchSize);
        const poisoned = await lossAndAccuracy(arch, theta, set.poisoned, batchSize);
        disposeParams(theta);
        const direct = { cleanLoss: clean.loss, poisonedLoss: poisoned.loss, acc: clean.accuracy, asr: poisoned.accuracy };
        expectSame(factored[k], direct, `point ${coeffs.join(', ')}`);
      }
    }
    expect(await evaluateMixtures(arch, [a], [], set)).toEqual([]);
    disposePlaneBasis(basis);
    set.dispose();
    [a, b, c].forEach(disposeParams);
  });
});
