import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { describe, expect, it } from 'vitest';
import { makeRng } from '../random';
import { maxAbsDiff } from './fused-cases';
import { TENSOR_BEZIER_POINT, TENSOR_SGD_STEP } from './kernel-names';
import { hasTensorStepKernels, tensorBezierPoint, tensorBezierPointPlain, tensorSgdStep, tensorSgdStepPlain, type TensorStepInputs } from './tensor-step-ops';

// [33, 7]: 2-D like a kernel and an odd size, so a loop that reads a 1-D length or drops a tail fails
const SHAPE = [33, 7];

function seeded(seed: string): tf.Tensor {
  const rng = makeRng(`tensor-step:${seed}`);
  return tf.tensor(
    Float32Array.from({ length: SHAPE[0] * SHAPE[1] }, () => 2 * rng() - 1),
    SHAPE,
  );
}

async function values(ts: tf.Tensor[]): Promise<Float32Array[]> {
  return Promise.all(ts.map(async (t) => (await t.data()) as Float32Array));
}

const CASES = [
  { label: 'curve step (l2 term, velocity)', l2Scale: 0.5 * 0.42, velocity: true },
  { label: 'first curve step (no velocity yet)', l2Scale: 0.5 * 0.42, velocity: false },
  { label: 'fine-tuning step (no l2 term)', l2Scale: 0, velocity: true },
];

describe.each(['wasm', 'cpu'])('the fused-per-tensor kernels on %s equal the reference ops bit for bit', (backend) => {
  it('are registered there (else the plain fallback would make these tests vacuous)', async () => {
    expect(await tf.setBackend(backend)).toBe(true);
    expect(tf.getKernel(TENSOR_SGD_STEP, backend)).toBeDefined();
    expect(tf.getKernel(TENSOR_BEZIER_POINT, backend)).toBeDefined();
    expect(hasTensorStepKernels()).toBe(true); // on wasm: the SIMD loops bound to tfjs's heap
  });

  it('θ(t) of a 2-D tensor keeps its shape and bits', async () => {
    await tf.setBackend(backend);
    const [a, c, b] = ['a', 'c', 'b'].map(seeded);
    const weights = { wa: 0.49, wc: 0.42, wb: 0.09 };
    const before = tf.memory().numTensors;
    const [kernel, plain] = [tensorBezierPoint(a, c, b, weights), tensorBezierPointPlain(a, c, b, weights)];
    expect(kernel.shape).toEqual(SHAPE);
    const [k, p] = await values([kernel, plain]);
    expect(maxAbsDiff(k, p)).toBe(0);
    tf.dispose([kernel, plain]);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([a, c, b]);
  });

  it.each(CASES)('the SGD step: $label', async ({ l2Scale, velocity }) => {
    await tf.setBackend(backend);
    const inputs: TensorStepInputs = { theta: seeded('theta'), grad: seeded('grad'), velocity: velocity ? seeded('v') : null, point: seeded('point') };
    const attrs = { lr: 0.02, momentum: 0.9, weightDecay: 5e-4, l2Scale };
    const before = tf.memory().numTensors;
    const kernel = tensorSgdStep(inputs, attrs);
    const plain = tensorSgdStepPlain(inputs, attrs);
    expect(kernel.theta.shape).toEqual(SHAPE);
    expect(kernel.velocity.shape).toEqual(SHAPE);
    const [kt, kv, pt, pv, theta] = await values([kernel.theta, kernel.velocity, plain.theta, plain.velocity, inputs.theta]);
    expect(maxAbsDiff(kt, pt)).toBe(0);
    expect(maxAbsDiff(kv, pv)).toBe(0);
    expect(maxAbsDiff(kt, theta)).toBeGreaterThan(1e-4); // it stepped: not equal by doing nothing
    tf.dispose([kernel.theta, kernel.velocity, plain.theta, plain.velocity]);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([inputs.theta, inputs.grad, inputs.velocity, inputs.point].filter((t): t is tf.Tensor => t !== null));
  });

  it('refuses an l2 term without the point θ(t)', async () => {
    await tf.setBackend(backend);
    const [theta, grad] = [seeded('theta'), seeded('grad')];
    expect(() => tensorSgdStep({ theta, grad, velocity: null, point: null }, { lr: 0.1, momentum: 0.9, weightDecay: 0, l2Scale: 0.1 })).toThrow(
      /needs the point/,
    );
    tf.dispose([theta, grad]);
  });
});
