import { interpolateBlues } from 'd3';
import { describe, expect, it } from 'vitest';
import { linspace, refineGrid, type PlaneGrid } from '../engine/plane';
import { cellValue, planeColorScale, planeLayout } from './plane-helpers';

const coarse: PlaneGrid = { n: 2, xs: [0, 2], ys: [0, 1], clean: [1, 2, 3, 4], poisoned: [10, 20, 30, 40] };

describe('loss-plane helpers', () => {
  it('a point not refined yet shows the coarse value at the nearest even-indexed point', () => {
    const fine = refineGrid(coarse, { x: [0, 2], y: [0, 1] });
    expect(fine.n).toBe(3);
    expect(fine.xs).toEqual(linspace(0, 2, 3));
    expect(cellValue(fine, 'clean', 2, 2)).toBe(4); // computed at the coarse level
    expect(cellValue(fine, 'clean', 1, 0)).toBe(1); // falls back to (0, 0)
    expect(cellValue(fine, 'poisoned', 1, 1)).toBe(10);
    fine.clean[1] = 7;
    expect(cellValue(fine, 'clean', 1, 0)).toBe(7); // its own value once computed
  });

  it('the colour scale is logarithmic over the finite positive values', () => {
    const scale = planeColorScale([0.01, null, 10, Infinity, 1], interpolateBlues);
    expect(scale.domain()).toEqual([0.01, 10]);
    expect(scale(0.1)).toBe(interpolateBlues(1 / 3));
  });

  it('the layout keeps equal units on both axes and maps pixels back to the nearest cell', () => {
    const grid = { n: 3, xs: [0, 1, 2], ys: [0, 0.5, 1] };
    const box = planeLayout(grid, 300, 300);
    expect(box.width / box.height).toBeCloseTo(3 / 1.5, 9); // 3 units wide, 1.5 tall
    expect(box.width).toBeCloseTo(300, 9);
    expect(box.px(0)).toBeCloseTo(box.cellW / 2, 9);
    expect(box.py(1)).toBeCloseTo(box.cellH / 2, 9); // y grows upwards
    expect(box.cellAt(box.px(2), box.py(0.5))).toEqual([2, 1]);
    expect(box.cellAt(-50, 1e6)).toEqual([0, 0]); // clamped
  });
});

describe('loss-plane layout without equal axes', () => {
  it('fills the box, stretching y, and still maps pixels back to cells', () => {
    const grid = { n: 3, xs: [0, 1, 2], ys: [0, 0.01, 0.02] };
    const box = planeLayout(grid, 300, 120, false);
    expect(box.width).toBeCloseTo(300, 9);
    expect(box.height).toBeCloseTo(120, 9);
    expect(box.cellAt(box.px(1), box.py(0.01))).toEqual([1, 1]);
  });
});
