import * as tf from '@tensorflow/tfjs';
import { makeRng } from '../random';
import { archInfo, type ArchId } from './arch';

/** Named weight tensors of one model; the functional forward reads these. */
export type Params = Record<string, tf.Tensor>;

/** Glorot-uniform kernels and zero biases (Keras defaults), from a seeded generator. */
export function initParams(arch: ArchId, seed: number): Params {
  const rng = makeRng(`init:${seed}`);
  const params: Params = {};
  for (const spec of archInfo(arch).params) {
    const size = spec.shape.reduce((a, c) => a * c, 1);
    const values = new Float32Array(size);
    if (spec.role === 'kernel') {
      const receptive = spec.shape.slice(0, -2).reduce((a, c) => a * c, 1);
      const fanIn = spec.shape[spec.shape.length - 2] * receptive;
      const fanOut = spec.shape[spec.shape.length - 1] * receptive;
      const limit = Math.sqrt(6 / (fanIn + fanOut));
      for (let i = 0; i < size; i++) values[i] = (2 * rng() - 1) * limit;
    }
    params[spec.name] = tf.tensor(values, spec.shape, 'float32');
  }
  return params;
}

export function disposeParams(params: Params): void {
  for (const t of Object.values(params)) t.dispose();
}

/** Plain-array copy (for JSON, structured clone to/from a worker, or determinism checks). */
export async function paramsToArrays(params: Params): Promise<Record<string, Float32Array>> {
  const out: Record<string, Float32Array> = {};
  for (const [name, t] of Object.entries(params)) out[name] = (await t.data()) as Float32Array;
  return out;
}

/** Whether every weight is finite, in one readback. */
export async function allFinite(params: Params): Promise<boolean> {
  const ok = tf.tidy(() => tf.all(tf.stack(Object.values(params).map((t) => tf.all(tf.isFinite(t))))));
  try {
    return (await ok.data())[0] === 1;
  } finally {
    ok.dispose();
  }
}

export function cloneParams(params: Params): Params {
  return Object.fromEntries(Object.entries(params).map(([n, t]) => [n, t.clone()]));
}

/**
 * Owner of the parameter sets a long computation creates, so that every path out of it,
 * cancellation and errors included, disposes them: `track` on creation, `dispose` when done,
 * `release` to hand one to the caller, `disposeAll` in a finally block.
 */
export class ParamsArena {
  private readonly live = new Set<Params>();

  track(params: Params): Params {
    this.live.add(params);
    return params;
  }

  dispose(params: Params): void {
    if (this.live.delete(params)) disposeParams(params);
  }

  release(params: Params): Params {
    this.live.delete(params);
    return params;
  }

  disposeAll(): void {
    for (const p of this.live) disposeParams(p);
    this.live.clear();
  }
}
