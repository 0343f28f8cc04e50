import { PIXELS, SIDE } from '../data/datasets';
import { imageCount, clip01 } from './batch';
import type { BadNetSpec } from './types';

/** Where a BadNet patch starts: its own x/y, else the bottom-right corner (the zoo's recipe). */
export function badnetOrigin(spec: BadNetSpec): { x: number; y: number } {
  const corner = SIDE - spec.patchSize;
  return { x: spec.x ?? corner, y: spec.y ?? corner };
}

/**
 * BadNet (Gu et al. 2017): a solid patchSize² square stamped at (x, y), by default the bottom-right
 * corner (docs/method.md §8): patchSize 3 → rows/cols 25–27, 4 → rows/cols 24–27. Nothing else changes.
 */
export function badnetTrigger(spec: BadNetSpec, images: Float32Array): Float32Array {
  const n = imageCount(images);
  const { x, y } = badnetOrigin(spec);
  const size = spec.patchSize;
  if (!(Number.isInteger(size) && size >= 1 && x >= 0 && y >= 0 && x + size <= SIDE && y + size <= SIDE)) {
    throw new Error(`BadNet patch ${size}×${size} at (${x}, ${y}) does not fit in ${SIDE}×${SIDE}`);
  }
  const out = new Float32Array(images);
  const v = clip01(spec.value);
  for (let i = 0; i < n; i++) {
    const base = i * PIXELS;
    for (let r = y; r < y + size; r++) {
      for (let c = x; c < x + size; c++) out[base + r * SIDE + c] = v;
    }
  }
  return out;
}
