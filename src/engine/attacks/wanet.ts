import { PIXELS, SIDE } from '../data/datasets';
import { makeRng, type Rng } from '../random';
import { imageCount, clip01 } from './batch';
import type { WanetSpec } from './types';

/*
 * WaNet (Nguyen & Tran 2021) warping trigger (docs/method.md §8), following the reference
 * PyTorch code: a k×k×2 control grid of uniform noise in [−1,1], normalised by its mean
 * absolute value, upsampled to 28×28×2, added to the identity sampling grid as
 * strength·up/28, clipped to [−1,1], then the image is resampled like
 * torch grid_sample(align_corners=true).
 *
 * One deliberate simplification: this implementation upsamples the control grid bilinearly
 * (align_corners), where the reference code uses bicubic interpolation (docs/method.md §8).
 *
 * Grid layout: Float32Array of length 28·28·2, index (row·28 + col)·2 + ch with ch 0 = x
 * (column direction) and ch 1 = y (row direction), the grid_sample convention.
 */

const GRID_LEN = PIXELS * 2;

/** Seeded k×k×2 control grid in [−1,1], divided by its mean |value| (layout (i, j, ch)). */
export function controlGrid(k: number, seed: number): Float64Array {
  if (!Number.isInteger(k) || k < 1) throw new Error(`WaNet k must be a positive integer, got ${k}`);
  const rng = makeRng(`wanet-field:${seed}`);
  const g = new Float64Array(k * k * 2);
  let sumAbs = 0;
  for (let t = 0; t < g.length; t++) {
    g[t] = rng() * 2 - 1;
    sumAbs += Math.abs(g[t]);
  }
  const meanAbs = sumAbs / g.length;
  // meanAbs is 0 only if every draw is exactly 0 — practically impossible, but avoid NaN.
  if (meanAbs > 0) for (let t = 0; t < g.length; t++) g[t] /= meanAbs;
  return g;
}

/** Bilinear upsampling of a k×k×2 grid to 28×28×2 with align_corners=true (the reference code uses bicubic). */
export function upsampleGrid(ctrl: Float64Array, k: number): Float64Array {
  const up = new Float64Array(GRID_LEN);
  const scale = k > 1 ? (k - 1) / (SIDE - 1) : 0;
  for (let r = 0; r < SIDE; r++) {
    const sy = r * scale;
    const y0 = Math.min(Math.floor(sy), k - 1);
    const y1 = Math.min(y0 + 1, k - 1);
    const wy = sy - y0;
    for (let c = 0; c < SIDE; c++) {
      const sx = c * scale;
      const x0 = Math.min(Math.floor(sx), k - 1);
      const x1 = Math.min(x0 + 1, k - 1);
      const wx = sx - x0;
      for (let ch = 0; ch < 2; ch++) {
        const a = ctrl[(y0 * k + x0) * 2 + ch];
        const b = ctrl[(y0 * k + x1) * 2 + ch];
        const cc = ctrl[(y1 * k + x0) * 2 + ch];
        const d = ctrl[(y1 * k + x1) * 2 + ch];
        up[(r * SIDE + c) * 2 + ch] = (1 - wy) * ((1 - wx) * a + wx * b) + wy * ((1 - wx) * cc + wx * d);
      }
    }
  }
  return up;
}

/** Identity sampling grid in normalised coords, align_corners=true: col/row 0 → −1, 27 → +1. */
export function identityGrid(): Float64Array {
  const g = new Float64Array(GRID_LEN);
  for (let r = 0; r < SIDE; r++) {
    for (let c = 0; c < SIDE; c++) {
      g[(r * SIDE + c) * 2] = (2 * c) / (SIDE - 1) - 1;
      g[(r * SIDE + c) * 2 + 1] = (2 * r) / (SIDE - 1) - 1;
    }
  }
  return g;
}

function clipUnit(v: number): number {
  return v < -1 ? -1 : v > 1 ? 1 : v;
}

const fieldCache = new Map<string, Float32Array>();

function cachedField(spec: WanetSpec): Float32Array {
  const key = `${spec.k}|${spec.strength}|${spec.fieldSeed}`;
  let field = fieldCache.get(key);
  if (!field) {
    const up = upsampleGrid(controlGrid(spec.k, spec.fieldSeed), spec.k);
    const id = identityGrid();
    field = new Float32Array(GRID_LEN);
    for (let t = 0; t < GRID_LEN; t++) field[t] = clipUnit(id[t] + (spec.strength * up[t]) / SIDE);
    fieldCache.set(key, field);
  }
  return field;
}

/**
 * The fixed 28×28×2 sampling grid for this spec (identity + strength·up/28, clipped).
 * Depends only on k, strength and fieldSeed, so it is cached; a copy is returned.
 */
export function warpField(spec: WanetSpec): Float32Array {
  return new Float32Array(cachedField(spec));
}

/** Bilinear resample of one image at a normalised grid (grid_sample, align_corners=true). */
function resampleInto(src: Float32Array, srcBase: number, grid: ArrayLike<number>, out: Float32Array) {
  const last = SIDE - 1;
  for (let p = 0; p < PIXELS; p++) {
    // Grid values are clipped to [−1,1], so the sample point is always inside the image.
    const x = ((grid[p * 2] + 1) / 2) * last;
    const y = ((grid[p * 2 + 1] + 1) / 2) * last;
    const x0 = Math.min(Math.floor(x), last - 1);
    const y0 = Math.min(Math.floor(y), last - 1);
    const wx = x - x0;
    const wy = y - y0;
    const i00 = src[srcBase + y0 * SIDE + x0];
    const i01 = src[srcBase + y0 * SIDE + x0 + 1];
    const i10 = src[srcBase + (y0 + 1) * SIDE + x0];
    const i11 = src[srcBase + (y0 + 1) * SIDE + x0 + 1];
    const v = (1 - wy) * ((1 - wx) * i00 + wx * i01) + wy * ((1 - wx) * i10 + wx * i11);
    out[srcBase + p] = clip01(v);
  }
}

/** Warp every image of the batch with one given grid. */
export function warpImages(images: Float32Array, grid: Float32Array): Float32Array {
  if (grid.length !== GRID_LEN) throw new Error(`warp grid must have length ${GRID_LEN}`);
  const n = imageCount(images);
  const out = new Float32Array(images.length);
  for (let i = 0; i < n; i++) resampleInto(images, i * PIXELS, grid, out);
  return out;
}

/** Test-time / poison trigger: the fixed warp applied to every image. */
export function wanetTrigger(spec: WanetSpec, images: Float32Array): Float32Array {
  return warpImages(images, cachedField(spec));
}

/**
 * Noise-mode "cross" warp (training-poison time only): each image gets its own grid =
 * fixed field + uniform[−1,1]/28 per position, clipped. These samples keep their true
 * labels, teaching the model that only the exact warp — not any warp — is the trigger.
 */
export function wanetNoisyTrigger(spec: WanetSpec, images: Float32Array, rng: Rng): Float32Array {
  const n = imageCount(images);
  const field = cachedField(spec);
  const out = new Float32Array(images.length);
  const grid = new Float64Array(GRID_LEN);
  for (let i = 0; i < n; i++) {
    for (let t = 0; t < GRID_LEN; t++) grid[t] = clipUnit(field[t] + (rng() * 2 - 1) / SIDE);
    resampleInto(images, i * PIXELS, grid, out);
  }
  return out;
}
