import * as tf from '@tensorflow/tfjs';
import { archInfo, isZooArch, type ArchId, type LayerSpec } from './arch';
import type { Params } from './params';
import { mlpCrossEntropyGrads } from '../step/mlp-backward';
import { stepPath } from '../step/step-path';
import { conv3x3SameOfDataWasm, conv3x3SameWasm, convWasm, matMulOfDataWasm, matMulWasm, maxPool2x2Wasm } from './wasm-ops';

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

type ConvLayer = Extract<LayerSpec, { kind: 'conv' }>;

/**
 * A conv layer's x * W without bias. On WASM through wasm-ops.ts: tfjs-backend-wasm 4.22 has no
 * Conv2DBackpropFilter, so tf.conv2d cannot be differentiated there for any shape. `ofData`: x is
 * the image, whose gradient is never needed.
 */
function convProduct(layer: ConvLayer, x: tf.Tensor4D, kernel: tf.Tensor, ofData: boolean): tf.Tensor4D {
  if (!onWasm()) return tf.conv2d(x, kernel as tf.Tensor4D, 1, layer.padding);
  if (layer.kernel === 3 && layer.padding === 'same') return ofData ? conv3x3SameOfDataWasm(x, kernel) : conv3x3SameWasm(x, kernel);
  return convWasm(layer.kernel, layer.padding, !ofData)(x, kernel);
}

/** 2×2 max-pool, stride 2; on WASM with an exact gradient cheaper than its MaxPoolGrad (~10 vs 56 ms per CNN step). */
export function maxPool2x2(x: tf.Tensor4D): tf.Tensor4D {
  // The WASM op views x as whole 2×2 windows; an odd side (floored by 'valid') takes tfjs's own kernels.
  const even = x.shape[1] % 2 === 0 && x.shape[2] % 2 === 0;
  return onWasm() && even ? maxPool2x2Wasm(x) : tf.maxPool(x, 2, 2, 'valid');
}

export interface ForwardResult {
  logits: tf.Tensor2D;
  /** Pre-activations of every permutable hidden unit group, in layer order (docs/method.md §1.3). */
  hidden: tf.Tensor[];
}

/** The first layer's parameter names (layer 1: the only layer whose input, the image, does not depend on θ). */
export function firstLayer(arch: ArchId): { kernel: string; bias: string } {
  const { name } = archInfo(arch).layers[0];
  return { kernel: `${name}/kernel`, bias: `${name}/bias` };
}

/**
 * The first layer without its bias: x·W (dense) or the conv of the image with W. Linear in W,
 * so a mixture of models can share it (first-layer-mix.ts). x: [N,784] floats in [0,1]; x is data,
 * so no gradient w.r.t. x is ever needed (WASM then skips computing it).
 */
export function firstLayerProduct(arch: ArchId, kernel: tf.Tensor, x: tf.Tensor2D): tf.Tensor {
  const layer = archInfo(arch).layers[0];
  if (layer.kind === 'dense') return onWasm() ? matMulOfDataWasm(x, kernel as tf.Tensor2D) : tf.matMul(x, kernel as tf.Tensor2D);
  if (layer.kind !== 'conv') throw new Error(`${arch}: the first layer must be dense or a convolution`);
  const img = tf.reshape(x, [x.shape[0], 28, 28, 1]) as tf.Tensor4D; // arch.ts: convolutions read the 28×28×1 image
  return convProduct(layer, img, kernel, true);
}

/**
 * The rest of the network from the first layer's pre-activations z1 (the first layer's params are not read).
 * Every hidden dense or conv layer's pre-activation joins `hidden`; pools and the flatten act on the
 * activations between them. The op sequence for the zoo's two architectures is the one they always ran.
 */
export function forwardFromFirstLayer(arch: ArchId, params: Params, z1: tf.Tensor): ForwardResult {
  const layers = archInfo(arch).layers;
  const hidden: tf.Tensor[] = [z1];
  let act: tf.Tensor = tf.relu(z1);
  for (const layer of layers.slice(1)) {
    if (layer.kind === 'pool') {
      act = maxPool2x2(act as tf.Tensor4D);
      continue;
    }
    if (layer.kind === 'flatten') {
      // NHWC flatten: row p·C + c of the next kernel belongs to channel c (same order as Keras Flatten).
      act = tf.reshape(act, [z1.shape[0], layer.positions * layer.channels]);
      continue;
    }
    const kernel = params[`${layer.name}/kernel`];
    const bias = params[`${layer.name}/bias`];
    const z =
      layer.kind === 'dense'
        ? dense(act as tf.Tensor2D, kernel, bias)
        : layer.kernel === 3 && layer.padding === 'same'
          ? conv3x3Same(act as tf.Tensor4D, kernel, bias)
          : tf.add(convProduct(layer, act as tf.Tensor4D, kernel, false), bias);
    if (!layer.relu) return { logits: z as tf.Tensor2D, hidden };
    hidden.push(z);
    act = tf.relu(z);
  }
  throw new Error(`${arch}: the last layer must be a dense layer without ReLU (the logits)`);
}

/** Logits and hidden pre-activations. x: [N,784] floats in [0,1] (reshaped for a CNN). */
export function forwardWithHidden(arch: ArchId, params: Params, x: tf.Tensor2D): ForwardResult {
  const first = firstLayer(arch);
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
 * On the 'lean-mlp-backward' step path the zoo MLP's backward pass is written out
 * (src/engine/step/mlp-backward.ts): faster than the tape on WASM (`npm run bench` prints every
 * path's step time) but not bit-equal to it, so not the default (src/engine/step/step-path.ts).
 */
export function crossEntropyGrads(arch: ArchId, params: Params, x: tf.Tensor2D, y: tf.Tensor1D, dy?: tf.Scalar): { loss: tf.Scalar; grads: Params } {
  if (isZooArch(arch, 'mlp') && stepPath() === 'lean-mlp-backward') return mlpCrossEntropyGrads(params, x, y, dy);
  const names = Object.keys(params);
  const lossOf = (...ts: tf.Tensor[]) => crossEntropy(forward(arch, Object.fromEntries(names.map((n, i) => [n, ts[i]])), x), y);
  const { value, grads } = tf.valueAndGrads(lossOf)(
    names.map((n) => params[n]),
    dy,
  );
  return { loss: value as tf.Scalar, grads: Object.fromEntries(names.map((n, i) => [n, grads[i]])) };
}
