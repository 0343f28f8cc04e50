import { describe, expect, it } from 'vitest';
import { makeRng, type Rng } from '../random';
import { assignmentValue, solveLap } from './lap';

function randomMatrix(n: number, rng: Rng, gen: (rng: Rng) => number = (r) => r() * 2 - 1): Float64Array {
  const m = new Float64Array(n * n);
  for (let k = 0; k < m.length; k++) m[k] = gen(rng);
  return m;
}

/** Best and worst assignment values by enumerating all n! permutations (Heap's algorithm). */
function bruteForce(m: Float64Array, n: number): { min: number; max: number } {
  const p = Array.from({ length: n }, (_, i) => i);
  const c = new Array<number>(n).fill(0);
  let min = assignmentValue(m, n, p);
  let max = min;
  let i = 1;
  while (i < n) {
    if (c[i] < i) {
      const k = i % 2 === 0 ? 0 : c[i];
      [p[k], p[i]] = [p[i], p[k]];
      const v = assignmentValue(m, n, p);
      if (v < min) min = v;
      if (v > max) max = v;
      c[i]++;
      i = 1;
    } else {
      c[i] = 0;
      i++;
    }
  }
  return { min, max };
}

function expectBijection(perm: Int32Array, n: number): void {
  expect(perm).toBeInstanceOf(Int32Array);
  expect(perm.length).toBe(n);
  const seen = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    expect(Number.isInteger(perm[i]) && perm[i] >= 0 && perm[i] < n).toBe(true);
    expect(seen[perm[i]]).toBe(0);
    seen[perm[i]] = 1;
  }
}

function greedyMax(m: Float64Array, n: number): Int32Array {
  const perm = new Int32Array(n).fill(-1);
  const used = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    let best = -1;
    for (let j = 0; j < n; j++) if (!used[j] && (best < 0 || m[i * n + j] > m[i * n + best])) best = j;
    perm[i] = best;
    used[best] = 1;
  }
  return perm;
}

describe('solveLap vs brute force', () => {
  for (const n of [6, 8]) {
    for (const objective of ['min', 'max'] as const) {
      it(`n=${n} ${objective}: matches exhaustive search on 24 seeded matrices`, () => {
        for (let seed = 0; seed < 24; seed++) {
          const rng = makeRng(`lap-${n}-${seed}`);
          // Alternate continuous entries with small integers (ties) to exercise both regimes.
          const m = seed % 3 === 2 ? randomMatrix(n, rng, (r) => Math.floor(r() * 4)) : randomMatrix(n, rng);
          const perm = solveLap(m, n, objective);
          expectBijection(perm, n);
          const best = bruteForce(m, n)[objective];
          expect(assignmentValue(m, n, perm)).toBeCloseTo(best, 10);
        }
      });
    }
  }

  it('accepts number[][] and Float32Array inputs with the same answer', () => {
    const n = 7;
    const rng = makeRng('lap-formats');
    for (let t = 0; t < 10; t++) {
      const m64 = randomMatrix(n, rng);
      const m32 = Float32Array.from(m64);
      const rows = Array.from({ length: n }, (_, i) => Array.from(m32.subarray(i * n, (i + 1) * n)));
      const best = bruteForce(Float64Array.from(m32), n);
      for (const objective of ['min', 'max'] as const) {
        const p32 = solveLap(m32, n, objective);
        const pRows = solveLap(rows, n, objective);
        expectBijection(p32, n);
        expectBijection(pRows, n);
        expect(assignmentValue(m32, n, p32)).toBeCloseTo(best[objective], 5);
        expect(assignmentValue(rows, n, pRows)).toBeCloseTo(best[objective], 5);
      }
    }
  });
});

