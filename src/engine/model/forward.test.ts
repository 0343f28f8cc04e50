import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, describe, expect, it } from 'vitest';
import { PIXELS } from '../data/datasets';
import { archInfo, type ArchId } from './arch';
import { crossEntropy, forward, forwardWithHidden, maxPool2x2 } from './forward';
import { memoryHandler, paramsFromLayersFiles, toLayersFiles } from './layers-format';
import { disposeParams, initParams } from './params';
import { makeRng } from '../random';

function randomImages(n: number, seed: number): Float32Array {
  const rng = makeRng(seed);
  return Float32Array.from({ length: n * PIXELS }, () => rng());
}

/** Gradients of the CE loss w.r.t. every param, computed with tf.grads (params as explicit inputs). */
async function gradsOnBackend(backend: string, arch: ArchId, images: Float32Array, labels: number[]) {
  await tf.setBackend(backend);
  const names = archInfo(arch).params.map((p) => p.name);
  const params = initParams(arch, 11);
  const x = tf.tensor2d(images, [labels.length, PIXELS]);
  const y = tf.tensor1d(labels, 'int32');
  const f = (...ts: tf.Tensor[]) => crossEntropy(forward(arch, Object.fromEntries(names.map((n, i) => [n, ts[i]])), x), y);
  const logits = forward(arch, params, x);
  const grads = tf.grads(f)(names.map((n) => params[n]));
  const result = { logits: Array.from(await logits.data()), grads: await Promise.all(grads.map(async (g) => Array.from(await g.data()))) };
  tf.dispose([x, y, logits, ...grads]);
  disposeParams(params);
  return result;
}

function maxAbsDiff(a: number[], b: number[]): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

afterAll(async () => {
  await tf.setBackend('cpu');
});

describe('functional forward', () => {
  for (const arch of ['mlp', 'cnn'] as ArchId[]) {
    it(`${arch}: the WASM kernels (custom matMul/conv gradients) agree with the cpu backend`, async () => {
      const images = randomImages(8, 5);
      const labels = [0, 1, 2, 3, 4, 5, 6, 7];
      const cpu = await gradsOnBackend('cpu', arch, images, labels);
      const wasm = await gradsOnBackend('wasm', arch, images, labels);
      expect(maxAbsDiff(cpu.logits, wasm.logits)).toBeLessThan(1e-4);
      cpu.grads.forEach((g, i) => {
        const scale = g.reduce((m, v) => Math.max(m, Math.abs(v)), 1e-3);
        expect(maxAbsDiff(g, wasm.grads[i]) / scale).toBeLessThan(1e-4);
      });
    });
  }

  it('2×2 max-pool gradient on WASM routes to the first of tied maxima, like MaxPoolGrad on cpu', async () => {
    // Windows with 1, 2, 3 and 4 equal maxima at every position pattern, as on MNIST's blank
    // background after a conv with positive bias, plus random windows.
    const rng = makeRng(9);
    const values = Array.from({ length: 2 * 8 * 8 * 3 }, () => (rng() < 0.5 ? 0.7 : Math.round(rng() * 4) / 4));
    const weights = Array.from({ length: 2 * 4 * 4 * 3 }, () => rng() - 0.5);
    const gradOn = async (backend: string) => {
      await tf.setBackend(backend);
      const x = tf.tensor4d(values, [2, 8, 8, 3]);
      const w = tf.tensor4d(weights, [2, 4, 4, 3]);
      const g = tf.grad((z: tf.Tensor) => tf.sum(tf.mul(maxPool2x2(z as tf.Tensor4D), w)))(x);
      const out = Array.from(await g.data());
      tf.dispose([x, w, g]);
      return out;
    };
    const cpu = await gradOn('cpu');
    const wasm = await gradOn('wasm');
    expect(cpu.filter((v) => v !== 0).length).toBe(2 * 4 * 4 * 3); // one receiver per window
    expect(maxAbsDiff(cpu, wasm)).toBeLessThan(1e-7);
  });

  it('returns the hidden pre-activations of every permutable group', async () => {
    await tf.setBackend('cpu');
    const x = tf.tensor2d(randomImages(2, 1), [2, PIXELS]);
    for (const [arch, shapes] of [
      [
        'mlp',
        [
          [2, 256],
          [2, 256],
        ],
      ],
      [
        'cnn',
        [
          [2, 28, 28, 16],
          [2, 14, 14, 32],
          [2, 128],
        ],
      ],
    ] as const) {
      const params = initParams(arch, 3);
      const { logits, hidden } = forwardWithHidden(arch, params, x);
      expect(logits.shape).toEqual([2, 10]);
      expect(hidden.map((h) => h.shape)).toEqual(shapes);
      tf.dispose([logits, ...hidden]);
      disposeParams(params);
    }
    x.dispose();
  });
});

describe('tfjs Layers format', () => {
  for (const arch of ['mlp', 'cnn'] as ArchId[]) {
    it(`${arch}: files load with tf.loadLayersModel and with the functional reader, same logits`, async () => {
      await tf.setBackend('cpu');
      const params = initParams(arch, 21);
      const files = await toLayersFiles(arch, params);
      expect(files.modelJson.format).toBe('layers-model');
      expect(files.modelJson.weightsManifest[0].weights.map((w) => w.name)).toEqual(archInfo(arch).params.map((p) => p.name));
      const back = paramsFromLayersFiles(arch, files.modelJson, files.weights);
      const model = await tf.loadLayersModel(memoryHandler(files.modelJson, files.weights));
      const x = tf.tensor2d(randomImages(4, 2), [4, PIXELS]);
      const ours = forward(arch, back, x);
      const theirs = model.predict(arch === 'cnn' ? x.reshape([4, 28, 28, 1]) : x) as tf.Tensor;
      expect(maxAbsDiff(Array.from(await ours.data()), Array.from(await theirs.data()))).toBeLessThan(1e-5);
      tf.dispose([x, ours, theirs]);
      model.dispose();
      disposeParams(back);
      disposeParams(params);
    });
  }

  it('rejects weights of the wrong architecture with a clear message', async () => {
    await tf.setBackend('cpu');
    const params = initParams('mlp', 1);
    const files = await toLayersFiles('mlp', params);
    const before = tf.memory().numTensors;
    expect(() => paramsFromLayersFiles('cnn', files.modelJson, files.weights)).toThrow(/no weight "conv1\/kernel"/);
    expect(tf.memory().numTensors).toBe(before);
    disposeParams(params);
  });
});
