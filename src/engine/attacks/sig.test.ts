import { describe, expect, it } from 'vitest';
import { PIXELS, SIDE } from '../data/datasets';
import { sigSignal, sigTrigger } from './sig';
import { constantBatch, expectInUnitRange, randomBatch } from './testFixtures';
import type { SigSpec } from './types';

const spec: SigSpec = { kind: 'sig', amplitude: 20 / 255, frequency: 6 };

describe('sigTrigger', () => {
  it('on a zero image: varies by column only, constant down rows, equals Δ·sin where sin > 0', () => {
    const y = sigTrigger(spec, constantBatch(1, 0));
    let positiveCols = 0;
    for (let c = 0; c < SIDE; c++) {
      const s = spec.amplitude * Math.sin((2 * Math.PI * c * spec.frequency) / SIDE);
      for (let r = 0; r < SIDE; r++) expect(y[r * SIDE + c]).toBe(y[c]);
      if (s > 1e-9) {
        positiveCols++;
        expect(y[c]).toBeCloseTo(s, 6);
      } else if (s < -1e-9) {
        expect(y[c]).toBe(0); // negative half clipped at 0
      } else {
        expect(y[c]).toBeCloseTo(0, 9); // zero crossing
      }
    }
    expect(positiveCols).toBeGreaterThan(5);
    // Columns genuinely differ.
    expect(new Set(Array.from(y.subarray(0, SIDE))).size).toBeGreaterThan(3);
  });

  it('adds the signal to mid-grey images exactly (no clipping needed)', () => {
    const x = constantBatch(2, 0.5);
    const y = sigTrigger(spec, x);
    const v = sigSignal(spec);
    for (let p = 0; p < 2 * PIXELS; p++) expect(y[p]).toBeCloseTo(0.5 + v[p % PIXELS], 6);
  });

  it('clips at 0 and 1, does not mutate input', () => {
    const x = randomBatch(4);
    const copy = new Float32Array(x);
    const y = sigTrigger({ kind: 'sig', amplitude: 0.3, frequency: 6 }, x);
    expect(x).toEqual(copy);
    expect(expectInUnitRange(y)).toBe(true);
    const ones = sigTrigger(spec, constantBatch(1, 1));
    expect(Math.max(...ones)).toBe(1);
  });
});
