import { PIXELS } from '../data/datasets';
import { makeRng } from '../random';
import { imageCount, clip01 } from './batch';
import type { BlendedSpec } from './types';

const cache = new Map<number, Float32Array>();

/**
 * The fixed blend key K (Chen et al. 2017): seeded uniform noise in [0,1], 28×28
 * (docs/method.md §8). Same seed → identical pattern. Returns a copy so callers cannot
 * corrupt the cache.
 */
export function blendPattern(seed: number): Float32Array {
  return new Float32Array(cachedPattern(seed));
}

function cachedPattern(seed: number): Float32Array {
  let k = cache.get(seed);
  if (!k) {
    const rng = makeRng(`blended-pattern:${seed}`);
    k = new Float32Array(PIXELS);
    for (let p = 0; p < PIXELS; p++) k[p] = rng();
    cache.set(seed, k);
  }
  return k;
}

/** x' = (1−α)·x + α·K, clipped to [0,1] (docs/method.md §8). */
export function blendedTrigger(spec: BlendedSpec, images: Float32Array): Float32Array {
  return blendInto(cachedPattern(spec.patternSeed), spec.alpha, images);
}

/** x' = (1−α)·x + α·key for every image, clipped to [0,1]; Blended and custom blends share it. */
export function blendInto(key: ArrayLike<number>, alpha: number, images: Float32Array): Float32Array {
  const n = imageCount(images);
  if (key.length !== PIXELS) throw new Error(`blend key has ${key.length} values, expected ${PIXELS}`);
  const a = alpha;
  const out = new Float32Array(images.length);
  for (let i = 0; i < n; i++) {
    const base = i * PIXELS;
    for (let p = 0; p < PIXELS; p++) {
      out[base + p] = clip01((1 - a) * images[base + p] + a * key[p]);
    }
  }
  return out;
}
