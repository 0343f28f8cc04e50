import * as tf from '@tensorflow/tfjs';
import { makeRng } from '../random';
import { bezierPoint, bezierPointPlain, sgdUpdate, sgdUpdatePlain } from './fused-ops';
import type { SgdUpdateAttrs } from './kernel-names';

/**
 * Seeded inputs for the fused kernels and both ways of computing them (kernel, plain ops), shared by
 * fused-ops.test.ts (cpu, wasm) and fused-ops.webgpu.test.ts, which runs them on two backends.
 * n is odd and not a multiple of the WebGPU workgroup, so a kernel that drops the tail fails.
 */
export const CASE_SIZE = 1_001;

export interface FusedInputs {
  state: Float32Array;
  grad: Float32Array;
  a: Float32Array;
  b: Float32Array;
}

export function fusedInputs(seed: number, n = CASE_SIZE): FusedInputs {
  const rng = makeRng(`fused-case:${seed}`);
  const values = (size: number) => Float32Array.from({ length: size }, () => 2 * rng() - 1);
  return { state: values(2 * n), grad: values(n), a: values(n), b: values(n) };
}

/** A curve step's attributes at t = 0.3 (weights of θ(t)), with the l2 term or without it. */
export function updateAttrs(withL2: boolean): SgdUpdateAttrs {
  const t = 0.3;
  const [wa, wc, wb] = [(1 - t) ** 2, 2 * t * (1 - t), t * t];
  return { wa, wc, wb, lr: 0.02, momentum: 0.9, weightDecay: 5e-4, l2Scale: withL2 ? wc * 0.5 : 0 };
}

/** θ(t) and the updated state, through the backend's kernels or through plain ops. */
export async function computeFused(inputs: FusedInputs, attrs: SgdUpdateAttrs, how: 'kernel' | 'plain'): Promise<{ point: Float32Array; state: Float32Array }> {
  const [state, grad, a, b] = [inputs.state, inputs.grad, inputs.a, inputs.b].map((v) => tf.tensor1d(v));
  const useAnchors = attrs.l2Scale !== 0;
  const [point, next] =
    how === 'kernel'
      ? [bezierPoint(a, state, b, attrs), sgdUpdate(state, grad, useAnchors ? { a, b } : null, attrs)]
      : [bezierPointPlain(a, state, b, attrs), sgdUpdatePlain(state, grad, a, b, attrs)];
  try {
    return { point: (await point.data()) as Float32Array, state: (await next.data()) as Float32Array };
  } finally {
    tf.dispose([state, grad, a, b, point, next]);
  }
}

export function maxAbsDiff(x: Float32Array, y: Float32Array): number {
  if (x.length !== y.length) return Infinity;
  let m = 0;
  for (let i = 0; i < x.length; i++) m = Math.max(m, Math.abs(x[i] - y[i]));
  return m;
}
