import { PIXELS, SIDE } from '../data/datasets';
import { imageCount, clip01 } from './batch';
import type { BadNetSpec } from './types';

/**
 * BadNet (Gu et al. 2017): a solid square stamped into the bottom-right corner
 * (docs/method.md §8). patchSize 3 → rows/cols 25–27, 4 → rows/cols 24–27; nothing else changes.
 */
export function badnetTrigger(spec: BadNetSpec, images: Float32Array): Float32Array {
  const n = imageCount(images);
  const out = new Float32Array(images);
  const v = clip01(spec.value);
  const start = SIDE - spec.patchSize;
  for (let i = 0; i < n; i++) {
    const base = i * PIXELS;
    for (let r = start; r < SIDE; r++) {
      for (let c = start; c < SIDE; c++) out[base + r * SIDE + c] = v;
    }
  }
  return out;
}
