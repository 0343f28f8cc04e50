import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { bezierWeights } from './bezier';
import { curvePoint, fitBezierCurve, midpoint } from './curve';
import { curveGrid } from './evaluate';
import { disposeParams, initParams } from './model/params';
import { makeRng } from './random';
import { DeviceDataset, cosineLr } from './sgd';

beforeAll(async () => {
  await tf.setBackend('wasm');
});

const maxAbs = async (a: tf.Tensor, b: tf.Tensor) => {
  const d = tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))));
  const v = (await d.data())[0];
  d.dispose();
  return v;
};

describe('quadratic Bézier curve (method.md §1.4)', () => {
  it('Bernstein weights sum to 1 and hit the endpoints', () => {
    for (const t of [0, 0.25, 0.4, 1]) expect(bezierWeights(t).reduce((a, b) => a + b)).toBeCloseTo(1, 12);
    expect(bezierWeights(0)).toEqual([1, 0, 0]);
    expect(bezierWeights(1)).toEqual([0, 0, 1]);
    // t = 0.4: 0.36·θA + 0.48·θc + 0.16·θB (method.md §1.2 step 6)
    bezierWeights(0.4).forEach((w, i) => expect(w).toBeCloseTo([0.36, 0.48, 0.16][i], 12));
  });

  it('θ(0) = θA, θ(1) = θB, and the midpoint control gives the straight line', async () => {
    const a = initParams('mlp', 1);
    const b = initParams('mlp', 2);
    const c = midpoint(a, b);
    const p0 = curvePoint(a, c, b, 0);
    const p1 = curvePoint(a, c, b, 1);
    const pm = curvePoint(a, c, b, 0.3);
    expect(await maxAbs(p0['fc1/kernel'], a['fc1/kernel'])).toBe(0);
    expect(await maxAbs(p1['fc2/bias'], b['fc2/bias'])).toBe(0);
    const straight = tf.add(tf.mul(a['fc1/kernel'], 0.7), tf.mul(b['fc1/kernel'], 0.3));
    expect(await maxAbs(pm['fc1/kernel'], straight)).toBeLessThan(1e-6);
    straight.dispose();
    [a, b, c, p0, p1, pm].forEach(disposeParams);
  });

  it('21-point grid is 0, 0.05, …, 1', () => {
    const g = curveGrid(21);
    expect(g.length).toBe(21);
    expect(g[8]).toBe(0.4);
    expect(g[20]).toBe(1);
  });

  it('cosine schedule falls from lr to 0 over the real number of steps', () => {
    expect(cosineLr(0.02, 0, 100)).toBeCloseTo(0.02, 12);
    expect(cosineLr(0.02, 50, 100)).toBeCloseTo(0.01, 12);
    expect(cosineLr(0.02, 100, 100)).toBeCloseTo(0, 12);
  });

  it('fitting trains only θc: endpoints stay fixed, θc leaves the midpoint, no tensors leak', async () => {
    const rng = makeRng(3);
    const images = Float32Array.from({ length: 64 * 784 }, () => rng());
    const labels = Array.from({ length: 64 }, (_, i) => i % 10);
    const data = new DeviceDataset(images, labels);
    const a = initParams('mlp', 5);
    const b = initParams('mlp', 6);
    const aCopy = a['fc1/kernel'].clone();
    const before = tf.memory().numTensors;
    const c = await fitBezierCurve('mlp', a, b, data, { epochs: 2, batchSize: 32, lr: 0.02, momentum: 0.9, weightDecay: 5e-4, l2: 1e-4, seed: 1 });
    const mid = midpoint(a, b);
    expect(await maxAbs(a['fc1/kernel'], aCopy)).toBe(0);
    expect(await maxAbs(c['fc3/kernel'], mid['fc3/kernel'])).toBeGreaterThan(1e-4);
    disposeParams(mid);
    disposeParams(c);
    expect(tf.memory().numTensors).toBe(before);
    [a, b].forEach(disposeParams);
    aCopy.dispose();
    data.dispose();
  });
});
