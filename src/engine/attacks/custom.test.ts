import { describe, expect, it } from 'vitest';
import { PIXELS, SIDE } from '../data/datasets';
import { applyTrigger, badnetTrigger, describeAttack, poisonTrainingSet } from './index';
import { blendedTrigger, blendPattern } from './blended';
import { blendImageFromRgba, patchFromRgba } from './rgba';
import type { CustomPatchSpec } from './types';
import { expectInUnitRange, randomBatch } from './testFixtures';

/** A solid square drawn at the top-left of the 28×28 drawing. */
function square(size: number, value: number): { pattern: number[]; mask: number[] } {
  const pattern = new Array<number>(PIXELS).fill(0);
  const mask = new Array<number>(PIXELS).fill(0);
  for (let r = 0; r < size; r++) for (let c = 0; c < size; c++) [pattern[r * SIDE + c], mask[r * SIDE + c]] = [value, 1];
  return { pattern, mask };
}

describe('BadNet at any size and position', () => {
  it('stamps exactly the size² square at (x, y)', () => {
    const x = randomBatch(2);
    const y = badnetTrigger({ kind: 'badnet', patchSize: 5, value: 0.75, x: 2, y: 10 }, x);
    for (let p = 0; p < 2 * PIXELS; p++) {
      const r = Math.floor((p % PIXELS) / SIDE);
      const c = p % SIDE;
      const inside = r >= 10 && r < 15 && c >= 2 && c < 7;
      expect(y[p]).toBe(inside ? 0.75 : x[p]);
    }
  });

  it('refuses a patch that does not fit', () => {
    expect(() => badnetTrigger({ kind: 'badnet', patchSize: 4, value: 1, x: 25, y: 0 }, randomBatch(1))).toThrow(
      'BadNet patch 4×4 at (25, 0) does not fit in 28×28',
    );
  });

  it('says where the patch is', () => {
    expect(describeAttack({ kind: 'badnet', patchSize: 3, value: 1, x: 0, y: 0 })).toBe('BadNet 3×3 white patch (at x 0, y 0)');
  });
});

describe('custom patch', () => {
  it('a solid drawn square shifted to the corner equals BadNet there', () => {
    const x = randomBatch(3);
    const spec: CustomPatchSpec = { kind: 'custom-patch', ...square(3, 1), x: 25, y: 25 };
    expect(applyTrigger(spec, x)).toEqual(badnetTrigger({ kind: 'badnet', patchSize: 3, value: 1 }, x));
  });

  it('a soft mask mixes: (1 − m)·x + m·p, and drops what the shift pushes off the image', () => {
    const x = randomBatch(1);
    const { pattern, mask } = square(2, 1);
    mask[0] = 0.25;
    const y = applyTrigger({ kind: 'custom-patch', pattern, mask, x: 27, y: 0 }, x);
    expect(y[27]).toBeCloseTo(0.75 * x[27] + 0.25, 6);
    expect(y[SIDE + 27]).toBe(1);
    let changed = 0;
    for (let p = 0; p < PIXELS; p++) if (y[p] !== x[p]) changed++;
    expect(changed).toBeLessThanOrEqual(2);
    expect(expectInUnitRange(y)).toBe(true);
  });

  it('poisons dirty-label like BadNet', () => {
    const images = randomBatch(50);
    const labels = Uint8Array.from({ length: 50 }, (_, i) => i % 10);
    const out = poisonTrainingSet({ kind: 'custom-patch', ...square(3, 1), x: 0, y: 0 }, images, labels, { target: 7, rate: 0.2, seed: 3 });
    expect(out.poisonedIndices).toHaveLength(10);
    for (const i of out.poisonedIndices) expect(out.labels[i]).toBe(7);
  });

  it('rejects a drawing of the wrong size', () => {
    expect(() => applyTrigger({ kind: 'custom-patch', pattern: [1], mask: [1], x: 0, y: 0 }, randomBatch(1))).toThrow(
      'custom trigger pattern has 1 values, expected 784',
    );
  });
});

describe('custom blend', () => {
  it('with the Blended noise as its image equals Blended', () => {
    const x = randomBatch(2);
    const image = Array.from(blendPattern(1234));
    expect(applyTrigger({ kind: 'custom-blend', image, alpha: 0.2 }, x)).toEqual(blendedTrigger({ kind: 'blended', alpha: 0.2, patternSeed: 1234 }, x));
  });
});

describe('pictures as triggers', () => {
  const rgba = (w: number, h: number, at: (i: number) => [number, number, number, number]) => ({
    width: w,
    height: h,
    data: Array.from({ length: w * h }, (_, i) => at(i)).flat(),
  });

  it('a small picture with see-through pixels: gray is the pattern, alpha the mask, placed top-left', () => {
    const px = rgba(2, 1, (i) => (i === 0 ? [255, 255, 255, 255] : [0, 0, 0, 51]));
    const { pattern, mask } = patchFromRgba(px);
    expect([pattern[0], mask[0], pattern[1], mask[1], mask[2], mask[SIDE]]).toEqual([1, 1, 0, 0.2, 0, 0]);
  });

  it('an opaque picture: the mask is every non-black pixel', () => {
    const px = rgba(2, 1, (i) => (i === 0 ? [0, 0, 0, 255] : [255, 0, 0, 255]));
    const { pattern, mask } = patchFromRgba(px);
    expect(mask.slice(0, 2)).toEqual([0, 1]);
    expect(pattern[1]).toBeCloseTo(0.299, 6);
  });

  it('refuses pictures of the wrong size', () => {
    expect(() => patchFromRgba(rgba(29, 1, () => [0, 0, 0, 255]))).toThrow('a patch picture must be at most 28×28 pixels, got 29×1');
    expect(() => blendImageFromRgba(rgba(27, 28, () => [0, 0, 0, 255]))).toThrow('a blend picture must be 28×28 pixels, got 27×28');
  });
});
