import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fitBezierCurve } from '../curve';
import { evaluateModel, type PointMetrics } from '../evaluate';
import { crossEntropy, forward } from '../model/forward';
import { cloneParams, disposeParams, initParams, type Params } from '../model/params';
import { applyPermutation } from '../permute/apply';
import { makeRng, permutationOf } from '../random';
import type { DeviceDataset } from '../sgd';
import { runFinetune, runLine, runMcr } from './baselines';
import { finetune } from './finetune';
import { captureCurve, maxAbsDiff, relativeDiff, tinyContext } from './testFixtures';

beforeAll(async () => {
  await tf.setBackend('wasm');
});

afterAll(async () => {
  await tf.setBackend('cpu');
});

/** Σ w_k·p_k for every tensor, written out (not the engine's curvePoint). */
const combination = (terms: [number, Params][]): Params =>
  tf.tidy(() => Object.fromEntries(Object.keys(terms[0][1]).map((n) => [n, tf.addN(terms.map(([w, p]) => tf.mul(p[n], w)))])));

/**
 * Textbook SGD with momentum on CE + 0.5·wd·‖θ‖² (everything on the tape, autodiff gradients),
 * PyTorch semantics (v ← μv + g, v = g on the first step; θ ← θ − lr·v), cosine learning rate
 * over all steps, mini-batches in the order of the engine's seeded batch shuffler.
 */
async function referenceSgd(
  theta: Params,
  data: DeviceDataset,
  o: { epochs: number; batchSize: number; lr: number; momentum: number; weightDecay: number; seed: number },
): Promise<Params> {
  const names = Object.keys(theta);
  let params = cloneParams(theta);
  let velocity: Params | null = null;
  const rng = makeRng(`sgd:${o.seed}`);
  const total = o.epochs * Math.ceil(data.count / o.batchSize);
  let k = 0;
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    const order = permutationOf(data.count, rng);
    for (let start = 0; start < data.count; start += o.batchSize) {
      const lr = 0.5 * o.lr * (1 + Math.cos((Math.PI * k++) / total));
      const prev = { params, velocity };
      const next = tf.tidy(() => {
        const idx = tf.tensor1d(order.subarray(start, Math.min(start + o.batchSize, data.count)), 'int32');
        const x = tf.gather(data.images, idx);
        const y = tf.gather(data.labels, idx);
        const loss = (...ts: tf.Tensor[]) => {
          const ce = crossEntropy(forward('mlp', Object.fromEntries(names.map((n, i) => [n, ts[i]])), x), y);
          return tf.add(ce, tf.mul(tf.addN(ts.map((t) => tf.sum(tf.square(t)))), 0.5 * o.weightDecay)) as tf.Scalar;
        };
        const grads = tf.grads(loss)(names.map((n) => prev.params[n]));
        const v: Params = Object.fromEntries(names.map((n, i) => [n, prev.velocity ? tf.add(tf.mul(prev.velocity[n], o.momentum), grads[i]) : grads[i]]));
        const p: Params = Object.fromEntries(names.map((n) => [n, tf.sub(prev.params[n], tf.mul(v[n], lr))]));
        return { p, v };
      });
      disposeParams(prev.params);
      if (prev.velocity) disposeParams(prev.velocity);
      params = next.p;
      velocity = next.v;
    }
  }
  if (velocity) disposeParams(velocity);
  return params;
}

const expectSameMetrics = (a: PointMetrics, b: PointMetrics, digits = 5) => {
  expect(a.cleanLoss).toBeCloseTo(b.cleanLoss, digits);
  expect(a.poisonedLoss).toBeCloseTo(b.poisonedLoss, digits);
  expect(a.acc).toBe(b.acc);
  expect(a.asr).toBe(b.asr);
};

describe('FT baseline', () => {
  it('equals hand-written SGD with momentum on the same batches, for rounds × 2 × curveEpochs epochs at mcrEndpointLr', async () => {
    // 48 images in batches of 20: 3 steps per epoch, the last one partial; 1 × 2 × 2 = 4 epochs.
    const ctx = tinyContext({ defense: 'ft', rounds: 1, curveEpochs: 2, curveBatchSize: 20, mcrEndpointLr: 0.05, seed: 3 });
    const theta = initParams('mlp', 1);
    const thetaCopy = cloneParams(theta);
    const before = tf.memory().numTensors;
    const { output, rounds } = await runFinetune(ctx, theta);
    const reference = await referenceSgd(theta, ctx.clean, { epochs: 4, batchSize: 20, lr: 0.05, momentum: 0.9, weightDecay: 5e-4, seed: 3009 });
    expect(await relativeDiff(output, reference)).toBeLessThan(1e-5);
    expect(await maxAbsDiff(output, theta)).toBeGreaterThan(1e-3); // it did train
    expect(await maxAbsDiff(theta, thetaCopy)).toBe(0); // input untouched
    expect(rounds).toEqual([]);
    const progress = ctx.events.filter((e) => e.type === 'progress');
    expect(progress.length).toBe(12);
    expect(progress.at(-1)).toMatchObject({ phase: 'fine-tuning', epoch: 4, epochs: 4, step: 12, totalSteps: 12 });
    [output, reference].forEach(disposeParams);
    expect(tf.memory().numTensors).toBe(before);
    [theta, thetaCopy].forEach(disposeParams);
    ctx.dispose();
  });
});

