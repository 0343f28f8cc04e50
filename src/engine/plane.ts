import * as tf from '@tensorflow/tfjs';
import type { EvalSet } from './evaluate';
import { evaluateMixtures, ProductCache } from './mixture-eval';
import type { ArchId } from './model/arch';
import { cloneParams, disposeParams, type Params } from './model/params';
import { cancelledError } from './sgd';

/**
 * The loss plane through θA, θc, θB (Garipov et al. 2018, Fig. 1): an orthonormal basis
 * û = (θB − θA)/‖θB − θA‖, v̂ = the part of θc − θA orthogonal to û, normalised.
 * θ(x, y) = θA + x·û + y·v̂, so θA = (0, 0), θB = (‖θB − θA‖, 0), θc = (⟨θc − θA, û⟩, ‖v‖),
 * and the whole quadratic Bézier curve lies in the plane.
 */
export interface PlaneBasis {
  origin: Params;
  u: Params;
  v: Params;
  /** 2-D coordinates of the three points, in weight-space units (L2 distance) */
  coords: { a: [number, number]; c: [number, number]; b: [number, number] };
}

const dot = (p: Params, q: Params): tf.Scalar => tf.addN(Object.keys(p).map((n) => tf.sum(tf.mul(p[n], q[n])))) as tf.Scalar;
const axpy = (y: Params, alpha: number | tf.Scalar, x: Params): Params => Object.fromEntries(Object.keys(y).map((n) => [n, tf.add(y[n], tf.mul(x[n], alpha))]));

/** Builds the basis (new tensors, owned by the caller: `disposePlaneBasis`). Needs θc off the line θA–θB (float32 rounding alone leaves ‖v‖ ~1e-7·‖u‖, hence the 1e-4 threshold). */
export async function planeBasis(a: Params, c: Params, b: Params): Promise<PlaneBasis> {
  const { u, v, stats } = tf.tidy(() => {
    const du = axpy(b, -1, a);
    const dc = axpy(c, -1, a);
    const uNorm = tf.sqrt(dot(du, du));
    const u = Object.fromEntries(Object.entries(du).map(([n, t]) => [n, tf.div(t, uNorm)]));
    const cx = dot(dc, u);
    const dv = axpy(dc, tf.neg(cx) as tf.Scalar, u);
    const vNorm = tf.sqrt(dot(dv, dv));
    const v = Object.fromEntries(Object.entries(dv).map(([n, t]) => [n, tf.div(t, tf.maximum(vNorm, 1e-12))]));
    return { u, v, stats: tf.stack([uNorm, cx, vNorm]) };
  });
  // cloned before the await: the caller may dispose a, c, b meanwhile
  const origin = cloneParams(a);
  const [uNorm, cx, vNorm] = await stats.data();
  stats.dispose();
  const basis: PlaneBasis = { origin, u, v, coords: { a: [0, 0], c: [cx, vNorm], b: [uNorm, 0] } };
  if (!(uNorm > 0) || !(vNorm > 1e-4 * uNorm)) {
    disposePlaneBasis(basis);
    throw new Error('The three points are (nearly) collinear, so they span no plane: the curve is still the straight line. Fit the curve first.');
  }
  return basis;
}

export function disposePlaneBasis(basis: PlaneBasis): void {
  [basis.origin, basis.u, basis.v].forEach(disposeParams);
}

/** θ(x, y) = θA + x·û + y·v̂ (new tensors). */
export function planePoint(basis: PlaneBasis, x: number, y: number): Params {
  return tf.tidy(() => axpy(axpy(basis.origin, x, basis.u), y, basis.v));
}

/**
 * The grid's extent: the three points' bounding box grown on every side by `margin` of its width
 * (equal units on both axes), or, with `equalAxes` off, y grown by `margin` of the box's own height
 * (a zoom onto the curve when θc sits close to the line θA–θB).
 */
export function planeExtent(coords: PlaneBasis['coords'], margin: number, equalAxes = true): { x: [number, number]; y: [number, number] } {
  const xs = [coords.a[0], coords.c[0], coords.b[0]];
  const ys = [coords.a[1], coords.c[1], coords.b[1]];
  const width = Math.max(...xs) - Math.min(...xs);
  const pad = margin * width;
  const padY = equalAxes ? pad : margin * Math.max(Math.max(...ys) - Math.min(...ys), 1e-6 * width);
  return { x: [Math.min(...xs) - pad, Math.max(...xs) + pad], y: [Math.min(...ys) - padY, Math.max(...ys) + padY] };
}

export const linspace = (lo: number, hi: number, n: number): number[] => Array.from({ length: n }, (_, i) => (n === 1 ? lo : lo + ((hi - lo) * i) / (n - 1)));

