import { PIXELS } from '../data/datasets';

/** Number of images in a flat batch; rejects ragged buffers early rather than producing garbage. */
export function imageCount(images: Float32Array): number {
  if (images.length % PIXELS !== 0) {
    throw new Error(`batch length ${images.length} is not a multiple of ${PIXELS}`);
  }
  return images.length / PIXELS;
}

/** Pixel values must stay in [0,1], the model's input range. */
export function clip01(v: number): number {
  return v < 0 ? 0 : v > 1 ? 1 : v;
}

/** Copy the listed images out into a compact batch. */
export function gatherImages(images: Float32Array, indices: ArrayLike<number>): Float32Array {
  const out = new Float32Array(indices.length * PIXELS);
  for (let k = 0; k < indices.length; k++) out.set(images.subarray(indices[k] * PIXELS, (indices[k] + 1) * PIXELS), k * PIXELS);
  return out;
}

/** Write a compact batch back at the listed positions (inverse of gatherImages). */
export function scatterImages(dst: Float32Array, batch: Float32Array, indices: ArrayLike<number>): void {
  for (let k = 0; k < indices.length; k++) dst.set(batch.subarray(k * PIXELS, (k + 1) * PIXELS), indices[k] * PIXELS);
}