describe('straight line baseline', () => {
  it('θ(t) = (1−t)·θ + t·π′(θ); the evaluated line starts at θ and ends at π′(θ), the same function', async () => {
    const t = 0.3;
    const ctx = tinyContext({ defense: 'line', t, curvePoints: 5 });
    const theta = initParams('mlp', 2);
    const reported = captureCurve(ctx);
    const before = tf.memory().numTensors;
    const { output, rounds } = await runLine(ctx, theta);
    const { a, c: mid, b } = reported();
    const [record] = rounds[0].stages;

    // The far end is θ with the recorded un-aligning permutation applied; the control point is the midpoint.
    const layers = record.permutation?.layers ?? [];
    expect(layers.length).toBe(2);
    const permuted = applyPermutation(
      'mlp',
      theta,
      layers.map((l) => Int32Array.from(l.perm)),
    );
    expect(await maxAbsDiff(a, theta)).toBe(0);
    expect(await maxAbsDiff(b, permuted)).toBe(0);
    expect(await maxAbsDiff(b, theta)).toBeGreaterThan(0.05);
    const half = combination([
      [0.5, a],
      [0.5, b],
    ]);
    expect(await maxAbsDiff(mid, half)).toBeLessThan(1e-7);

    const expected = combination([
      [1 - t, theta],
      [t, permuted],
    ]);
    expect(await maxAbsDiff(output, expected)).toBeLessThan(1e-6);

    expect(record.kind).toBe('line');
    expect(record.curve).toBe(record.line);
    expect(record.line.map((p) => p.t)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expectSameMetrics(record.line[0], await evaluateModel('mlp', theta, ctx.evalSet));
    expectSameMetrics(record.line[4], await evaluateModel('mlp', permuted, ctx.evalSet));
    expectSameMetrics(record.line[2], await evaluateModel('mlp', half, ctx.evalSet));
    expect(record.line[4].cleanLoss).toBeCloseTo(record.line[0].cleanLoss, 4); // π′(θ) ≡ θ
    expect(record.output.t).toBe(t);

    [output, a, mid, b, half, expected, permuted].forEach(disposeParams);
    expect(tf.memory().numTensors).toBe(before);
    disposeParams(theta);
    ctx.dispose();
  });
});

describe('MCR baseline', () => {
  it('the output is θ(t) of the curve fitted between θ and its fine-tuned copy, endpoints fixed', async () => {
    const t = 0.4;
    const settings = { defense: 'mcr', mcrEndpointEpochs: 2, mcrEndpointLr: 0.05, curveEpochs: 2, curveBatchSize: 16, curvePoints: 3, t, seed: 1 } as const;
    const ctx = tinyContext(settings);
    const theta = initParams('mlp', 3);
    const reported = captureCurve(ctx);
    const before = tf.memory().numTensors;
    const { output, rounds } = await runMcr(ctx, theta);
    const { a, c, b } = reported();

    // Endpoints: θ itself and θ fine-tuned on D_c (2 epochs at mcrEndpointLr, batch-order seed 1000·seed + 7).
    const sgd = { batchSize: 16, momentum: 0.9, weightDecay: 5e-4 };
    const finetuned = await finetune('mlp', theta, ctx.clean, { ...sgd, epochs: 2, lr: 0.05, seed: 1007 });
    expect(await maxAbsDiff(a, theta)).toBe(0);
    expect(await maxAbsDiff(b, finetuned)).toBe(0);
    expect(await maxAbsDiff(b, theta)).toBeGreaterThan(1e-3);

    // The control point left the midpoint, and is the curve fit with the curve's own settings (seed 1000·seed + 8).
    const half = combination([
      [0.5, a],
      [0.5, b],
    ]);
    expect(await maxAbsDiff(c, half)).toBeGreaterThan(1e-3);
    const fitted = await fitBezierCurve('mlp', theta, finetuned, ctx.clean, { ...sgd, epochs: 2, lr: 0.02, l2: 1e-4, seed: 1008 });
    expect(await maxAbsDiff(c, fitted)).toBe(0);

    const expected = combination([
      [(1 - t) ** 2, a],
      [2 * t * (1 - t), c],
      [t ** 2, b],
    ]);
    expect(await maxAbsDiff(output, expected)).toBeLessThan(1e-6);

    const [record] = rounds[0].stages;
    expect(record).toMatchObject({ kind: 'mcr', permutation: null, output: { t } });
    expect(record.curve.map((p) => p.t)).toEqual([0, 0.5, 1]);
    expectSameMetrics(record.curve[0], await evaluateModel('mlp', theta, ctx.evalSet));
    expectSameMetrics(record.curve[2], await evaluateModel('mlp', finetuned, ctx.evalSet));
    expectSameMetrics(record.line[2], record.curve[2]);
    expect(rounds[0].input).toEqual({ acc: record.curve[0].acc, asr: record.curve[0].asr });

    [output, a, c, b, finetuned, half, fitted, expected].forEach(disposeParams);
    expect(tf.memory().numTensors).toBe(before);
    disposeParams(theta);
    ctx.dispose();
  });
});
