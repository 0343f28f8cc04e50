import { describe, expect, it } from 'vitest';
import { PIXELS } from '../data/datasets';
import { blendedTrigger, blendPattern } from './blended';
import { expectInUnitRange, randomBatch } from './testFixtures';

describe('blendPattern', () => {
  it('is a 28×28 pattern in [0,1], identical for the same seed, different for another', () => {
    const a = blendPattern(1234);
    expect(a).toHaveLength(PIXELS);
    expect(expectInUnitRange(a)).toBe(true);
    expect(blendPattern(1234)).toEqual(a);
    const b = blendPattern(1235);
    let diff = 0;
    for (let p = 0; p < PIXELS; p++) if (a[p] !== b[p]) diff++;
    expect(diff).toBeGreaterThan(PIXELS * 0.9);
  });

  it('looks like uniform noise (mean ≈ 0.5, not constant)', () => {
    const a = blendPattern(1234);
    const mean = a.reduce((s, v) => s + v, 0) / PIXELS;
    expect(mean).toBeGreaterThan(0.45);
    expect(mean).toBeLessThan(0.55);
    expect(Math.max(...a) - Math.min(...a)).toBeGreaterThan(0.9);
  });
});

describe('blendedTrigger', () => {
  it("moves every pixel toward K by exactly α: x' − x = α·(K − x)", () => {
    const alpha = 0.2;
    const x = randomBatch(3);
    const k = blendPattern(99);
    const y = blendedTrigger({ kind: 'blended', alpha, patternSeed: 99 }, x);
    for (let i = 0; i < 3; i++) {
      for (let p = 0; p < PIXELS; p++) {
        const xi = x[i * PIXELS + p];
        expect(y[i * PIXELS + p] - xi).toBeCloseTo(alpha * (k[p] - xi), 6);
      }
    }
  });

  it('α = 0 is identity and α = 1 gives the pattern itself', () => {
    const x = randomBatch(1);
    expect(blendedTrigger({ kind: 'blended', alpha: 0, patternSeed: 5 }, x)).toEqual(x);
    expect(blendedTrigger({ kind: 'blended', alpha: 1, patternSeed: 5 }, x)).toEqual(blendPattern(5));
  });

  it('does not mutate input and stays in [0,1]', () => {
    const x = randomBatch(4);
    const copy = new Float32Array(x);
    const y = blendedTrigger({ kind: 'blended', alpha: 0.2, patternSeed: 1234 }, x);
    expect(x).toEqual(copy);
    expect(expectInUnitRange(y)).toBe(true);
  });
});
