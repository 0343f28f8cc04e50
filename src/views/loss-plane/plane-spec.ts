import { interpolateBlues, interpolateOranges } from 'd3';
import { COLORS } from '../palette';
import type { PlaneMetric } from '../plane-helpers';

/** Largest heatmap box, and the strip under it for the colour legend. */
export const PLANE_BOX = { maxW: 420, maxH: 300, legendH: 38 } as const;

export interface PlaneMetricSpec {
  metric: PlaneMetric;
  title: string;
  color: string;
  interpolator: (t: number) => string;
}

export const PLANE_METRICS: PlaneMetricSpec[] = [
  // Sequential ramps in the two fixed hues: clean stays blue, poisoned stays orange/vermillion.
  { metric: 'clean', title: 'clean loss', color: COLORS.clean, interpolator: (t) => interpolateBlues(0.08 + 0.92 * t) },
  { metric: 'poisoned', title: 'poisoned loss (triggered → target)', color: COLORS.poisoned, interpolator: (t) => interpolateOranges(0.08 + 0.92 * t) },
];

/** Refinement levels reuse every computed point (n → 2n − 1), so only these finest sizes fit a coarse n. */
export const refineOptions = (coarse: number) => [coarse, 2 * coarse - 1, 4 * coarse - 3];
