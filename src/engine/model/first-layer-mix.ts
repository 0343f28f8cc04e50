import * as tf from '@tensorflow/tfjs';
import { archInfo, type ArchId } from './arch';
import { firstLayer, firstLayerProduct, forward, forwardFromFirstLayer } from './forward';
import type { Params } from './params';

/**
 * Models that are fixed linear combinations θ = Σ_k c_k·θ_k of a few basis models: the points of the
 * quadratic Bézier curve (basis θA, θc, θB), of the straight line (θA, θB), of the loss plane (θA, û, v̂).
 * The first layer is linear in θ and its input is the image, so its pre-activations are
 * Σ_k c_k·(x·W_k) + Σ_k c_k·b_k: one product per basis model and batch serves every point of the
 * family (docs/method.md §1.6). Only the later layers, whose inputs depend on θ, run once per point.
 */

/**
 * Where sharing pays. The MLP's fc1 costs 784 multiply-adds per output and ~74% of its forward pass;
 * mixing three products costs a few elementwise passes (WASM in Node, batch 1000, busy 2-core machine:
 * 14 ms for x·W + b, 1.7 ms to mix). The CNN's conv1 costs only 9 per output, less than the mixing
 * (~100–130 ms against ~225–275 ms), so the CNN mixes its 144 conv1 weights instead and runs the
 * whole forward pass per point. So: share when the first layer is dense (784 multiply-adds per output
 * whatever its width), not when it is a convolution (9 or 25 per output).
 */
export function shareFirstLayer(arch: ArchId): boolean {
  return archInfo(arch).layers[0].kind === 'dense';
}

/**
 * A point's own params: Σ_k coeffs[k]·basis[k] for every param, the first layer's kernel left out
 * when `share` (its products stand in for it). New tensors; caller disposes.
 */
export function mixPointParams(arch: ArchId, basis: Params[], coeffs: number[], share: boolean): Params {
  const skip = share ? firstLayer(arch).kernel : null;
  return tf.tidy(() => {
    const out: Params = {};
    for (const name of Object.keys(basis[0])) {
      if (name === skip) continue;
      const inputs = basis.map((p) => p[name]);
      const t = combine(inputs, coeffs);
      out[name] = inputs.includes(t) ? t.clone() : t; // a lone coefficient of one returns its input: the caller owns a copy
    }
    return out;
  });
}

/** The first layer's product x·W_k (a conv for the CNN) of every basis model, bias left out; none unless `share`. */
export function basisProducts(arch: ArchId, basis: Params[], x: tf.Tensor2D, share: boolean): tf.Tensor[] {
  return share ? basis.map((p) => firstLayerProduct(arch, p[firstLayer(arch).kernel], x)) : [];
}

/**
 * Logits of the model Σ_k coeffs[k]·basis[k] on batch x, whose products these are (basisProducts);
 * `mixed` is mixPointParams(arch, basis, coeffs, share). Call inside a tidy.
 */
export function mixtureLogits(arch: ArchId, x: tf.Tensor2D, products: tf.Tensor[], coeffs: number[], mixed: Params): tf.Tensor2D {
  if (products.length === 0) return forward(arch, mixed, x);
  const z1 = tf.add(combine(products, coeffs), mixed[firstLayer(arch).bias]);
  return forwardFromFirstLayer(arch, mixed, z1).logits;
}

/** Σ_k coeffs[k]·ts[k], skipping zero coefficients and multiplications by one. */
function combine(ts: tf.Tensor[], coeffs: number[]): tf.Tensor {
  const terms = ts.flatMap((t, k) => (coeffs[k] === 0 ? [] : [coeffs[k] === 1 ? t : tf.mul(t, coeffs[k])]));
  if (terms.length === 0) return tf.zerosLike(ts[0]);
  return terms.length === 1 ? terms[0] : tf.addN(terms);
}
