import * as tf from '@tensorflow/tfjs';
import type { Params } from '../model/params';
import { PerTensorSgd, type GradientFn, type TensorStep } from './reference-stepper';
import { tensorSgdStep } from './tensor-step-ops';

/**
 * One mini-batch's loss and the gradient of each parameter (one tensor each). `l2`, if given,
 * adds scale·point to each gradient inside the update (a curve step's 0.5·l2·‖θ(t)‖² term, with
 * point = θ(t) and scale = wc·l2).
 */
export type TensorGradientFn = (vars: Params, x: tf.Tensor2D, y: tf.Tensor1D) => { loss: tf.Scalar; grads: Params; l2?: { point: Params; scale: number } };

/**
 * The 'fused-per-tensor' step: the reference's per-tensor weights and velocity, but each tensor's
 * l2 term, weight decay, momentum and step are one kernel (src/engine/step/tensor-step-ops.ts)
 * instead of 5–7 plain ops; no flat buffer, so nothing is sliced or concatenated. `init` is owned.
 */
export class PerTensorStepper extends PerTensorSgd {
  constructor(
    init: Params,
    private readonly gradient: TensorGradientFn,
    private readonly opts: { momentum: number; weightDecay: number },
  ) {
    super(init);
  }

  protected update(before: { vars: Params; velocity: Params | null }, x: tf.Tensor2D, y: tf.Tensor1D, lr: number): TensorStep {
    const { loss, grads, l2 } = this.gradient(before.vars, x, y);
    const attrs = { lr, ...this.opts, l2Scale: l2?.scale ?? 0 };
    const vars: Params = {};
    const velocity: Params = {};
    for (const [name, theta] of Object.entries(before.vars)) {
      const stepped = tensorSgdStep({ theta, grad: grads[name], velocity: before.velocity?.[name] ?? null, point: l2?.point[name] ?? null }, attrs);
      vars[name] = stepped.theta;
      velocity[name] = stepped.velocity;
    }
    return { vars, velocity, loss };
  }
}

/** sgdMomentumLoop's GradientFn (terms per parameter) as a TensorGradientFn: the terms summed in one AddN, in their order. */
export function tensorGradientOf(gradient: GradientFn): TensorGradientFn {
  return (vars, x, y) => {
    const { loss, grads } = gradient(vars, x, y);
    return { loss, grads: Object.fromEntries(Object.entries(grads).map(([n, terms]) => [n, terms.length === 1 ? terms[0] : tf.addN(terms)])) };
  };
}
