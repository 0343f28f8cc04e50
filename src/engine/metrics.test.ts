import { describe, expect, it } from 'vitest';
import { gatherImages } from './attacks';
import { accuracy, attackSuccessRate, nonTargetIndices } from './metrics';

describe('metrics', () => {
  it('accuracy counts exact matches', () => {
    expect(accuracy([1, 2, 3, 4], [1, 2, 0, 4])).toBe(0.75);
    expect(accuracy([], [])).toBeNaN();
  });

  it('ASR is the share of triggered predictions equal to the target', () => {
    expect(attackSuccessRate([0, 0, 3, 0], 0)).toBe(0.75);
  });

  it('the poisoned test set excludes images whose true label is the target', () => {
    expect(Array.from(nonTargetIndices([0, 1, 0, 2, 3], 0))).toEqual([1, 3, 4]);
  });

  it('gathers whole images by index', () => {
    const images = Float32Array.from({ length: 3 * 784 }, (_, i) => Math.floor(i / 784));
    const g = gatherImages(images, [2, 0]);
    expect(g[0]).toBe(2);
    expect(g[784]).toBe(0);
    expect(g.length).toBe(2 * 784);
  });
});
