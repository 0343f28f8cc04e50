import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { describe, expect, it } from 'vitest';
import { computeFused, fusedInputs, maxAbsDiff, updateAttrs } from './fused-cases';
import { flatten, layoutOf, viewsOf } from './flat-layout';
import { BEZIER_POINT, SGD_UPDATE, SPLIT_FLAT } from './kernel-names';

describe.each(['wasm', 'cpu'])('the lean step kernels on %s equal the plain ops', (backend) => {
  it('is registered there (else the plain fallback would make this test vacuous)', async () => {
    expect(await tf.setBackend(backend)).toBe(true);
    expect(tf.getKernel(BEZIER_POINT, backend)).toBeDefined();
    expect(tf.getKernel(SGD_UPDATE, backend)).toBeDefined();
  });

  it.each([true, false])('θ(t) and the SGD update, bit for bit (l2 term: %s), leaking no tensors', async (withL2) => {
    await tf.setBackend(backend);
    const inputs = fusedInputs(withL2 ? 1 : 2);
    const attrs = updateAttrs(withL2);
    const before = tf.memory().numTensors;
    const kernel = await computeFused(inputs, attrs, 'kernel');
    const plain = await computeFused(inputs, attrs, 'plain');
    expect(tf.memory().numTensors).toBe(before);
    // host-kernels.ts rounds each operation to float32 in the plain ops' order: the same bits
    expect(maxAbsDiff(kernel.point, plain.point)).toBe(0);
    expect(maxAbsDiff(kernel.state, plain.state)).toBe(0);
    // the update moved θ and wrote v: not an identity that would pass by comparing inputs
    expect(maxAbsDiff(kernel.state, inputs.state)).toBeGreaterThan(1e-3);
  });
});

describe.each(['wasm', 'cpu'])('viewsOf on %s', (backend) => {
  it('splits a longer flat buffer into the layout’s tensors, equal to slices, leaking none', async () => {
    await tf.setBackend(backend);
    expect(tf.getKernel(SPLIT_FLAT, backend)).toBeDefined();
    const params = { w: tf.tensor2d([1, 2, 3, 4, 5, 6], [2, 3]), b: tf.tensor1d([7, 8]) };
    const layout = layoutOf(params);
    const flat = tf.tidy(() => tf.concat([flatten(params, layout), tf.fill([8], -1)]) as tf.Tensor1D);
    const before = tf.memory().numTensors;
    const views = viewsOf(flat, layout);
    expect(tf.memory().numTensors).toBe(before + 2);
    expect(views.w.shape).toEqual([2, 3]);
    expect(Array.from(await views.w.data())).toEqual([1, 2, 3, 4, 5, 6]);
    expect(Array.from(await views.b.data())).toEqual([7, 8]);
    tf.dispose([flat, ...Object.values(views), ...Object.values(params)]);
  });
});
