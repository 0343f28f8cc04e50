import * as tf from '@tensorflow/tfjs';
import type { ArchId } from './arch';
import type { Params } from './params';
import { mlpCrossEntropyGrads } from '../step/mlp-backward';
import { stepPath } from '../step/step-path';
import { conv3x3SameOfDataWasm, conv3x3SameWasm, matMulOfDataWasm, matMulWasm, maxPool2x2Wasm } from './wasm-ops';

const onWasm = () => tf.getBackend() === 'wasm';

/** x·W + b for a dense layer after the first; on WASM through wasm-ops.ts. */
function dense(x: tf.Tensor2D, kernel: tf.Tensor, bias: tf.Tensor): tf.Tensor2D {
  const k = kernel as tf.Tensor2D;
  return tf.add(onWasm() ? matMulWasm(x, k) : tf.matMul(x, k), bias);
}

/** 3×3 'same' convolution plus bias; backend-native except on WASM (see above). */
export function conv3x3Same(x: tf.Tensor4D, kernel: tf.Tensor, bias: tf.Tensor): tf.Tensor4D {
  return tf.add(onWasm() ? conv3x3SameWasm(x, kernel) : tf.conv2d(x, kernel as tf.Tensor4D, 1, 'same'), bias);
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

/** The first layer's parameters: the only layer whose input, the image, does not depend on θ. */
export const FIRST_LAYER = { mlp: { kernel: 'fc1/kernel', bias: 'fc1/bias' }, cnn: { kernel: 'conv1/kernel', bias: 'conv1/bias' } } as const;

/**
 * The first layer without its bias: x·W (MLP) or the 3×3 conv of the image with W (CNN). Linear in W,
 * so a mixture of models can share it (first-layer-mix.ts). x: [N,784] floats in [0,1]; x is data,
 * so no gradient w.r.t. x is ever needed (WASM then skips computing it).
 */
export function firstLayerProduct(arch: ArchId, kernel: tf.Tensor, x: tf.Tensor2D): tf.Tensor {
  if (arch === 'mlp') return onWasm() ? matMulOfDataWasm(x, kernel as tf.Tensor2D) : tf.matMul(x, kernel as tf.Tensor2D);
  const img = tf.reshape(x, [x.shape[0], 28, 28, 1]) as tf.Tensor4D;
  return onWasm() ? conv3x3SameOfDataWasm(img, kernel) : tf.conv2d(img, kernel as tf.Tensor4D, 1, 'same');
}

/** The rest of the network from the first layer's pre-activations z1 (the first layer's params are not read). */
export function forwardFromFirstLayer(arch: ArchId, params: Params, z1: tf.Tensor): ForwardResult {
  if (arch === 'mlp') {
    const z2 = dense(tf.relu(z1) as tf.Tensor2D, params['fc2/kernel'], params['fc2/bias']);
    const logits = dense(tf.relu(z2), params['fc3/kernel'], params['fc3/bias']);
    return { logits, hidden: [z1, z2] };
  }
  const n = z1.shape[0];
  const z2 = conv3x3Same(maxPool2x2(tf.relu(z1) as tf.Tensor4D), params['conv2/kernel'], params['conv2/bias']);
  // NHWC flatten: row p·32 + c of fc1/kernel belongs to channel c (same order as Keras Flatten).
  const flat = tf.reshape(maxPool2x2(tf.relu(z2)), [n, 7 * 7 * 32]) as tf.Tensor2D;
  const z3 = dense(flat, params['fc1/kernel'], params['fc1/bias']);
  const logits = dense(tf.relu(z3), params['fc2/kernel'], params['fc2/bias']);
  return { logits, hidden: [z1, z2, z3] };
}

/** Logits and hidden pre-activations. x: [N,784] floats in [0,1] (reshaped for the CNN). */
export function forwardWithHidden(arch: ArchId, params: Params, x: tf.Tensor2D): ForwardResult {
  const first = FIRST_LAYER[arch];
  return forwardFromFirstLayer(arch, params, tf.add(firstLayerProduct(arch, params[first.kernel], x), params[first.bias]));
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
 * On the 'lean-mlp-backward' step path the MLP's backward pass is written out
 * (src/engine/step/mlp-backward.ts): faster than the tape on WASM (`npm run bench` prints every
 * path's step time) but not bit-equal to it, so not the default (src/engine/step/step-path.ts).
 */
export function crossEntropyGrads(arch: ArchId, params: Params, x: tf.Tensor2D, y: tf.Tensor1D, dy?: tf.Scalar): { loss: tf.Scalar; grads: Params } {
  if (arch === 'mlp' && stepPath() === 'lean-mlp-backward') return mlpCrossEntropyGrads(params, x, y, dy);
  const names = Object.keys(params);
  const lossOf = (...ts: tf.Tensor[]) => crossEntropy(forward(arch, Object.fromEntries(names.map((n, i) => [n, ts[i]])), x), y);
  const { value, grads } = tf.valueAndGrads(lossOf)(
    names.map((n) => params[n]),
    dy,
  );
  return { loss: value as tf.Scalar, grads: Object.fromEntries(names.map((n, i) => [n, grads[i]])) };
}
