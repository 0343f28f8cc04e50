import { scaleSequentialLog, type ScaleSequential } from 'd3';
import type { PlaneGrid } from '../engine/plane';

export type PlaneMetric = 'clean' | 'poisoned';

/**
 * A grid point's value; while a finer level is being computed, a point not reached yet shows the
 * coarser level's value at the nearest even-indexed point (computed before the refinement began).
 */
export function cellValue(grid: PlaneGrid, metric: PlaneMetric, i: number, j: number): number | null {
  const values = grid[metric];
  const own = values[j * grid.n + i];
  if (own !== null) return own;
  return values[(j - (j % 2)) * grid.n + (i - (i % 2))];
}

/** Log colour scale over the grid's finite positive values (loss spans orders of magnitude). */
export function planeColorScale(values: (number | null)[], interpolator: (t: number) => string): ScaleSequential<string> {
  const finite = values.filter((v): v is number => v !== null && Number.isFinite(v) && v > 0);
  const lo = finite.length ? Math.min(...finite) : 1e-3;
  const hi = finite.length ? Math.max(...finite) : 1;
  return scaleSequentialLog(interpolator).domain([lo, hi > lo ? hi : lo * 10]);
}

/**
 * Pixel box of a heatmap, cells centred on the grid points: with equal units on both axes
 * (weight-space distances undistorted) as large as fits in maxW × maxH, else filling it.
 */
export function planeLayout(grid: Pick<PlaneGrid, 'xs' | 'ys' | 'n'>, maxW: number, maxH: number, equalAxes = true) {
  const dx = grid.n > 1 ? grid.xs[1] - grid.xs[0] : 1;
  const dy = grid.n > 1 ? grid.ys[1] - grid.ys[0] : 1;
  const x0 = grid.xs[0] - dx / 2;
  const x1 = grid.xs[grid.n - 1] + dx / 2;
  const y0 = grid.ys[0] - dy / 2;
  const y1 = grid.ys[grid.n - 1] + dy / 2;
  const sx = equalAxes ? Math.min(maxW / (x1 - x0), maxH / (y1 - y0)) : maxW / (x1 - x0);
  const sy = equalAxes ? sx : maxH / (y1 - y0);
  return {
    width: (x1 - x0) * sx,
    height: (y1 - y0) * sy,
    /** plane coordinates → pixels (y up) */
    px: (x: number) => (x - x0) * sx,
    py: (y: number) => (y1 - y) * sy,
    /** pixels → nearest grid indices */
    cellAt: (pxX: number, pxY: number): [number, number] => [
      Math.min(grid.n - 1, Math.max(0, Math.round((x0 + pxX / sx - grid.xs[0]) / dx))),
      Math.min(grid.n - 1, Math.max(0, Math.round((y1 - pxY / sy - grid.ys[0]) / dy))),
    ],
    cellW: dx * sx,
    cellH: dy * sy,
  };
}
