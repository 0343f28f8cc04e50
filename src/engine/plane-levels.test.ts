import { describe, expect, it } from 'vitest';
import { refineGrid, refinementLevels } from './plane';

// Refinement maps n → 2n − 1, which stands still at n = 1: sizes that cannot grow are refused, not looped on.
describe('loss-plane refinement levels always end', () => {
  it.each([
    [1, 21, 'Loss-plane coarse grid size must be an integer ≥ 2, got 1'],
    [0, 21, 'Loss-plane coarse grid size must be an integer ≥ 2, got 0'],
    [-3, 5, 'Loss-plane coarse grid size must be an integer ≥ 2, got -3'],
    [NaN, 5, 'Loss-plane coarse grid size must be an integer ≥ 2, got NaN'],
    [2.5, 5, 'Loss-plane coarse grid size must be an integer ≥ 2, got 2.5'],
    [11, Infinity, 'Loss-plane finest grid size must be an integer ≥ 2, got Infinity'],
  ])('refinementLevels(%s, %s) throws', (coarse, finest, message) => {
    expect(() => refinementLevels(coarse, finest)).toThrow(message);
  });

  it('the smallest grid still refines, and a finest below coarse is just the coarse level', () => {
    expect(refinementLevels(2, 5)).toEqual([2, 3, 5]);
    expect(refinementLevels(11, 5)).toEqual([11]);
  });

  it('refineGrid refuses a 1×1 grid, which would refine to itself', () => {
    const one = { n: 1, xs: [0], ys: [0], clean: [0.5], poisoned: [0.5] };
    expect(() => refineGrid(one, { x: [0, 1], y: [0, 1] })).toThrow('Loss-plane coarse grid size must be an integer ≥ 2, got 1');
  });
});
