import { describe, expect, it } from 'vitest';
import { PIXELS, SIDE } from '../data/datasets';
import { makeRng } from '../random';
import { constantBatch, expectInUnitRange, randomBatch, structuredImage } from './testFixtures';
import type { WanetSpec } from './types';
import { controlGrid, identityGrid, upsampleGrid, wanetNoisyTrigger, wanetTrigger, warpField, warpImages } from './wanet';

const spec: WanetSpec = { kind: 'wanet', k: 4, strength: 0.5, fieldSeed: 4321, noiseMode: false, crossRatio: 2 };

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

describe('WaNet field', () => {
  it('control grid is k×k×2 with mean |value| = 1', () => {
    const g = controlGrid(4, 4321);
    expect(g).toHaveLength(32);
    const meanAbs = g.reduce((s, v) => s + Math.abs(v), 0) / g.length;
    expect(meanAbs).toBeCloseTo(1, 12);
  });

  it('upsampling with align_corners keeps the control values at the four corners', () => {
    const k = 4;
    const g = controlGrid(k, 1);
    const up = upsampleGrid(g, k);
    const corners: [number, number, number, number][] = [
      [0, 0, 0, 0],
      [0, SIDE - 1, 0, k - 1],
      [SIDE - 1, 0, k - 1, 0],
      [SIDE - 1, SIDE - 1, k - 1, k - 1],
    ];
    for (const [r, c, i, j] of corners) {
      for (let ch = 0; ch < 2; ch++) expect(up[(r * SIDE + c) * 2 + ch]).toBeCloseTo(g[(i * k + j) * 2 + ch], 12);
    }
  });

  it('identity grid spans [−1,1] with x along columns and y along rows', () => {
    const id = identityGrid();
    expect(id[0]).toBe(-1);
    expect(id[1]).toBe(-1);
    const last = (PIXELS - 1) * 2;
    expect(id[last]).toBeCloseTo(1, 12);
    expect(id[last + 1]).toBeCloseTo(1, 12);
    expect(id[(0 * SIDE + 5) * 2]).toBeCloseTo((2 * 5) / 27 - 1, 12); // x depends on column
    expect(id[(0 * SIDE + 5) * 2 + 1]).toBe(-1); // y does not
  });

  it('warpField is 28×28×2, within [−1,1], deviates from identity by at most strength·max|up|/28', () => {
    const f = warpField(spec);
    expect(f).toHaveLength(PIXELS * 2);
    for (const v of f) expect(Math.abs(v)).toBeLessThanOrEqual(1);
    const id = identityGrid();
    const up = upsampleGrid(controlGrid(spec.k, spec.fieldSeed), spec.k);
    const bound = (spec.strength * Math.max(...up.map(Math.abs))) / SIDE + 1e-6;
    const dev = maxAbsDiff(f, id);
    expect(dev).toBeGreaterThan(0.001);
    expect(dev).toBeLessThanOrEqual(bound);
  });

  it('is deterministic per seed, differs across seeds, and returns a copy', () => {
    const a = warpField(spec);
    a[0] = 42; // must not poison the cache
    const b = warpField(spec);
    expect(b[0]).not.toBe(42);
    expect(warpField({ ...spec })).toEqual(b);
    expect(maxAbsDiff(warpField({ ...spec, fieldSeed: 1 }), b)).toBeGreaterThan(1e-3);
  });
});

describe('wanetTrigger', () => {
  it('changes an image with structure', () => {
    const x = structuredImage();
    const y = wanetTrigger(spec, x);
    expect(maxAbsDiff(x, y)).toBeGreaterThan(0.05);
  });

  it('leaves a constant image unchanged (up to 1e-6)', () => {
    for (const v of [0, 0.37, 1]) {
      const x = constantBatch(2, v);
      expect(maxAbsDiff(wanetTrigger(spec, x), x)).toBeLessThan(1e-6);
    }
  });

  it('strength 0 is the identity', () => {
    const x = randomBatch(3);
    expect(maxAbsDiff(wanetTrigger({ ...spec, strength: 0 }, x), x)).toBeLessThan(1e-6);
  });

  it('resamples like grid_sample: a half-pixel x shift averages neighbouring columns', () => {
    const grid = new Float32Array(identityGrid());
    const half = 1 / (SIDE - 1); // half a pixel in normalised units
    for (let r = 0; r < SIDE; r++) for (let c = 0; c < SIDE - 1; c++) grid[(r * SIDE + c) * 2] += half;
    const x = structuredImage();
    const y = warpImages(x, grid);
    for (let c = 0; c < SIDE - 1; c++) expect(y[3 * SIDE + c]).toBeCloseTo((x[3 * SIDE + c] + x[3 * SIDE + c + 1]) / 2, 5);
  });

  it('is deterministic, stays in [0,1], does not mutate input', () => {
    const x = randomBatch(3);
    const copy = new Float32Array(x);
    const y = wanetTrigger(spec, x);
    expect(x).toEqual(copy);
    expect(wanetTrigger(spec, x)).toEqual(y);
    expect(expectInUnitRange(y)).toBe(true);
    expect(expectInUnitRange(wanetTrigger({ ...spec, strength: 5 }, x))).toBe(true);
  });
});

describe('wanetNoisyTrigger', () => {
  it('differs from the clean warp, is seed-deterministic, stays in [0,1]', () => {
    const x = new Float32Array([...structuredImage(), ...structuredImage()]);
    const clean = wanetTrigger(spec, x);
    const a = wanetNoisyTrigger(spec, x, makeRng(9));
    const b = wanetNoisyTrigger(spec, x, makeRng(9));
    expect(a).toEqual(b);
    expect(maxAbsDiff(a, clean)).toBeGreaterThan(1e-3);
    expect(maxAbsDiff(a, wanetNoisyTrigger(spec, x, makeRng(10)))).toBeGreaterThan(1e-3);
    // Each image draws its own noise.
    expect(maxAbsDiff(a.subarray(0, PIXELS), a.subarray(PIXELS))).toBeGreaterThan(1e-3);
    expect(expectInUnitRange(a)).toBe(true);
  });

  it('keeps a constant image constant (noise only moves sample positions)', () => {
    const x = constantBatch(1, 0.6);
    expect(maxAbsDiff(wanetNoisyTrigger(spec, x, makeRng(3)), x)).toBeLessThan(1e-6);
  });
});
