/*
 * A PNG file's pixels as 8-bit RGBA (src/engine/attacks/rgba.ts reads them as a trigger), decoded
 * with fast-png: gray, gray+alpha, RGB, RGBA and palette files, 8 or 16 bits per channel.
 */
import { convertIndexedToRgb, decode, hasPngSignature } from 'fast-png';
import type { RgbaPixels } from '../../src/engine/attacks/rgba';

/** Decodes a PNG; throws an Error whose message says what is wrong with the file. */
export function pngToRgba(bytes: Uint8Array): RgbaPixels {
  if (!hasPngSignature(bytes)) throw new Error('is not a PNG file');
  let png;
  try {
    png = decode(bytes);
  } catch (err) {
    throw new Error('is a damaged or cut-off PNG', { cause: err });
  }
  const indexed = png.palette !== undefined;
  const data = indexed ? convertIndexedToRgb(png) : png.data;
  const channels = indexed ? data.length / (png.width * png.height) : png.channels;
  if (!indexed && png.depth !== 8 && png.depth !== 16) throw new Error(`has ${png.depth} bits per channel; save it with 8 or 16`);
  const scale = !indexed && png.depth === 16 ? 1 / 257 : 1;
  const hasAlpha = channels === 2 || channels === 4;
  const rgba = new Uint8ClampedArray(png.width * png.height * 4);
  for (let p = 0; p < png.width * png.height; p++) {
    const at = (c: number) => Math.round(data[p * channels + c] * scale);
    const [r, g, b] = channels >= 3 ? [at(0), at(1), at(2)] : [at(0), at(0), at(0)];
    rgba.set([r, g, b, hasAlpha ? at(channels - 1) : 255], p * 4);
  }
  return { width: png.width, height: png.height, data: rgba };
}
