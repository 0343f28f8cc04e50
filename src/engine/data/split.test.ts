import { describe, expect, it } from 'vitest';
import { stratifiedSplit } from './split';

describe('stratifiedSplit', () => {
  const labels = Uint8Array.from({ length: 1003 }, (_, i) => (i < 503 ? 0 : i < 803 ? 1 : 2));

  it('gives an exact total, per-class shares within one image, disjoint and complete', () => {
    const { train, test } = stratifiedSplit(labels, 200, 7);
    expect(test.length).toBe(200);
    expect(train.length).toBe(803);
    const all = new Set([...train, ...test]);
    expect(all.size).toBe(1003);
    const perClass = [0, 1, 2].map((c) => Array.from(test).filter((i) => labels[i] === c).length);
    expect(Math.abs(perClass[0] - (503 * 200) / 1003)).toBeLessThan(1);
    expect(Math.abs(perClass[1] - (300 * 200) / 1003)).toBeLessThan(1);
    expect(Math.abs(perClass[2] - (200 * 200) / 1003)).toBeLessThan(1);
  });

  it('is deterministic per seed and differs across seeds', () => {
    const a = stratifiedSplit(labels, 200, 7);
    const b = stratifiedSplit(labels, 200, 7);
    const c = stratifiedSplit(labels, 200, 8);
    expect(a.test).toEqual(b.test);
    expect(a.train).toEqual(b.train);
    expect(a.test).not.toEqual(c.test);
  });

  it('shuffles classes together so a prefix is mixed', () => {
    const { test } = stratifiedSplit(labels, 200, 7);
    const prefix = new Set(Array.from(test.subarray(0, 20)).map((i) => labels[i]));
    expect(prefix.size).toBe(3);
  });
});
