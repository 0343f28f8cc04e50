import { describe, expect, it } from 'vitest';
import type { CurvePointRecord } from '../engine/evaluate';
import { lossScale, tFromX, valueAt } from './plot-helpers';

const pts: CurvePointRecord[] = [
  { t: 0, cleanLoss: 0.1, poisonedLoss: 0.01, acc: 0.9, asr: 1 },
  { t: 0.5, cleanLoss: 0.3, poisonedLoss: 2, acc: 0.8, asr: 0.2 },
  { t: 1, cleanLoss: 0.1, poisonedLoss: 0.01, acc: 0.9, asr: 1 },
];

describe('plot helpers', () => {
  it('interpolates a metric linearly between grid points and clamps outside', () => {
    expect(valueAt(pts, 'cleanLoss', 0.25)).toBeCloseTo(0.2, 12);
    expect(valueAt(pts, 'asr', 0.75)).toBeCloseTo(0.6, 12);
    expect(valueAt(pts, 'acc', 0.5)).toBe(0.8);
    expect(valueAt(pts, 'poisonedLoss', -1)).toBe(0.01);
    expect(valueAt(pts, 'poisonedLoss', 2)).toBe(0.01);
    expect(valueAt([], 'acc', 0.3)).toBeNaN();
  });

  it('log loss scale covers the data and ignores non-finite values', () => {
    const s = lossScale([0.01, 2, Infinity, NaN], true, [100, 0]);
    const [lo, hi] = s.domain();
    expect(lo).toBeLessThan(0.01);
    expect(hi).toBeGreaterThan(2);
    expect(s(2)).toBeLessThan(s(0.01));
  });

  it('linear loss scale starts at 0', () => {
    expect(lossScale([0.5, 1], false, [100, 0]).domain()[0]).toBe(0);
  });

  it('maps a pointer x back to a t in [0,1] snapped to 0.005', () => {
    const scale = { invert: (x: number) => x / 100 };
    expect(tFromX(40.2, scale)).toBe(0.4);
    expect(tFromX(-5, scale)).toBe(0);
    expect(tFromX(150, scale)).toBe(1);
  });
});
