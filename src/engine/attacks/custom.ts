import { PIXELS, SIDE } from '../data/datasets';
import { blendInto } from './blended';
import { imageCount, clip01 } from './batch';
import type { CustomBlendSpec, CustomPatchSpec } from './types';

function checkLength(name: string, values: ArrayLike<number>): void {
  if (values.length !== PIXELS) throw new Error(`custom trigger ${name} has ${values.length} values, expected ${PIXELS}`);
}

/**
 * A drawn patch (docs/method.md §8): pixel (r, c) takes (1 − m)·x + m·p with m and p read from the
 * 28×28 mask and pattern at (r − y, c − x); pixels the shifted drawing does not cover stay as they are.
 */
export function customPatchTrigger(spec: CustomPatchSpec, images: Float32Array): Float32Array {
  const n = imageCount(images);
  checkLength('pattern', spec.pattern);
  checkLength('mask', spec.mask);
  const out = new Float32Array(images);
  // The covered pixels once, so a batch of thousands costs one pass over the drawing.
  const covered: { at: number; m: number; p: number }[] = [];
  for (let r = 0; r < SIDE; r++) {
    for (let c = 0; c < SIDE; c++) {
      const sr = r - spec.y;
      const sc = c - spec.x;
      if (sr < 0 || sc < 0 || sr >= SIDE || sc >= SIDE) continue;
      const m = clip01(spec.mask[sr * SIDE + sc]);
      if (m > 0) covered.push({ at: r * SIDE + c, m, p: clip01(spec.pattern[sr * SIDE + sc]) });
    }
  }
  for (let i = 0; i < n; i++) {
    const base = i * PIXELS;
    for (const { at, m, p } of covered) out[base + at] = clip01((1 - m) * images[base + at] + m * p);
  }
  return out;
}

/** A user-supplied blend key: x' = (1 − α)·x + α·image, clipped to [0,1]. */
export function customBlendTrigger(spec: CustomBlendSpec, images: Float32Array): Float32Array {
  checkLength('image', spec.image);
  return blendInto(spec.image, spec.alpha, images);
}
