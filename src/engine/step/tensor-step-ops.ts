import * as tf from '@tensorflow/tfjs';
import './tensor-step-kernels';
import { TENSOR_BEZIER_POINT, TENSOR_SGD_STEP, type BezierAttrs, type TensorStepAttrs } from './kernel-names';
import { simdLoopsFor } from './wasm-simd-binding';

/**
 * The 'fused-per-tensor' step path's two element-wise stages on one parameter tensor each, without
 * the lean path's flat buffer: one kernel each on cpu and wasm (tensor-step-kernels.ts), plain
 * tfjs ops elsewhere. The plain versions are the reference stepper's ops in its order, which the
 * unit tests compare the kernels with.
 */

/** Whether this backend runs the kernels: cpu always, wasm where its heap takes the SIMD loops. */
export function hasTensorStepKernels(): boolean {
  const backend = tf.getBackend();
  return backend === 'cpu' || (backend === 'wasm' && simdLoopsFor(tf.backend()) !== null);
}

/** θ(t) = wa·a + wc·c + wb·b for one tensor (any shape). New tensor. */
export function tensorBezierPoint(a: tf.Tensor, c: tf.Tensor, b: tf.Tensor, attrs: BezierAttrs): tf.Tensor {
  if (!hasTensorStepKernels()) return tensorBezierPointPlain(a, c, b, attrs);
  return tf.engine().runKernel(TENSOR_BEZIER_POINT, { a, c, b }, { ...attrs }) as tf.Tensor;
}

/** curve.ts's θ(t) in plain ops: 3 Mul and one AddN. */
export function tensorBezierPointPlain(a: tf.Tensor, c: tf.Tensor, b: tf.Tensor, { wa, wc, wb }: BezierAttrs): tf.Tensor {
  return tf.tidy(() => tf.addN([tf.mul(a, wa), tf.mul(c, wc), tf.mul(b, wb)]));
}

export interface TensorStepInputs {
  theta: tf.Tensor;
  grad: tf.Tensor;
  /** null on the first step: v' = g exactly */
  velocity: tf.Tensor | null;
  /** θ(t), needed when attrs.l2Scale ≠ 0 */
  point: tf.Tensor | null;
}

/**
 * One SGD step of one tensor (PyTorch's SGD): g = grad + l2Scale·θ(t) + wd·θ + μ·v, v' = g,
 * θ' = θ − lr·v'. New tensors; inputs untouched.
 */
export function tensorSgdStep(inputs: TensorStepInputs, attrs: TensorStepAttrs): { theta: tf.Tensor; velocity: tf.Tensor } {
  if (attrs.l2Scale !== 0 && !inputs.point) throw new Error('tensorSgdStep: l2Scale needs the point θ(t)');
  if (!hasTensorStepKernels()) return tensorSgdStepPlain(inputs, attrs);
  const named: tf.NamedTensorMap = { theta: inputs.theta, grad: inputs.grad };
  if (inputs.velocity) named.velocity = inputs.velocity;
  if (inputs.point && attrs.l2Scale !== 0) named.point = inputs.point;
  const [theta, velocity] = tf.engine().runKernel(TENSOR_SGD_STEP, named, { ...attrs }) as unknown as tf.Tensor[];
  return { theta, velocity };
}

/** The same step as the reference stepper's plain ops (src/engine/step/reference-stepper.ts). */
export function tensorSgdStepPlain({ theta, grad, velocity, point }: TensorStepInputs, attrs: TensorStepAttrs): { theta: tf.Tensor; velocity: tf.Tensor } {
  return tf.tidy(() => {
    const terms = [grad];
    if (point && attrs.l2Scale !== 0) terms.push(tf.mul(point, attrs.l2Scale));
    if (attrs.weightDecay !== 0) terms.push(tf.mul(theta, attrs.weightDecay));
    if (velocity) terms.push(tf.mul(velocity, attrs.momentum));
    const v = terms.length === 1 ? tf.clone(terms[0]) : tf.addN(terms);
    return { theta: tf.sub(theta, tf.mul(v, attrs.lr)), velocity: v };
  });
}
