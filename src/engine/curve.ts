import * as tf from '@tensorflow/tfjs';
import { bezierWeights } from './bezier';
import type { ArchId } from './model/arch';
import { crossEntropyGrads } from './model/forward';
import type { Params } from './model/params';
import { makeRng } from './random';
import { DeviceDataset, runSgdLoop, sgdMomentumLoop, type SgdOptions } from './sgd';
import { flatten, layoutOf, viewsOf } from './step/flat-layout';
import { FlatStepper, type FlatGradientFn } from './step/flat-stepper';
import { bezierPoint } from './step/fused-ops';
import { PerTensorStepper, type TensorGradientFn } from './step/per-tensor-stepper';
import { tensorBezierPoint } from './step/tensor-step-ops';
import { stepPath } from './step/step-path';

/** θ(t) = (1−t)²θA + 2t(1−t)θc + t²θB, for every parameter tensor. New tensors; inputs untouched. */
export function curvePoint(a: Params, c: Params, b: Params, t: number): Params {
  return tf.tidy(() => combine(a, c, b, t));
}

/** θ(t) without its own tidy scope: for use inside a gradient tape, whose caller tidies. */
function combine(a: Params, c: Params, b: Params, t: number): Params {
  const [wa, wc, wb] = bezierWeights(t);
  const out: Params = {};
  for (const name of Object.keys(a)) out[name] = tf.addN([tf.mul(a[name], wa), tf.mul(c[name], wc), tf.mul(b[name], wb)]);
  return out;
}

/** The untrained curve's control point: the midpoint, so γ starts as the straight line. */
export function midpoint(a: Params, b: Params): Params {
  return tf.tidy(() => Object.fromEntries(Object.keys(a).map((n) => [n, tf.mul(tf.add(a[n], b[n]), 0.5)])));
}

export interface CurveFitOptions extends Omit<SgdOptions, 'seed'> {
  /** extra 0.5·l2·‖θ(t)‖² (curves.l2_regularizer, wd 1e-4 in the official yaml) */
  l2: number;
  seed: number;
}

/**
 * FITQUADCURVE (docs/method.md §1.4): endpoints fixed, only θc trains, init at the midpoint,
 * one t ~ U(0,1) per mini-batch, loss CE(f_θ(t)) + 0.5·l2·‖θ(t)‖², SGD with momentum and
 * weight decay on θc, cosine learning rate over the real number of steps (the official code's
 * hard-coded T_max = 100 is not reproduced; docs/method.md §4.4). Returns θc (caller owns it).
 */
export async function fitBezierCurve(arch: ArchId, a: Params, b: Params, data: DeviceDataset, opts: CurveFitOptions): Promise<Params> {
  const rngT = makeRng(`curve-t:${opts.seed}`);
  if (stepPath() === 'fused-per-tensor') return fitBezierCurvePerTensor(arch, a, b, data, opts, rngT);
  if (stepPath() !== 'reference') return fitBezierCurveFlat(arch, a, b, data, opts, rngT);
  return sgdMomentumLoop(midpoint(a, b), data, opts, (c, x, y) => {
    const t = rngT();
    const wc = bezierWeights(t)[1];
    const theta = combine(a, c, b, t);
    // Only the network is on the tape; ∂θ(t)/∂θc = wc, and ∂(0.5·l2·‖θ(t)‖²)/∂θ(t) = l2·θ(t), so
    // ∂loss/∂θc = wc·∂CE/∂θ(t) + wc·l2·θ(t). Seeding backprop with dy = wc gives the first term.
    const { loss, grads } = crossEntropyGrads(arch, theta, x, y, tf.scalar(wc));
    return { loss, grads: Object.fromEntries(Object.keys(a).map((n) => [n, [grads[n], tf.mul(theta[n], wc * opts.l2)]])) };
  });
}

/**
 * fitBezierCurve's lean path, the same math on flat buffers: θ(t) for all parameters is one
 * kernel, the network sees slices of it, and the l2 term, weight decay, momentum and the step are
 * one fused kernel (src/engine/step/fused-ops.ts).
 */
async function fitBezierCurveFlat(arch: ArchId, a: Params, b: Params, data: DeviceDataset, opts: CurveFitOptions, rngT: () => number): Promise<Params> {
  const layout = layoutOf(a);
  const flatA = flatten(a, layout);
  const flatB = flatten(b, layout);
  try {
    const gradient: FlatGradientFn = (state, x, y) => {
      const [wa, wc, wb] = bezierWeights(rngT());
      const weights = { wa, wc, wb };
      const theta = viewsOf(bezierPoint(flatA, state, flatB, weights), layout);
      // as in fitBezierCurve: backprop seeded with wc; wc·l2·θ(t) is added in the update kernel
      const { loss, grads } = crossEntropyGrads(arch, theta, x, y, tf.scalar(wc));
      return { loss, grad: flatten(grads, layout), l2: { a: flatA, b: flatB, weights, scale: wc * opts.l2 } };
    };
    const stepper = new FlatStepper(layout, midpoint(a, b), gradient, { momentum: opts.momentum, weightDecay: opts.weightDecay });
    return await runSgdLoop(stepper, data, opts);
  } finally {
    tf.dispose([flatA, flatB]);
  }
}

/**
 * fitBezierCurve's fused-per-tensor path: the reference's math and layout, with θ(t) one kernel
 * per tensor and the l2 term, weight decay, momentum and the step one kernel per tensor
 * (src/engine/step/tensor-step-ops.ts).
 */
async function fitBezierCurvePerTensor(arch: ArchId, a: Params, b: Params, data: DeviceDataset, opts: CurveFitOptions, rngT: () => number): Promise<Params> {
  const gradient: TensorGradientFn = (c, x, y) => {
    const [wa, wc, wb] = bezierWeights(rngT());
    const point = Object.fromEntries(Object.keys(a).map((n) => [n, tensorBezierPoint(a[n], c[n], b[n], { wa, wc, wb })]));
    // as in fitBezierCurve: backprop seeded with wc; wc·l2·θ(t) is added in the update kernel
    const { loss, grads } = crossEntropyGrads(arch, point, x, y, tf.scalar(wc));
    return { loss, grads, l2: { point, scale: wc * opts.l2 } };
  };
  return runSgdLoop(new PerTensorStepper(midpoint(a, b), gradient, { momentum: opts.momentum, weightDecay: opts.weightDecay }), data, opts);
}
