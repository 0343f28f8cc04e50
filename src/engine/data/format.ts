/**
 * The project's compact image-set file (written by scripts/prepare-data.ts, read in Node and browsers).
 *
 * Layout, all integers little-endian uint32:
 *   offset  0  magic      "TSCIMGS\0" (8 bytes)
 *   offset  8  version    1
 *   offset 12  count      number of images N
 *   offset 16  height     28
 *   offset 20  width      28
 *   offset 24  channels   1
 *   offset 28  classes    10
 *   offset 32  labels     N × uint8
 *   offset 32+N pixels    N × height × width × channels uint8 (0–255, row-major, image by image)
 */
export const MAGIC = 'TSCIMGS\0';
export const FORMAT_VERSION = 1;
export const HEADER_BYTES = 32;

export interface ImageSet {
  count: number;
  height: number;
  width: number;
  channels: number;
  classes: number;
  labels: Uint8Array;
  /** uint8 pixels, count × height × width × channels */
  pixels: Uint8Array;
}

export class DataFormatError extends Error {
  override name = 'DataFormatError';
}

export function encodeImageSet(set: ImageSet): Uint8Array {
  const pixelBytes = set.count * set.height * set.width * set.channels;
  if (set.labels.length !== set.count || set.pixels.length !== pixelBytes) {
    throw new DataFormatError('encodeImageSet: labels/pixels length does not match count and shape');
  }
  const out = new Uint8Array(HEADER_BYTES + set.count + pixelBytes);
  for (let i = 0; i < MAGIC.length; i++) out[i] = MAGIC.charCodeAt(i);
  const view = new DataView(out.buffer);
  [FORMAT_VERSION, set.count, set.height, set.width, set.channels, set.classes].forEach((v, i) => view.setUint32(8 + 4 * i, v, true));
  out.set(set.labels, HEADER_BYTES);
  out.set(set.pixels, HEADER_BYTES + set.count);
  return out;
}

export interface ExpectedShape {
  height: number;
  width: number;
  channels: number;
  classes: number;
}

/**
 * Parses and validates a file. `source` names the file in error messages so a user
 * knows which one to regenerate.
 */
/** How to rebuild a data file: --force, because prepare-data skips files that exist, broken or not (scripts/prepare-data.ts). */
export const REGENERATE_DATA = 'Regenerate it with `npm run prepare-data -- --force`.';

export function decodeImageSet(buffer: ArrayBuffer | Uint8Array, source: string, expected?: ExpectedShape): ImageSet {
  const bytes = buffer instanceof Uint8Array ? buffer : new Uint8Array(buffer);
  const fix = REGENERATE_DATA;
  if (bytes.length < HEADER_BYTES) {
    throw new DataFormatError(`${source}: file is ${bytes.length} bytes, shorter than the ${HEADER_BYTES}-byte header (truncated?). ${fix}`);
  }
  const magic = String.fromCharCode(...bytes.subarray(0, MAGIC.length));
  if (magic !== MAGIC) {
    throw new DataFormatError(`${source}: not a TSC image-set file (bad magic ${JSON.stringify(magic)}; is the URL serving an HTML page instead?). ${fix}`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const [version, count, height, width, channels, classes] = [0, 1, 2, 3, 4, 5].map((i) => view.getUint32(8 + 4 * i, true));
  if (version !== FORMAT_VERSION) {
    throw new DataFormatError(`${source}: format version ${version}, this app reads version ${FORMAT_VERSION}. ${fix}`);
  }
  if (expected && (height !== expected.height || width !== expected.width || channels !== expected.channels || classes !== expected.classes)) {
    throw new DataFormatError(
      `${source}: shape ${height}×${width}×${channels} with ${classes} classes, expected ${expected.height}×${expected.width}×${expected.channels} with ${expected.classes}. ${fix}`,
    );
  }
  const pixelBytes = count * height * width * channels;
  const needed = HEADER_BYTES + count + pixelBytes;
  if (bytes.length !== needed) {
    throw new DataFormatError(`${source}: ${bytes.length} bytes but the header promises ${needed} (${count} images); the file is truncated or corrupt. ${fix}`);
  }
  const labels = bytes.slice(HEADER_BYTES, HEADER_BYTES + count);
  for (let i = 0; i < count; i++) {
    if (labels[i] >= classes) throw new DataFormatError(`${source}: label ${labels[i]} at image ${i} is out of range 0–${classes - 1}. ${fix}`);
  }
  const pixels = bytes.slice(HEADER_BYTES + count, needed);
  return { count, height, width, channels, classes, labels, pixels };
}

/** Pixels of images [start, start+n) as floats in [0,1] (the models' input range). */
export function toFloatImages(set: ImageSet, start = 0, n = set.count - start): Float32Array {
  const size = set.height * set.width * set.channels;
  const src = set.pixels.subarray(start * size, (start + n) * size);
  const out = new Float32Array(src.length);
  for (let i = 0; i < src.length; i++) out[i] = src[i] / 255;
  return out;
}

/** A subset of a set, by image index (copies). */
export function selectImages(set: ImageSet, indices: ArrayLike<number>): ImageSet {
  const size = set.height * set.width * set.channels;
  const labels = new Uint8Array(indices.length);
  const pixels = new Uint8Array(indices.length * size);
  for (let k = 0; k < indices.length; k++) {
    const i = indices[k];
    labels[k] = set.labels[i];
    pixels.set(set.pixels.subarray(i * size, (i + 1) * size), k * size);
  }
  return { ...set, count: indices.length, labels, pixels };
}
