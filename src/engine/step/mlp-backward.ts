import * as tf from '@tensorflow/tfjs';
import type { Params } from '../model/params';

/**
 * x·w with either factor transposed. On WASM through an explicit Transpose: its BatchMatMul with
 * the transpose flags measured ~12× slower (src/engine/model/wasm-ops.ts); elsewhere the flags,
 * which on WebGPU save the transpose's dispatch.
 */
function matMulT(a: tf.Tensor2D, b: tf.Tensor2D, transposeA: boolean, transposeB: boolean): tf.Tensor2D {
  if (tf.getBackend() !== 'wasm') return tf.matMul(a, b, transposeA, transposeB);
  return tf.matMul(transposeA ? tf.transpose(a) : a, transposeB ? tf.transpose(b) : b);
}

/**
 * The MNIST MLP's (784-256-256-10, ReLU) mean cross-entropy on (x, y) and its gradient w.r.t.
 * every parameter, times `scale`, by a hand-written backward pass instead of tf.grad's tape: the
 * same ops the tape would run, minus its bookkeeping and the first layer's unused input gradient.
 * CE's gradient w.r.t. the logits is (softmax − one-hot)/N. Checked against crossEntropyGrads
 * (src/engine/model/forward.ts) in src/engine/step/mlp-backward.test.ts.
 */
export function mlpCrossEntropyGrads(params: Params, x: tf.Tensor2D, y: tf.Tensor1D, scale: tf.Scalar | number = 1): { loss: tf.Scalar; grads: Params } {
  const [w1, w2, w3] = ['fc1/kernel', 'fc2/kernel', 'fc3/kernel'].map((n) => params[n] as tf.Tensor2D);
  const z1 = tf.add(tf.matMul(x, w1), params['fc1/bias']) as tf.Tensor2D;
  const h1 = tf.relu(z1);
  const z2 = tf.add(tf.matMul(h1, w2), params['fc2/bias']) as tf.Tensor2D;
  const h2 = tf.relu(z2);
  const logits = tf.add(tf.matMul(h2, w3), params['fc3/bias']) as tf.Tensor2D;
  const logp = tf.logSoftmax(logits);
  const oneHot = tf.oneHot(tf.cast(y, 'int32'), logits.shape[1]);
  const loss = tf.neg(tf.mean(tf.sum(tf.mul(oneHot, logp), 1))) as tf.Scalar;
  const perSample = typeof scale === 'number' ? scale / x.shape[0] : tf.div(scale, x.shape[0]);
  const dz3 = tf.mul(tf.sub(tf.exp(logp), oneHot), perSample) as tf.Tensor2D;
  const dz2 = tf.mul(matMulT(dz3, w3, false, true), tf.step(z2)) as tf.Tensor2D;
  const dz1 = tf.mul(matMulT(dz2, w2, false, true), tf.step(z1)) as tf.Tensor2D;
  const grads: Params = {
    'fc1/kernel': matMulT(x, dz1, true, false),
    'fc1/bias': tf.sum(dz1, 0),
    'fc2/kernel': matMulT(h1, dz2, true, false),
    'fc2/bias': tf.sum(dz2, 0),
    'fc3/kernel': matMulT(h2, dz3, true, false),
    'fc3/bias': tf.sum(dz3, 0),
  };
  return { loss, grads };
}