describe('solveLap special cases', () => {
  it('handles an all-equal matrix (every permutation is optimal)', () => {
    for (const n of [1, 5, 32]) {
      const m = new Float64Array(n * n).fill(0.3);
      for (const objective of ['min', 'max'] as const) {
        const perm = solveLap(m, n, objective);
        expectBijection(perm, n);
        expect(assignmentValue(m, n, perm)).toBeCloseTo(0.3 * n, 12);
      }
    }
  });

  it('handles integer-valued matrices with many ties', () => {
    for (let seed = 0; seed < 20; seed++) {
      const n = 8;
      const rng = makeRng(`lap-int-${seed}`);
      const m = randomMatrix(n, rng, (r) => Math.floor(r() * 3) - 1);
      const best = bruteForce(m, n);
      for (const objective of ['min', 'max'] as const) {
        const perm = solveLap(m, n, objective);
        expectBijection(perm, n);
        expect(assignmentValue(m, n, perm)).toBe(best[objective]);
      }
    }
  });

  it('identity matrix with max gives the identity permutation', () => {
    for (const n of [1, 2, 10, 64]) {
      const m = new Float64Array(n * n);
      for (let i = 0; i < n; i++) m[i * n + i] = 1;
      expect(Array.from(solveLap(m, n, 'max'))).toEqual(Array.from({ length: n }, (_, i) => i));
    }
  });

  it('recovers a planted permutation from a permuted identity', () => {
    const n = 50;
    const rng = makeRng('lap-planted');
    const target = Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(rng() * (i + 1));
      [target[i], target[j]] = [target[j], target[i]];
    }
    const m = randomMatrix(n, rng, (r) => r() * 0.1);
    for (let i = 0; i < n; i++) m[i * n + target[i]] = 1;
    expect(Array.from(solveLap(m, n, 'max'))).toEqual(target);
  });

  it("a negated matrix with 'min' equals the original with 'max'", () => {
    for (const n of [6, 20, 100]) {
      const rng = makeRng(`lap-neg-${n}`);
      const m = randomMatrix(n, rng);
      const neg = m.map((x) => -x);
      const pMax = solveLap(m, n, 'max');
      const pMinNeg = solveLap(neg, n, 'min');
      expectBijection(pMinNeg, n);
      expect(assignmentValue(m, n, pMinNeg)).toBeCloseTo(assignmentValue(m, n, pMax), 9);
      expect(assignmentValue(neg, n, pMinNeg)).toBeCloseTo(-assignmentValue(m, n, pMax), 9);
    }
  });

  it('min and max bound every other assignment', () => {
    const n = 40;
    const rng = makeRng('lap-bounds');
    const m = randomMatrix(n, rng);
    const lo = assignmentValue(m, n, solveLap(m, n, 'min'));
    const hi = assignmentValue(m, n, solveLap(m, n, 'max'));
    expect(lo).toBeLessThan(hi);
    for (let t = 0; t < 200; t++) {
      const p = Array.from({ length: n }, (_, i) => i);
      for (let i = n - 1; i > 0; i--) {
        const j = Math.floor(rng() * (i + 1));
        [p[i], p[j]] = [p[j], p[i]];
      }
      const v = assignmentValue(m, n, p);
      expect(v).toBeGreaterThanOrEqual(lo - 1e-9);
      expect(v).toBeLessThanOrEqual(hi + 1e-9);
    }
  });

  it('n=1 and n=0', () => {
    expect(Array.from(solveLap(new Float64Array([-3.5]), 1, 'min'))).toEqual([0]);
    expect(Array.from(solveLap([[7]], 1, 'max'))).toEqual([0]);
    expect(assignmentValue(new Float64Array([-3.5]), 1, [0])).toBe(-3.5);
    const empty = solveLap(new Float64Array(0), 0, 'max');
    expect(empty).toBeInstanceOf(Int32Array);
    expect(empty.length).toBe(0);
    expect(solveLap([], 0, 'min').length).toBe(0);
    expect(assignmentValue(new Float64Array(0), 0, new Int32Array(0))).toBe(0);
  });

  it('rejects malformed input', () => {
    expect(() => solveLap(new Float64Array(5), 2, 'min')).toThrow(RangeError);
    expect(() => solveLap([[1, 2], [3]], 2, 'min')).toThrow(RangeError);
    expect(() => solveLap(new Float64Array([1, NaN, 0, 1]), 2, 'max')).toThrow(RangeError);
    expect(() => solveLap(new Float64Array(4), -1, 'max')).toThrow(RangeError);
  });

  it('does not modify its input', () => {
    const rng = makeRng('lap-pure');
    const m = randomMatrix(12, rng);
    const copy = m.slice();
    solveLap(m, 12, 'max');
    solveLap(m, 12, 'min');
    expect(Array.from(m)).toEqual(Array.from(copy));
  });
});

describe('solveLap at n=256', () => {
  it('returns a bijection at least as good as greedy (max) and no worse than random (min)', () => {
    const n = 256;
    for (const [label, gen] of [
      ['uniform', (r: Rng) => r()],
      ['rounded to 0.1', (r: Rng) => Math.round((r() * 2 - 1) * 10) / 10],
    ] as const) {
      const m = randomMatrix(n, makeRng(`lap-256-${label}`), gen);
      const pMax = solveLap(m, n, 'max');
      expectBijection(pMax, n);
      const greedy = greedyMax(m, n);
      expectBijection(greedy, n);
      expect(assignmentValue(m, n, pMax)).toBeGreaterThanOrEqual(assignmentValue(m, n, greedy) - 1e-9);

      const pMin = solveLap(m, n, 'min');
      expectBijection(pMin, n);
      const identity = Int32Array.from({ length: n }, (_, i) => i);
      expect(assignmentValue(m, n, pMin)).toBeLessThanOrEqual(assignmentValue(m, n, identity) + 1e-9);
      expect(assignmentValue(m, n, pMin)).toBeLessThan(assignmentValue(m, n, pMax));
    }
  });
});
