import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { bezierWeights } from './bezier';
import { curvePoint, fitBezierCurve, midpoint } from './curve';
import { PIXELS } from './data/datasets';
import { curveGrid } from './evaluate';
import { crossEntropy, forward } from './model/forward';
import { disposeParams, initParams } from './model/params';
import { makeRng, permutationOf } from './random';
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

describe('quadratic Bézier curve (docs/method.md §1.4)', () => {
  it('Bernstein weights sum to 1 and hit the endpoints', () => {
    for (const t of [0, 0.25, 0.4, 1]) expect(bezierWeights(t).reduce((a, b) => a + b)).toBeCloseTo(1, 12);
    expect(bezierWeights(0)).toEqual([1, 0, 0]);
    expect(bezierWeights(1)).toEqual([0, 0, 1]);
    // t = 0.4: 0.36·θA + 0.48·θc + 0.16·θB (docs/method.md §1.2 step 6)
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
    const images = Float32Array.from({ length: 64 * PIXELS }, () => rng());
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

  it('the hand-written update equals tfjs momentum on the whole loss (CE + 0.5·l2·‖θ(t)‖² + 0.5·wd·‖θc‖²) on the tape', async () => {
    // The reference is the textbook formulation: every term on the tape, tf.train.momentum
    // (v ← μv + g, θ ← θ − lr·v), the same t draws, batch order and cosine schedule.
    await tf.setBackend('cpu');
    const opts = { epochs: 2, batchSize: 16, lr: 0.05, momentum: 0.9, weightDecay: 5e-4, l2: 1e-4, seed: 4 };
    const rng = makeRng(8);
    const count = 40; // 3 batches per epoch, the last one partial
    const images = Float32Array.from({ length: count * PIXELS }, () => rng());
    const labels = Array.from({ length: count }, (_, i) => (i * 7) % 10);
    const data = new DeviceDataset(images, labels);
    const a = initParams('mlp', 5);
    const b = initParams('mlp', 6);
    const ours = await fitBezierCurve('mlp', a, b, data, opts);

    const init = midpoint(a, b);
    const vars = Object.fromEntries(Object.entries(init).map(([n, t]) => [n, tf.variable(t, true)]));
    const optimizer = tf.train.momentum(opts.lr, opts.momentum);
    const rngT = makeRng(`curve-t:${opts.seed}`);
    const rngBatch = makeRng(`sgd:${opts.seed}`);
    const total = opts.epochs * Math.ceil(count / opts.batchSize);
    let step = 0;
    for (let epoch = 0; epoch < opts.epochs; epoch++) {
      const order = permutationOf(count, rngBatch);
      for (let start = 0; start < count; start += opts.batchSize) {
        optimizer.setLearningRate(cosineLr(opts.lr, step++, total));
        const idx = tf.tensor1d(order.subarray(start, Math.min(start + opts.batchSize, count)), 'int32');
        const t = rngT();
        optimizer.minimize(() => {
          const theta = curvePoint(a, vars, b, t);
          const x = tf.gather(data.images, idx);
          const ce = crossEntropy(forward('mlp', theta, x), tf.gather(data.labels, idx));
          const l2 = tf.addN(Object.values(theta).map((p) => tf.sum(tf.square(p))));
          const wd = tf.addN(Object.values(vars).map((p) => tf.sum(tf.square(p))));
          return tf.addN([ce, tf.mul(l2, 0.5 * opts.l2), tf.mul(wd, 0.5 * opts.weightDecay)]) as tf.Scalar;
        });
        idx.dispose();
      }
    }
    for (const name of Object.keys(ours)) {
      const scale = Math.max(1e-3, (await tf.max(tf.abs(vars[name])).data())[0]);
      expect((await maxAbs(ours[name], vars[name])) / scale).toBeLessThan(1e-5);
    }
    expect(await maxAbs(ours['fc1/kernel'], init['fc1/kernel'])).toBeGreaterThan(1e-4); // it did train
    optimizer.dispose();
    tf.dispose([...Object.values(vars), ...Object.values(init)]);
    [a, b, ours].forEach(disposeParams);
    data.dispose();
    await tf.setBackend('wasm');
  });
});
