import { describe, expect, it } from 'vitest';
import { PIXELS, SIDE } from '../data/datasets';
import { badnetTrigger } from './badnet';
import { constantBatch, expectInUnitRange, randomBatch } from './testFixtures';

function changedPixels(before: Float32Array, after: Float32Array, img: number): number[] {
  const out: number[] = [];
  for (let p = 0; p < PIXELS; p++) if (before[img * PIXELS + p] !== after[img * PIXELS + p]) out.push(p);
  return out;
}

describe('badnetTrigger', () => {
  it.each([
    [3, 25],
    [4, 24],
  ] as const)('patchSize %i sets exactly the bottom-right square from row/col %i', (size, start) => {
    const x = constantBatch(2, 0);
    const y = badnetTrigger({ kind: 'badnet', patchSize: size, value: 1 }, x);
    for (let img = 0; img < 2; img++) {
      const changed = changedPixels(x, y, img);
      expect(changed).toHaveLength(size * size);
      for (const p of changed) {
        expect(Math.floor(p / SIDE)).toBeGreaterThanOrEqual(start);
        expect(p % SIDE).toBeGreaterThanOrEqual(start);
        expect(y[img * PIXELS + p]).toBe(1);
      }
    }
  });

  it('writes the requested value and leaves every other pixel of a random image untouched', () => {
    const x = randomBatch(3);
    const y = badnetTrigger({ kind: 'badnet', patchSize: 3, value: 0.5 }, x);
    for (let img = 0; img < 3; img++) {
      for (let r = 0; r < SIDE; r++) {
        for (let c = 0; c < SIDE; c++) {
          const p = img * PIXELS + r * SIDE + c;
          expect(y[p]).toBe(r >= 25 && c >= 25 ? 0.5 : x[p]);
        }
      }
    }
  });

  it('does not mutate input, returns a new array, stays in [0,1]', () => {
    const x = randomBatch(2);
    const copy = new Float32Array(x);
    const y = badnetTrigger({ kind: 'badnet', patchSize: 4, value: 1 }, x);
    expect(y).not.toBe(x);
    expect(x).toEqual(copy);
    expect(expectInUnitRange(y)).toBe(true);
  });

  it('rejects a batch whose length is not a multiple of 784', () => {
    expect(() => badnetTrigger({ kind: 'badnet', patchSize: 3, value: 1 }, new Float32Array(100))).toThrow();
  });
});
