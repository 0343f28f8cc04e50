import { describe, expect, it } from 'vitest';
import { PIXELS } from './datasets';
import { DataFormatError, HEADER_BYTES, decodeImageSet, encodeImageSet, selectImages, toFloatImages, type ImageSet } from './format';

const shape = { height: 28, width: 28, channels: 1, classes: 10 };

function tinySet(count = 3): ImageSet {
  const pixels = new Uint8Array(count * PIXELS).map((_, i) => (i * 7) % 256);
  return { count, ...shape, labels: Uint8Array.from({ length: count }, (_, i) => i % 10), pixels };
}

describe('image-set file format', () => {
  it('round-trips labels, pixels and header fields', () => {
    const set = tinySet();
    const bytes = encodeImageSet(set);
    expect(bytes.length).toBe(HEADER_BYTES + 3 + 3 * PIXELS);
    const back = decodeImageSet(bytes, 'x.bin', shape);
    expect(back.count).toBe(3);
    expect(Array.from(back.labels)).toEqual([0, 1, 2]);
    expect(back.pixels).toEqual(set.pixels);
  });

  it('rejects a truncated file and says how to fix it', () => {
    const bytes = encodeImageSet(tinySet());
    expect(() => decodeImageSet(bytes.subarray(0, bytes.length - 1), 'cut.bin', shape)).toThrow(/cut\.bin.*truncated.*npm run prepare-data -- --force/);
    expect(() => decodeImageSet(bytes.subarray(0, 10), 'tiny.bin', shape)).toThrow(DataFormatError);
  });

  it('rejects a wrong magic string (e.g. an HTML page served instead)', () => {
    const html = new TextEncoder().encode('<!doctype html><html><body>not data</body></html>');
    expect(() => decodeImageSet(html, 'page.bin', shape)).toThrow(/bad magic/);
  });

  it('rejects a wrong shape and a wrong version', () => {
    const bytes = encodeImageSet({ ...tinySet(1), height: 14, width: 56 });
    expect(() => decodeImageSet(bytes, 'shape.bin', shape)).toThrow(/14×56×1.*expected 28×28×1/);
    const v2 = encodeImageSet(tinySet(1));
    new DataView(v2.buffer).setUint32(8, 2, true);
    expect(() => decodeImageSet(v2, 'v2.bin', shape)).toThrow(/version 2/);
  });

  it('rejects an out-of-range label', () => {
    const set = tinySet(2);
    set.labels[1] = 12;
    expect(() => decodeImageSet(encodeImageSet(set), 'lab.bin', shape)).toThrow(/label 12/);
  });

  it('converts to floats in [0,1] and selects by index', () => {
    const set = tinySet(3);
    const f = toFloatImages(set, 1, 1);
    expect(f.length).toBe(PIXELS);
    expect(f[0]).toBeCloseTo(set.pixels[PIXELS] / 255, 7);
    const sub = selectImages(set, [2, 0]);
    expect(Array.from(sub.labels)).toEqual([2, 0]);
    expect(sub.pixels.subarray(0, PIXELS)).toEqual(set.pixels.subarray(2 * PIXELS, 3 * PIXELS));
  });
});
