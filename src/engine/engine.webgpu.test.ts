import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import '@tensorflow/tfjs-backend-webgpu';
import { describe, expect, it } from 'vitest';
import { PIXELS } from './data/datasets';
import { toFloatImages } from './data/format';
import { defined } from './defined';
import { fitBezierCurve } from './curve';
import { forward } from './model/forward';
import type { ArchId } from './model/arch';
import { disposeParams, paramsToArrays, type Params } from './model/params';
import { defenseInput } from './node/zoo';
import { applyPermutation } from './permute/apply';
import { permuteLayers } from './permute/permute-layers';
import { runDefense, type DefenseInput } from './run-defense';
import { DeviceDataset } from './sgd';
import type { TscSettings } from './settings';

/**
 * Runs `f` on a backend with its own copy of the model (moving tensors from WebGPU to another
 * backend needs OffscreenCanvas, which Node lacks). Fails loudly if the backend cannot start:
 * tf.setBackend only returns false.
 */
async function onBackend<T>(name: 'webgpu' | 'wasm', id: string, f: (input: DefenseInput) => Promise<T>): Promise<T> {
  const ok = await tf.setBackend(name);
  if (!ok || tf.getBackend() !== name)
    throw new Error(`tfjs backend ${name} did not start (for webgpu: is Debian's chromium installed? run via npm run test:webgpu)`);
  const input = await defenseInput(id);
  try {
    return await f(input);
  } finally {
    disposeParams(input.params);
  }
}

async function logits(arch: ArchId, params: Params, images: Float32Array, n: number): Promise<Float32Array> {
  const out = tf.tidy(() => forward(arch, params, tf.tensor2d(images.subarray(0, n * PIXELS), [n, PIXELS])));
  const values = (await out.data()) as Float32Array;
  out.dispose();
  return values;
}

const maxDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
};

describe('engine on tfjs-backend-webgpu (Dawn + SwiftShader in Node)', () => {
  // WebGPU on SwiftShader is much slower than WASM here (docs/runtime.md), conv most of all: the CNN check uses fewer images.
  for (const [id, statsImages, checkImages] of [
    ['mnist-mlp-badnet', 128, 64],
    ['mnist-cnn-badnet', 32, 16],
  ] as const) {
    it(`${id}: π(θ) computes the same function on WebGPU, and WebGPU agrees with WASM`, async () => {
      const [gpu, gpuPermuted] = await onBackend('webgpu', id, async (input) => {
        const images = toFloatImages(input.test, 0, statsImages);
        const res = await permuteLayers(input.arch, input.params, input.params, images, { objective: 'unalign', method: 'activation' });
        const permuted = applyPermutation(input.arch, input.params, res.perms);
        const pair = [await logits(input.arch, input.params, images, checkImages), await logits(input.arch, permuted, images, checkImages)];
        disposeParams(permuted);
        return pair;
      });
      expect(maxDiff(gpu, gpuPermuted)).toBeLessThanOrEqual(1e-4);
      const wasm = await onBackend('wasm', id, (input) => logits(input.arch, input.params, toFloatImages(input.test, 0, checkImages), checkImages));
      expect(maxDiff(gpu, wasm)).toBeLessThanOrEqual(1e-3);
    });
  }

  it('one curve-fitting step gives the same control point on WebGPU and WASM', async () => {
    const fit = async (input: DefenseInput) => {
      const images = toFloatImages(input.train, 0, 128);
      const labels = Array.from(input.train.labels.subarray(0, 128));
      const data = new DeviceDataset(images, labels);
      const c = await fitBezierCurve('mlp', input.params, input.params, data, {
        epochs: 1,
        batchSize: 128,
        lr: 0.02,
        momentum: 0.9,
        weightDecay: 5e-4,
        l2: 1e-4,
        seed: 1,
      });
      const arrays = await paramsToArrays(c);
      disposeParams(c);
      data.dispose();
      return arrays;
    };
    const gpu = await onBackend('webgpu', 'mnist-mlp-badnet', fit);
    const wasm = await onBackend('wasm', 'mnist-mlp-badnet', fit);
    for (const name of Object.keys(gpu)) expect(maxDiff(gpu[name], wasm[name]), name).toBeLessThanOrEqual(1e-5);
  });

  it('a short TSC run on WebGPU matches the same run on WASM', async () => {
    const settings: Partial<TscSettings> = {
      rounds: 1,
      curveEpochs: 1,
      interRoundFinetune: false,
      cleanFraction: 0.01,
      evalSamples: 100,
      testSamples: 200,
      curvePoints: 3,
    };
    const run = async (input: DefenseInput) => {
      const { trace, output } = await runDefense(input, settings);
      disposeParams(output);
      return trace;
    };
    const gpu = await onBackend('webgpu', 'mnist-mlp-badnet', run);
    const wasm = await onBackend('wasm', 'mnist-mlp-badnet', run);
    expect(gpu.backend).toBe('webgpu');
    gpu.rounds[0].stages.forEach((stage, s) => {
      const other = wasm.rounds[0].stages[s];
      const gpuPerms = defined(stage.permutation, `WebGPU stage ${s + 1} permutation`).layers.map((l) => l.perm);
      const wasmPerms = defined(other.permutation, `WASM stage ${s + 1} permutation`).layers.map((l) => l.perm);
      expect(gpuPerms).toEqual(wasmPerms);
      stage.curve.forEach((p, i) => {
        expect(Math.abs(p.cleanLoss - other.curve[i].cleanLoss)).toBeLessThanOrEqual(1e-3 * Math.max(1, other.curve[i].cleanLoss));
        expect(Math.abs(p.poisonedLoss - other.curve[i].poisonedLoss)).toBeLessThanOrEqual(1e-3 * Math.max(1, other.curve[i].poisonedLoss));
      });
      expect(stage.output.acc).toBeCloseTo(other.output.acc, 2);
    });
  });
});
