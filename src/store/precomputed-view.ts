import { PIXELS } from '../engine/data/datasets';
import type { PreviewResult, SampleImage } from '../protocol/messages';
import type { PlaneView } from './plane-slice';
import type { PrecomputedRun } from './slices/precomputed';

/** The precomputed run as the views' usual shapes: derived answers carry request id −1 (no worker asked). */
export const PRECOMPUTED_REQUEST_ID = -1;

/** Index of the grid t nearest to t (the lower one on a tie); −1 for an empty grid. */
export function nearestTIndex(ts: number[], t: number): number {
  let best = -1;
  ts.forEach((x, i) => {
    if (best < 0 || Math.abs(x - t) < Math.abs(ts[best] - t)) best = i;
  });
  return best;
}

const images = (pixels: Uint8Array, labels: number[], predictions: Uint8Array): SampleImage[] =>
  labels.map((label, i) => ({ pixels: pixels.subarray(i * PIXELS, (i + 1) * PIXELS), label, prediction: predictions[i] }));

/** θ(t)'s predictions on the pack's sample images at the grid t nearest to t, or null when the stage has none. */
export function precomputedPreview(run: PrecomputedRun, round: number, stage: number, t: number): PreviewResult | null {
  const table = run.predictions.find((p) => p.round === round && p.stage === stage);
  const k = nearestTIndex(run.predictionTs, t);
  if (!table || k < 0 || !table.clean[k] || !table.triggered[k]) return null;
  const { labels, clean, triggered } = run.samples;
  return {
    requestId: PRECOMPUTED_REQUEST_ID,
    round,
    stage,
    t: run.predictionTs[k],
    clean: images(clean, labels, table.clean[k]),
    triggered: images(triggered, labels, table.triggered[k]),
  };
}

/** The pack's finished loss plane of a stage as a plane view, or null when the pack has none for it. */
export function precomputedPlane(run: PrecomputedRun, round: number, stage: number): PlaneView | null {
  const p = run.planes.find((x) => x.round === round && x.stage === stage);
  if (!p) return null;
  const points = p.n * p.n;
  return {
    requestId: PRECOMPUTED_REQUEST_ID,
    round,
    stage,
    status: 'done',
    error: null,
    result: {
      requestId: PRECOMPUTED_REQUEST_ID,
      round,
      stage,
      coords: p.coords,
      grid: { n: p.n, xs: p.xs, ys: p.ys, clean: p.clean, poisoned: p.poisoned },
      equalAxes: p.equalAxes,
      done: points,
      total: points,
      cleanCount: p.cleanCount,
      poisonedCount: p.poisonedCount,
      seconds: p.seconds,
      finished: true,
    },
  };
}
