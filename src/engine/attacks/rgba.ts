import { PIXELS, SIDE } from '../data/datasets';

/*
 * One reading of a picture as a trigger, shared by the CLI (PNG decoded in Node) and the page
 * (canvas pixels), so the same file gives the same trigger in both.
 */

/** Pixels as decoded: 4 bytes (RGBA, 0–255) per pixel, row-major. */
export interface RgbaPixels {
  width: number;
  height: number;
  data: ArrayLike<number>;
}

/** Whether any pixel is see-through: then alpha is the mask. (A canvas cannot tell an opaque alpha channel from none, so the CLI decides the same way.) */
function hasTransparency(px: RgbaPixels): boolean {
  for (let p = 0; p < px.width * px.height; p++) if (px.data[p * 4 + 3] < 255) return true;
  return false;
}

/** Rec. 601 luma of one pixel, in [0,1]. */
function gray(data: ArrayLike<number>, i: number): number {
  return (0.299 * data[i] + 0.587 * data[i + 1] + 0.114 * data[i + 2]) / 255;
}

/**
 * A patch from a picture of at most 28×28, placed at the top-left of the 28×28 drawing: pattern =
 * gray level; mask = alpha when some pixel is see-through, else 1 on every non-black pixel (ink on
 * a black background). Outside the picture the mask is 0.
 */
export function patchFromRgba(px: RgbaPixels): { pattern: number[]; mask: number[] } {
  if (px.width > SIDE || px.height > SIDE) throw new Error(`a patch picture must be at most ${SIDE}×${SIDE} pixels, got ${px.width}×${px.height}`);
  const pattern = new Array<number>(PIXELS).fill(0);
  const mask = new Array<number>(PIXELS).fill(0);
  const alphaIsMask = hasTransparency(px);
  for (let r = 0; r < px.height; r++) {
    for (let c = 0; c < px.width; c++) {
      const i = (r * px.width + c) * 4;
      const level = gray(px.data, i);
      pattern[r * SIDE + c] = level;
      mask[r * SIDE + c] = alphaIsMask ? px.data[i + 3] / 255 : level > 0 ? 1 : 0;
    }
  }
  return { pattern, mask };
}

/** A blend key from an exactly 28×28 picture: its gray levels (alpha ignored). */
export function blendImageFromRgba(px: RgbaPixels): number[] {
  if (px.width !== SIDE || px.height !== SIDE) throw new Error(`a blend picture must be ${SIDE}×${SIDE} pixels, got ${px.width}×${px.height}`);
  const image = new Array<number>(PIXELS);
  for (let p = 0; p < PIXELS; p++) image[p] = gray(px.data, p * 4);
  return image;
}
