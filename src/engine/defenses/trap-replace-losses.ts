import * as tf from '@tensorflow/tfjs';

/**
 * Losses of Trap and Replace's stage 1 (docs/method.md, "Trap and Replace"). Images are [N,28,28,1]
 * (or any [N,H,W,C]); both return a scalar and are pure (callers run them inside tf.tidy or a gradient).
 */

/** Mean over every pixel of (a − b)²: the reconstruction term. */
export function meanSquaredError(a: tf.Tensor, b: tf.Tensor): tf.Scalar {
  return tf.mean(tf.squaredDifference(a, b));
}

/**
 * Anisotropic total variation: the mean |difference| between vertically neighbouring pixels plus
 * the mean between horizontally neighbouring ones. Means rather than sums keep its weight (1) on the
 * same scale as the MSE whatever the batch or image size.
 */
export function totalVariation(images: tf.Tensor4D): tf.Scalar {
  const [n, h, w, c] = images.shape;
  const down = tf.sub(tf.slice(images, [0, 1, 0, 0], [n, h - 1, w, c]), tf.slice(images, [0, 0, 0, 0], [n, h - 1, w, c]));
  const right = tf.sub(tf.slice(images, [0, 0, 1, 0], [n, h, w - 1, c]), tf.slice(images, [0, 0, 0, 0], [n, h, w - 1, c]));
  return tf.add(tf.mean(tf.abs(down)), tf.mean(tf.abs(right)));
}

/** Softmax cross-entropy with label smoothing ε: targets (1−ε)·onehot + ε/K (stage 2, as in the paper). */
export function smoothedCrossEntropy(logits: tf.Tensor2D, labels: tf.Tensor1D, smoothing: number): tf.Scalar {
  const k = logits.shape[1];
  const targets = tf.add(tf.mul(tf.oneHot(tf.cast(labels, 'int32'), k), 1 - smoothing), smoothing / k);
  return tf.neg(tf.mean(tf.sum(tf.mul(targets, tf.logSoftmax(logits)), 1))) as tf.Scalar;
}
