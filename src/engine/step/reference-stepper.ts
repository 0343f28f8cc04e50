import * as tf from '@tensorflow/tfjs';
import type { Params } from '../model/params';
import type { Stepper } from './stepper';

/**
 * One mini-batch's loss and gradient. The gradient of each parameter comes as a list of terms
 * whose sum it is, so that the update adds them, weight decay and momentum in one AddN.
 */
export type GradientFn = (vars: Params, x: tf.Tensor2D, y: tf.Tensor1D) => { loss: tf.Scalar; grads: Record<string, tf.Tensor[]> };

/** One step's new weights and velocity (per parameter tensor) and its loss (a type, not an interface: tf.tidy returns it). */
export type TensorStep = {
  vars: Params;
  velocity: Params;
  loss: tf.Scalar;
};

/**
 * Per-tensor weights and momentum velocity over a loop of SGD steps: every tensor a step makes is kept
 * or freed here (the old weights and velocity after each step, the velocity at `finish`, all on
 * `dispose`). A subclass says how one step updates them; `update` runs inside a tf.tidy. `init` is owned.
 */
export abstract class PerTensorSgd implements Stepper {
  private vars: Params;
  private velocity: Params | null = null;

  constructor(init: Params) {
    this.vars = init;
  }

  protected abstract update(before: { vars: Params; velocity: Params | null }, x: tf.Tensor2D, y: tf.Tensor1D, lr: number): TensorStep;

  step(x: tf.Tensor2D, y: tf.Tensor1D, lr: number): tf.Scalar {
    const before = { vars: this.vars, velocity: this.velocity };
    const next = tf.tidy(() => this.update(before, x, y, lr));
    this.vars = next.vars;
    this.velocity = next.velocity;
    tf.dispose([...Object.values(before.vars), ...Object.values(before.velocity ?? {})]);
    return next.loss;
  }

  params(): Params {
    return this.vars;
  }

  finish(): Params {
    tf.dispose(Object.values(this.velocity ?? {}));
    this.velocity = null;
    return this.vars;
  }

  dispose(): void {
    tf.dispose([...Object.values(this.vars), ...Object.values(this.velocity ?? {})]);
    this.vars = {};
    this.velocity = null;
  }
}

/**
 * The reference step: plain tfjs ops per parameter tensor (PyTorch's SGD: g ← ∇ + wd·θ,
 * v ← μv + g with v = g on the first step, θ ← θ − lr·v), 3 kernels per tensor for wd, momentum
 * and the step plus the gradient's own terms. `init` is owned.
 */
export class ReferenceStepper extends PerTensorSgd {
  constructor(
    init: Params,
    private readonly gradient: GradientFn,
    private readonly opts: { momentum: number; weightDecay: number },
  ) {
    super(init);
  }

  protected update(before: { vars: Params; velocity: Params | null }, x: tf.Tensor2D, y: tf.Tensor1D, lr: number): TensorStep {
    const { momentum, weightDecay } = this.opts;
    const { loss, grads } = this.gradient(before.vars, x, y);
    const vars: Params = {};
    const velocity: Params = {};
    for (const [name, theta] of Object.entries(before.vars)) {
      const terms = [...grads[name]];
      if (weightDecay !== 0) terms.push(tf.mul(theta, weightDecay));
      if (before.velocity) terms.push(tf.mul(before.velocity[name], momentum));
      const v = terms.length === 1 ? terms[0] : tf.addN(terms);
      velocity[name] = v;
      vars[name] = tf.sub(theta, tf.mul(v, lr));
    }
    return { vars, velocity, loss };
  }
}
