// Test-only helpers shared by the attack tests.
import { PIXELS, SIDE } from '../data/datasets';
import { makeRng } from '../random';

/** Seeded random batch in [0,1] with a sprinkling of exact 0s and 1s (the clipping extremes). */
export function randomBatch(count: number, seed = 7): Float32Array {
  const rng = makeRng(`fixture:${seed}`);
  const out = new Float32Array(count * PIXELS);
  for (let p = 0; p < out.length; p++) {
    const u = rng();
    out[p] = u < 0.15 ? 0 : u > 0.85 ? 1 : rng();
  }
  return out;
}

/** A batch of `count` images each filled with `value`. */
export function constantBatch(count: number, value: number): Float32Array {
  return new Float32Array(count * PIXELS).fill(value);
}

/** An image with structure: a bright vertical bar plus a horizontal gradient. */
export function structuredImage(): Float32Array {
  const img = new Float32Array(PIXELS);
  for (let r = 0; r < SIDE; r++) {
    for (let c = 0; c < SIDE; c++) img[r * SIDE + c] = c >= 12 && c <= 15 ? 1 : c / (SIDE * 2);
  }
  return img;
}

export function expectInUnitRange(a: Float32Array): boolean {
  for (const v of a) if (!(v >= 0 && v <= 1)) return false;
  return true;
}
