import * as tf from '@tensorflow/tfjs';
import type { ArchId } from './arch';
import type { Params } from './params';
import { conv3x3SameOfDataWasm, conv3x3SameWasm, matMulOfDataWasm, matMulWasm, maxPool2x2Wasm } from './wasm-ops';

const onWasm = () => tf.getBackend() === 'wasm';

/**
 * x·W + b for a dense layer; on WASM through wasm-ops.ts. `ofData`: x is the model's input,
 * so no gradient w.r.t. x is ever needed (WASM then skips computing it).
 */
function dense(x: tf.Tensor2D, kernel: tf.Tensor, bias: tf.Tensor, ofData = false): tf.Tensor2D {
  const k = kernel as tf.Tensor2D;
  const z = onWasm() ? (ofData ? matMulOfDataWasm : matMulWasm)(x, k) : tf.matMul(x, k);
  return tf.add(z, bias);
}

/** 3×3 'same' convolution plus bias; backend-native except on WASM (see above). */
export function conv3x3Same(x: tf.Tensor4D, kernel: tf.Tensor, bias: tf.Tensor, ofData = false): tf.Tensor4D {
  const z = onWasm() ? (ofData ? conv3x3SameOfDataWasm : conv3x3SameWasm)(x, kernel) : tf.conv2d(x, kernel as tf.Tensor4D, 1, 'same');
  return tf.add(z, bias);
}

/** 2×2 max-pool, stride 2; on WASM with an exact gradient cheaper than its MaxPoolGrad (~10 vs 56 ms per CNN step). */
export function maxPool2x2(x: tf.Tensor4D): tf.Tensor4D {
  return onWasm() ? maxPool2x2Wasm(x) : tf.maxPool(x, 2, 2, 'valid');
}

export interface ForwardResult {
  logits: tf.Tensor2D;
  /** Pre-activations of every permutable hidden unit group, in layer order (docs/method.md §1.3). */
  hidden: tf.Tensor[];
}

/** Logits and hidden pre-activations. x: [N,784] floats in [0,1] (reshaped for the CNN). */
export function forwardWithHidden(arch: ArchId, params: Params, x: tf.Tensor2D): ForwardResult {
  if (arch === 'mlp') {
    const z1 = dense(x, params['fc1/kernel'], params['fc1/bias'], true);
    const z2 = dense(tf.relu(z1), params['fc2/kernel'], params['fc2/bias']);
    const logits = dense(tf.relu(z2), params['fc3/kernel'], params['fc3/bias']);
    return { logits, hidden: [z1, z2] };
  }
  const img = tf.reshape(x, [x.shape[0], 28, 28, 1]) as tf.Tensor4D;
  const z1 = conv3x3Same(img, params['conv1/kernel'], params['conv1/bias'], true);
  const z2 = conv3x3Same(maxPool2x2(tf.relu(z1)), params['conv2/kernel'], params['conv2/bias']);
  // NHWC flatten: row p·32 + c of fc1/kernel belongs to channel c (same order as Keras Flatten).
  const flat = tf.reshape(maxPool2x2(tf.relu(z2)), [x.shape[0], 7 * 7 * 32]) as tf.Tensor2D;
  const z3 = dense(flat, params['fc1/kernel'], params['fc1/bias']);
  const logits = dense(tf.relu(z3), params['fc2/kernel'], params['fc2/bias']);
  return { logits, hidden: [z1, z2, z3] };
}

export function forward(arch: ArchId, params: Params, x: tf.Tensor2D): tf.Tensor2D {
  return forwardWithHidden(arch, params, x).logits;
}

/** Mean softmax cross-entropy of logits against integer labels. */
export function crossEntropy(logits: tf.Tensor2D, labels: tf.Tensor1D): tf.Scalar {
  const oneHot = tf.oneHot(tf.cast(labels, 'int32'), logits.shape[1]);
  return tf.neg(tf.mean(tf.sum(tf.mul(oneHot, tf.logSoftmax(logits)), 1))) as tf.Scalar;
}

/**
 * Mean CE of the model on (x, y) and its gradient w.r.t. every parameter, by backprop seeded
 * with `dy` (default 1; a curve step passes ∂θ(t)/∂θc so the gradients come out scaled).
 */
export function crossEntropyGrads(arch: ArchId, params: Params, x: tf.Tensor2D, y: tf.Tensor1D, dy?: tf.Scalar): { loss: tf.Scalar; grads: Params } {
  const names = Object.keys(params);
  const lossOf = (...ts: tf.Tensor[]) => crossEntropy(forward(arch, Object.fromEntries(names.map((n, i) => [n, ts[i]])), x), y);
  const { value, grads } = tf.valueAndGrads(lossOf)(
    names.map((n) => params[n]),
    dy,
  );
  return { loss: value as tf.Scalar, grads: Object.fromEntries(names.map((n, i) => [n, grads[i]])) };
}
