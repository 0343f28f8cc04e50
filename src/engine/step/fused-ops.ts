import * as tf from '@tensorflow/tfjs';
import './host-kernels';
import './webgpu-kernels';
import { BEZIER_POINT, SGD_UPDATE, type BezierAttrs, type SgdUpdateAttrs } from './kernel-names';

/**
 * The lean curve step's two element-wise stages, each one kernel on the backends that have one
 * (host-kernels.ts: cpu, wasm; webgpu-kernels.ts: webgpu) and plain tfjs ops elsewhere (webgl).
 * The plain versions are also the reference the unit tests compare the kernels with.
 */

/** θ(t) = wa·a + wc·c + wb·b over the first a.size values of `state` (c). New [n] tensor. */
export function bezierPoint(a: tf.Tensor1D, state: tf.Tensor1D, b: tf.Tensor1D, attrs: BezierAttrs): tf.Tensor1D {
  if (!hasKernel(BEZIER_POINT)) return bezierPointPlain(a, state, b, attrs);
  return tf.engine().runKernel(BEZIER_POINT, { a, state, b }, { ...attrs }) as tf.Tensor1D;
}

export function bezierPointPlain(a: tf.Tensor1D, state: tf.Tensor1D, b: tf.Tensor1D, { wa, wc, wb }: BezierAttrs): tf.Tensor1D {
  return tf.tidy(() => tf.addN([tf.mul(a, wa), tf.mul(tf.slice(state, 0, a.size), wc), tf.mul(b, wb)]) as tf.Tensor1D);
}

/**
 * One SGD step on the state [θ; v] (2n values) with the gradient `grad` (n): g = grad +
 * l2Scale·(wa·a + wc·θ + wb·b) + wd·θ, v ← μv + g, θ ← θ − lr·v (PyTorch's SGD; v starts at 0,
 * which makes the first step's v = g exactly). Returns the new state.
 * `anchors` are the curve's endpoints for the ‖θ(t)‖² term; without them l2Scale must be 0.
 */
export function sgdUpdate(state: tf.Tensor1D, grad: tf.Tensor1D, anchors: { a: tf.Tensor1D; b: tf.Tensor1D } | null, attrs: SgdUpdateAttrs): tf.Tensor1D {
  if (!anchors && attrs.l2Scale !== 0) throw new Error('sgdUpdate: l2Scale needs the anchors a and b');
  const { a, b } = anchors ?? { a: grad, b: grad }; // read with weight 0
  if (!hasKernel(SGD_UPDATE)) return sgdUpdatePlain(state, grad, a, b, attrs);
  return tf.engine().runKernel(SGD_UPDATE, { state, grad, a, b }, { ...attrs }) as tf.Tensor1D;
}

/** sgdUpdate in plain ops, terms summed in the same order as the kernels. */
export function sgdUpdatePlain(state: tf.Tensor1D, grad: tf.Tensor1D, a: tf.Tensor1D, b: tf.Tensor1D, attrs: SgdUpdateAttrs): tf.Tensor1D {
  return tf.tidy(() => {
    const n = grad.size;
    const theta = tf.slice(state, 0, n);
    const terms: tf.Tensor[] = [grad];
    if (attrs.l2Scale !== 0) terms.push(tf.mul(bezierPointPlain(a, state, b, attrs), attrs.l2Scale));
    if (attrs.weightDecay !== 0) terms.push(tf.mul(theta, attrs.weightDecay));
    terms.push(tf.mul(tf.slice(state, n, n), attrs.momentum));
    const v = tf.addN(terms);
    return tf.concat([tf.sub(theta, tf.mul(v, attrs.lr)), v]) as tf.Tensor1D;
  });
}

function hasKernel(name: string): boolean {
  return tf.getKernel(name, tf.getBackend()) !== undefined;
}
