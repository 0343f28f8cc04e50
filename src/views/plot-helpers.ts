import { scaleLinear, scaleLog, type ScaleContinuousNumeric } from 'd3';
import type { CurvePointRecord } from '../engine/evaluate';

export type Metric = 'cleanLoss' | 'poisonedLoss' | 'acc' | 'asr';

/** Inner margins of the plots with D3 axes: room for the tick labels and the axis titles. */
export const PLOT_MARGIN = { left: 56, right: 16, top: 14, bottom: 34 } as const;

/** The loss-along-t plots: one width, the loss panel above the ACC/ASR panel. */
export const CURVE_SIZE = { width: 720, lossHeight: 250, rateHeight: 150 } as const;

/** Linear interpolation of a metric at t between the two evaluated grid points around it. */
export function valueAt(points: CurvePointRecord[], metric: Metric, t: number): number {
  if (points.length === 0) return NaN;
  if (t <= points[0].t) return points[0][metric];
  for (let i = 1; i < points.length; i++) {
    if (t <= points[i].t) {
      const a = points[i - 1];
      const b = points[i];
      const w = (t - a.t) / (b.t - a.t);
      return a[metric] + w * (b[metric] - a[metric]);
    }
  }
  return points[points.length - 1][metric];
}

/** Y scale for losses: log (clamped away from 0) or linear, with a little headroom. */
export function lossScale(values: number[], log: boolean, range: [number, number]): ScaleContinuousNumeric<number, number> {
  const finite = values.filter((v) => Number.isFinite(v));
  const max = Math.max(1e-3, ...finite);
  if (log) {
    const min = Math.max(1e-4, Math.min(...finite.filter((v) => v > 0), max));
    return scaleLog()
      .domain([min / 1.5, max * 1.5])
      .range(range)
      .clamp(true);
  }
  return scaleLinear()
    .domain([0, max * 1.1])
    .range(range)
    .nice();
}

/** The t whose screen x is closest to `x` under `scale`, snapped to 0.005 and clamped to [0,1]. */
export function tFromX(x: number, scale: { invert(x: number): number }): number {
  const t = scale.invert(x);
  return Math.min(1, Math.max(0, Math.round(t * 200) / 200));
}

export const STAGE_LABEL: Record<number, string> = { 1: 'stage 1 · un-align + connect', 2: 'stage 2 · align + connect' };
