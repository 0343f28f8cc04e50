import { describe, expect, it } from 'vitest';
import { gatherImages } from './attacks';
import { PIXELS } from './data/datasets';
import { nonTargetIndices } from './metrics';

describe('metrics', () => {
  it('the poisoned test set excludes images whose true label is the target', () => {
    expect(Array.from(nonTargetIndices([0, 1, 0, 2, 3], 0))).toEqual([1, 3, 4]);
  });

  it('gathers whole images by index', () => {
    const images = Float32Array.from({ length: 3 * PIXELS }, (_, i) => Math.floor(i / PIXELS));
    const g = gatherImages(images, [2, 0]);
    expect(g[0]).toBe(2);
    expect(g[PIXELS]).toBe(0);
    expect(g.length).toBe(2 * PIXELS);
  });
});
