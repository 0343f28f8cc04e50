import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import '@tensorflow/tfjs-backend-webgpu';
import { describe, expect, it } from 'vitest';
import { PIXELS } from './data/datasets';
import { crossEntropyGrads } from './model/forward';
import { DEEP_MLP, maxAbsDiff, ODD_CNN, randomImages, seededModel, VALID_CNN } from './model/generic-fixtures';
import { disposeParams } from './model/params';
import { applyPermutation, randomPermutations } from './permute/apply';
import { logits } from './permute/testFixtures';

/** Logits, permuted logits and CE gradients of one seeded model on a backend (each backend builds its own tensors). */
async function onBackend(name: 'webgpu' | 'wasm', arch: string) {
  const ok = await tf.setBackend(name);
  if (!ok || tf.getBackend() !== name) throw new Error(`tfjs backend ${name} did not start (for webgpu: run via npm run test:webgpu)`);
  const params = seededModel(arch, 3);
  const images = randomImages(8, 1);
  const permuted = applyPermutation(arch, params, randomPermutations(arch, 5));
  const x = tf.tensor2d(images, [8, PIXELS]);
  const y = tf.tensor1d([0, 1, 2, 3, 4, 5, 6, 7], 'int32');
  const { loss, grads } = crossEntropyGrads(arch, params, x, y);
  const out = {
    plain: await logits(arch, params, images),
    permuted: await logits(arch, permuted, images),
    grads: await Promise.all(Object.values(grads).map(async (g) => Array.from(await g.data()))),
  };
  tf.dispose([x, y, loss, ...Object.values(grads)]);
  [params, permuted].forEach(disposeParams);
  return out;
}

describe('generic architectures on tfjs-backend-webgpu (Dawn + SwiftShader in Node)', () => {
  for (const arch of [DEEP_MLP, VALID_CNN, ODD_CNN]) {
    it(`${arch}: π(θ) ≡ θ on WebGPU, and its logits and gradients agree with WASM`, async () => {
      const gpu = await onBackend('webgpu', arch);
      const wasm = await onBackend('wasm', arch);
      expect(maxAbsDiff(gpu.plain, gpu.permuted)).toBeLessThanOrEqual(1e-4);
      expect(maxAbsDiff(gpu.plain, wasm.plain)).toBeLessThanOrEqual(1e-4);
      gpu.grads.forEach((g, i) => expect(maxAbsDiff(g, wasm.grads[i])).toBeLessThanOrEqual(1e-4));
    });
  }
});
