import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { curvePoint, midpoint } from './curve';
import { PIXELS } from './data/datasets';
import { EvalSet, evaluateModel } from './evaluate';
import { disposeParams, initParams, type Params } from './model/params';
import { curveInPlane } from './bezier';
import { disposePlaneBasis, evaluatePlane, planeBasis, planeExtent, planePoint, refinementLevels } from './plane';
import { makeRng } from './random';

beforeAll(async () => {
  await tf.setBackend('wasm');
});

async function maxParamDiff(p: Params, q: Params): Promise<number> {
  const d = tf.tidy(() => tf.max(tf.stack(Object.keys(p).map((n) => tf.max(tf.abs(tf.sub(p[n], q[n])))))));
  const v = (await d.data())[0];
  d.dispose();
  return v;
}

/** three MLPs in general position: a and b from seeds, c the midpoint pushed off the line */
function threePoints() {
  const a = initParams('mlp', 11);
  const b = initParams('mlp', 12);
  const offset = initParams('mlp', 13);
  const mid = midpoint(a, b);
  const c = tf.tidy(() => Object.fromEntries(Object.keys(mid).map((n) => [n, tf.add(mid[n], tf.mul(offset[n], 0.5))])));
  [offset, mid].forEach(disposeParams);
  return { a, b, c };
}

function tinyEvalSet(): EvalSet {
  const rng = makeRng('plane-test');
  const images = Float32Array.from({ length: 40 * PIXELS }, () => rng());
  const labels = Uint8Array.from({ length: 40 }, (_, i) => i % 10);
  return EvalSet.build(images, labels, { kind: 'badnet', patchSize: 3, value: 1 }, 0);
}

describe('loss plane through θA, θc, θB (Garipov et al.)', () => {
  it('the basis reproduces all three points and every point of the Bézier curve', async () => {
    const { a, b, c } = threePoints();
    const basis = await planeBasis(a, c, b);
    expect(basis.coords.a).toEqual([0, 0]);
    expect(basis.coords.b[1]).toBe(0);
    expect(basis.coords.c[1]).toBeGreaterThan(0);
    for (const [name, point, xy] of [
      ['θB', b, basis.coords.b],
      ['θc', c, basis.coords.c],
    ] as const) {
      const back = planePoint(basis, xy[0], xy[1]);
      expect(await maxParamDiff(back, point), name).toBeLessThan(1e-5);
      disposeParams(back);
    }
    for (const t of [0.25, 0.4, 0.9]) {
      const onCurve = curvePoint(a, c, b, t);
      const [x, y] = curveInPlane(basis.coords, t);
      const inPlane = planePoint(basis, x, y);
      expect(await maxParamDiff(onCurve, inPlane)).toBeLessThan(1e-5);
      [onCurve, inPlane].forEach(disposeParams);
    }
    disposePlaneBasis(basis);
    [a, b, c].forEach(disposeParams);
  });

  it('refuses collinear points with a message that says what to do', async () => {
    const a = initParams('mlp', 1);
    const b = initParams('mlp', 2);
    const mid = midpoint(a, b);
    const before = tf.memory().numTensors;
    await expect(planeBasis(a, mid, b)).rejects.toThrow(/collinear.*Fit the curve first/);
    expect(tf.memory().numTensors).toBe(before);
    [a, b, mid].forEach(disposeParams);
  });

  it('coarse-to-fine levels reuse every point: 11 → 21 → 41', () => {
    expect(refinementLevels(11, 21)).toEqual([11, 21]);
    expect(refinementLevels(11, 41)).toEqual([11, 21, 41]);
    expect(refinementLevels(5, 5)).toEqual([5]);
  });

  it('the grid covers the three points with a margin; refinement keeps the coarse values and evaluates each point once', async () => {
    const { a, b, c } = threePoints();
    const basis = await planeBasis(a, c, b);
    const set = tinyEvalSet();
    const before = tf.memory().numTensors;
    const snapshots: { n: number; done: number; total: number }[] = [];
    let coarse: (number | null)[] = [];
    const grid = await evaluatePlane('mlp', basis, set, {
      coarse: 3,
      finest: 5,
      margin: 0.5,
      onRow: ({ grid: g, done, total }) => {
        snapshots.push({ n: g.n, done, total });
        if (g.n === 3) coarse = [...g.clean];
      },
    });
    expect(tf.memory().numTensors).toBe(before);
    expect(grid.n).toBe(5);
    expect(grid.clean.every((v) => v !== null && Number.isFinite(v))).toBe(true);
    expect(snapshots.at(-1)).toEqual({ n: 5, done: 25, total: 25 });
    for (let j = 0; j < 3; j++) for (let i = 0; i < 3; i++) expect(grid.clean[2 * j * 5 + 2 * i]).toBe(coarse[j * 3 + i]);
    const extent = planeExtent(basis.coords, 0.5);
    expect(grid.xs[0]).toBeCloseTo(extent.x[0], 6);
    expect(grid.xs[4]).toBeCloseTo(extent.x[1], 6);
    expect(extent.x[0]).toBeLessThan(0);
    expect(extent.x[1]).toBeGreaterThan(basis.coords.b[0]);
    expect(extent.y[1] - extent.y[0]).toBeCloseTo(basis.coords.c[1] + (extent.x[1] - extent.x[0]) / 2, 4); // equal units: same pad on y
    const zoomed = planeExtent(basis.coords, 0.5, false);
    expect(zoomed.y).toEqual([-0.5 * basis.coords.c[1], 1.5 * basis.coords.c[1]]); // y pad from the points' own height
    // a grid point's value is the model's loss at that point of weight space
    const theta = planePoint(basis, grid.xs[1], grid.ys[3]);
    const direct = await evaluateModel('mlp', theta, set);
    expect(grid.clean[3 * 5 + 1]).toBeCloseTo(direct.cleanLoss, 5);
    expect(grid.poisoned[3 * 5 + 1]).toBeCloseTo(direct.poisonedLoss, 5);
    disposeParams(theta);
    set.dispose();
    disposePlaneBasis(basis);
    [a, b, c].forEach(disposeParams);
  });

  it('stops at the next point once aborted, leaking nothing', async () => {
    const { a, b, c } = threePoints();
    const basis = await planeBasis(a, c, b);
    const set = tinyEvalSet();
    const before = tf.memory().numTensors;
    const controller = new AbortController();
    let rows = 0;
    const run = evaluatePlane('mlp', basis, set, { coarse: 3, finest: 9, signal: controller.signal, onRow: () => ++rows === 2 && controller.abort() });
    await expect(run).rejects.toThrow(/cancel/i);
    expect(rows).toBe(2);
    expect(tf.memory().numTensors).toBe(before);
    set.dispose();
    disposePlaneBasis(basis);
    [a, b, c].forEach(disposeParams);
  });
});