/** One level of the grid: resolution n × n, values row-major (row = y index), null where not computed yet. */
export interface PlaneGrid {
  n: number;
  xs: number[];
  ys: number[];
  clean: (number | null)[];
  poisoned: (number | null)[];
}

/**
 * The resolutions of a coarse-to-fine schedule that reuse every computed point: each level
 * doubles the cell count, n → 2n − 1, so the previous grid is its even-indexed subgrid.
 */
export function refinementLevels(coarse: number, finest: number): number[] {
  // n → 2n − 1 stands still at n = 1 and never reaches an infinite finest: both would loop forever
  checkGridSize(coarse, 'coarse');
  checkGridSize(finest, 'finest');
  const levels = [coarse];
  while (levels[levels.length - 1] < finest) levels.push(2 * levels[levels.length - 1] - 1);
  return levels;
}

function checkGridSize(n: number, name: string): void {
  if (!Number.isInteger(n) || n < 2) throw new RangeError(`Loss-plane ${name} grid size must be an integer ≥ 2, got ${n}`);
}

/** The next level's grid with the previous level's values copied onto its even-indexed points. */
export function refineGrid(prev: PlaneGrid, extent: { x: [number, number]; y: [number, number] }): PlaneGrid {
  checkGridSize(prev.n, 'coarse'); // a 1×1 grid would "refine" to itself
  const n = 2 * prev.n - 1;
  const next: PlaneGrid = {
    n,
    xs: linspace(...extent.x, n),
    ys: linspace(...extent.y, n),
    clean: new Array(n * n).fill(null),
    poisoned: new Array(n * n).fill(null),
  };
  for (let j = 0; j < prev.n; j++) {
    for (let i = 0; i < prev.n; i++) {
      next.clean[2 * j * n + 2 * i] = prev.clean[j * prev.n + i];
      next.poisoned[2 * j * n + 2 * i] = prev.poisoned[j * prev.n + i];
    }
  }
  return next;
}

export interface PlaneProgress {
  grid: PlaneGrid;
  /** points evaluated so far over all levels, and how many the schedule needs in total */
  done: number;
  total: number;
  /** this row completed its level */
  levelDone: boolean;
}

export interface PlaneOptions {
  /** coarse resolution (default 11) and the finest one to refine to (default 21) */
  coarse?: number;
  finest?: number;
  /** margin around the three points, as a share of their x extent (default 0.25) */
  margin?: number;
  /** equal units on both axes (default), or y zoomed onto the three points (planeExtent) */
  equalAxes?: boolean;
  signal?: AbortSignal;
  /** after every row of points; the grid object is the live one (copy it before sending it elsewhere) */
  onRow?: (progress: PlaneProgress) => void;
}

/**
 * Clean and poisoned loss over the plane, coarse first, then refined level by level, each level
 * evaluating only its new points, a row at a time. Resolves with the finest grid.
 */
export async function evaluatePlane(arch: ArchId, basis: PlaneBasis, set: EvalSet, opts: PlaneOptions = {}): Promise<PlaneGrid> {
  const levels = refinementLevels(opts.coarse ?? 11, opts.finest ?? 21);
  const extent = planeExtent(basis.coords, opts.margin ?? 0.25, opts.equalAxes ?? true);
  const total = levels[levels.length - 1] ** 2;
  let done = 0;
  let grid: PlaneGrid | null = null;
  const basisModels = [basis.origin, basis.u, basis.v];
  // θ(x, y) = 1·θA + x·û + y·v̂: every point shares the first layer's products of θA, û, v̂ (mixture-eval.ts)
  const cache = new ProductCache();
  try {
    for (const n of levels) {
      const g: PlaneGrid = grid
        ? refineGrid(grid, extent)
        : { n, xs: linspace(...extent.x, n), ys: linspace(...extent.y, n), clean: new Array(n * n).fill(null), poisoned: new Array(n * n).fill(null) };
      grid = g;
      for (let j = 0; j < n; j++) {
        const todo = g.xs.flatMap((_, i) => (g.clean[j * n + i] === null ? [i] : []));
        if (todo.length > 0) {
          if (opts.signal?.aborted) throw cancelledError();
          const metrics = await evaluateMixtures(
            arch,
            basisModels,
            todo.map((i) => [1, g.xs[i], g.ys[j]]),
            set,
            { cache, signal: opts.signal },
          );
          todo.forEach((i, k) => {
            g.clean[j * n + i] = metrics[k].cleanLoss;
            g.poisoned[j * n + i] = metrics[k].poisonedLoss;
          });
          done += todo.length;
        }
        opts.onRow?.({ grid: g, done, total, levelDone: j === n - 1 });
      }
    }
  } finally {
    cache.dispose();
  }
  if (!grid) throw new Error('evaluatePlane: no resolution level to evaluate');
  return grid;
}
