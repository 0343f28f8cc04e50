import { PIXELS, SIDE } from '../data/datasets';
import { imageCount, clip01 } from './batch';
import type { SigSpec } from './types';

/**
 * SIG (Barni et al. 2019) horizontal sinusoid: v(i,j) = Δ·sin(2π·j·f/28), varying along
 * columns j only (docs/method.md §8). Returned as a full 28×28 map for convenience.
 */
export function sigSignal(spec: SigSpec): Float32Array {
  const v = new Float32Array(PIXELS);
  for (let j = 0; j < SIDE; j++) {
    const s = spec.amplitude * Math.sin((2 * Math.PI * j * spec.frequency) / SIDE);
    for (let i = 0; i < SIDE; i++) v[i * SIDE + j] = s;
  }
  return v;
}

/** x' = clip(x + v, 0, 1). */
export function sigTrigger(spec: SigSpec, images: Float32Array): Float32Array {
  const n = imageCount(images);
  const v = sigSignal(spec);
  const out = new Float32Array(images.length);
  for (let i = 0; i < n; i++) {
    const base = i * PIXELS;
    for (let p = 0; p < PIXELS; p++) out[base + p] = clip01(images[base + p] + v[p]);
  }
  return out;
}
