import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import '@tensorflow/tfjs-backend-webgpu';
import { describe, expect, it } from 'vitest';
import { computeFused, fusedInputs, maxAbsDiff, updateAttrs } from './fused-cases';
import { BEZIER_POINT, SGD_UPDATE } from './kernel-names';

async function use(backend: 'webgpu' | 'wasm'): Promise<void> {
  if (!(await tf.setBackend(backend)) || tf.getBackend() !== backend) throw new Error(`tfjs backend ${backend} did not start (run via npm run test:webgpu)`);
}

describe('the lean step kernels on WebGPU (Dawn) equal the plain ops on WASM', () => {
  it.each([true, false])('θ(t) and the SGD update to 1e-5 (l2 term: %s), leaking no tensors', async (withL2) => {
    const inputs = fusedInputs(withL2 ? 3 : 4);
    const attrs = updateAttrs(withL2);
    await use('webgpu');
    expect(tf.getKernel(BEZIER_POINT, 'webgpu')).toBeDefined();
    expect(tf.getKernel(SGD_UPDATE, 'webgpu')).toBeDefined();
    const before = tf.memory().numTensors;
    const gpu = await computeFused(inputs, attrs, 'kernel');
    expect(tf.memory().numTensors).toBe(before);
    await use('wasm');
    const plain = await computeFused(inputs, attrs, 'plain');
    expect(maxAbsDiff(gpu.point, plain.point)).toBeLessThan(1e-5);
    expect(maxAbsDiff(gpu.state, plain.state)).toBeLessThan(1e-5);
    expect(maxAbsDiff(gpu.state, inputs.state)).toBeGreaterThan(1e-3); // the update did something
  });
});
