import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, describe, expect, it } from 'vitest';
import { curvePoint } from './curve';
import { labelsOf, randomImages } from './defenses/testFixtures';
import { EvalSet, evaluateCurve, evaluateModel, type PointMetrics } from './evaluate';
import type { ArchId } from './model/arch';
import { shareFirstLayer } from './model/first-layer-mix';
import { DEEP_MLP, seededModel, VALID_CNN } from './model/generic-fixtures';
import { disposeParams, type Params } from './model/params';
import { disposePlaneBasis, evaluatePlane, planeBasis, planePoint } from './plane';

afterAll(async () => {
  await tf.setBackend('cpu');
});

/** The metrics of one materialised model (the reference the mixture paths must equal); consumes `theta`. */
async function direct(arch: ArchId, theta: Params, set: EvalSet): Promise<PointMetrics> {
  try {
    return await evaluateModel(arch, theta, set);
  } finally {
    disposeParams(theta);
  }
}

function expectSame(mixed: { cleanLoss: number; poisonedLoss: number }, ref: PointMetrics, where: string): void {
  for (const key of ['cleanLoss', 'poisonedLoss'] as const) expect(Math.abs(mixed[key] - ref[key]), `${where} ${key}`).toBeLessThanOrEqual(1e-5 * ref[key]);
}

describe('curve and plane evaluation on generic architectures (WASM)', () => {
  it('the first layer is shared only when it is dense', () => {
    expect([shareFirstLayer('mlp'), shareFirstLayer('cnn'), shareFirstLayer(DEEP_MLP), shareFirstLayer(VALID_CNN)]).toEqual([true, false, true, false]);
  });

  for (const arch of [DEEP_MLP, VALID_CNN]) {
    it(`${arch}: curve points and plane grid points equal the direct evaluation, no leaked tensor`, async () => {
      await tf.setBackend('wasm');
      const [a, b, c] = [seededModel(arch, 21), seededModel(arch, 22), seededModel(arch, 23)];
      const set = EvalSet.build(randomImages(40, 31), labelsOf(40, 4), { kind: 'badnet', patchSize: 3, value: 1 }, 2);
      const before = tf.memory().numTensors;
      const curve = await evaluateCurve(arch, a, c, b, set, 4);
      for (const p of curve) expectSame(p, await direct(arch, curvePoint(a, c, b, p.t), set), `curve t=${p.t}`);
      expect(new Set(curve.map((p) => p.cleanLoss.toFixed(4))).size).toBe(4);

      const basis = await planeBasis(a, c, b);
      const grid = await evaluatePlane(arch, basis, set, { coarse: 3, finest: 3, margin: 0.5 });
      for (let j = 0; j < 3; j++) {
        for (let i = 0; i < 3; i++) {
          const ref = await direct(arch, planePoint(basis, grid.xs[i], grid.ys[j]), set);
          expectSame({ cleanLoss: grid.clean[j * 3 + i] ?? NaN, poisonedLoss: grid.poisoned[j * 3 + i] ?? NaN }, ref, `plane (${i}, ${j})`);
        }
      }
      disposePlaneBasis(basis);
      expect(tf.memory().numTensors).toBe(before);
      set.dispose();
      [a, b, c].forEach(disposeParams);
    });
  }
});
