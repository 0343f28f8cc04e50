import * as tf from '@tensorflow/tfjs';
import type { Params } from '../model/params';
import { flatten, viewsOf, type FlatLayout } from './flat-layout';
import { sgdUpdate } from './fused-ops';
import type { BezierAttrs } from './kernel-names';
import type { Stepper } from './stepper';

/**
 * A flat step's loss and gradient from the state [θ; v] (read its first layout.size values):
 * `grad` is the flat gradient of the loss; `l2`, if given, adds scale·θ(t) to it inside the
 * update kernel, θ(t) = wa·a + wc·θ + wb·b (a curve step's 0.5·l2·‖θ(t)‖² term).
 */
export type FlatGradientFn = (
  state: tf.Tensor1D,
  x: tf.Tensor2D,
  y: tf.Tensor1D,
) => { loss: tf.Scalar; grad: tf.Tensor1D; l2?: { a: tf.Tensor1D; b: tf.Tensor1D; weights: BezierAttrs; scale: number } };

/**
 * The lean step: weights and velocity in one flat buffer [θ; v], updated by one fused kernel
 * (src/engine/step/fused-ops.ts) per step instead of ~5 ops per parameter tensor. `init` is owned
 * (disposed here). The velocity starts at zero, so the first step's v is the gradient exactly,
 * as in the reference.
 */
export class FlatStepper implements Stepper {
  private state: tf.Tensor1D;
  private views: Params | null = null;

  constructor(
    private readonly layout: FlatLayout,
    init: Params,
    private readonly gradient: FlatGradientFn,
    private readonly opts: { momentum: number; weightDecay: number },
  ) {
    this.state = tf.tidy(() => tf.concat([flatten(init, layout), tf.zeros([layout.size])]) as tf.Tensor1D);
    tf.dispose(Object.values(init));
  }

  step(x: tf.Tensor2D, y: tf.Tensor1D, lr: number): tf.Scalar {
    this.dropViews();
    const before = this.state;
    const next = tf.tidy(() => {
      const { loss, grad, l2 } = this.gradient(before, x, y);
      const weights = l2?.weights ?? { wa: 0, wc: 0, wb: 0 };
      const state = sgdUpdate(before, grad, l2 ? { a: l2.a, b: l2.b } : null, {
        ...weights,
        lr,
        momentum: this.opts.momentum,
        weightDecay: this.opts.weightDecay,
        l2Scale: l2?.scale ?? 0,
      });
      return { state, loss };
    });
    before.dispose();
    this.state = next.state;
    return next.loss;
  }

  params(): Params {
    this.views ??= viewsOf(this.state, this.layout);
    return this.views;
  }

  finish(): Params {
    const out = this.views ?? viewsOf(this.state, this.layout);
    this.views = null;
    this.state.dispose();
    return out;
  }

  dispose(): void {
    this.dropViews();
    this.state.dispose();
  }

  private dropViews(): void {
    if (this.views) tf.dispose(Object.values(this.views));
    this.views = null;
  }
}

/** A per-tensor gradient (sgdMomentumLoop's GradientFn) as a flat one: θ as views, terms summed, one concat. */
export function flatGradientOf(
  layout: FlatLayout,
  gradient: (vars: Params, x: tf.Tensor2D, y: tf.Tensor1D) => { loss: tf.Scalar; grads: Record<string, tf.Tensor[]> },
): FlatGradientFn {
  return (state, x, y) => {
    const { loss, grads } = gradient(viewsOf(state, layout), x, y);
    const summed = Object.fromEntries(layout.names.map((n) => [n, grads[n].length === 1 ? grads[n][0] : tf.addN(grads[n])]));
    return { loss, grad: flatten(summed, layout) };
  };
}
