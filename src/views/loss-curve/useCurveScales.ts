import { scaleLinear } from 'd3';
import { useMemo } from 'react';
import { CURVE_SIZE, PLOT_MARGIN as M, lossScale } from '../plot-helpers';
import type { Series } from './useCurveSeries';

/** x: t ∈ [0, 1] across the plot; yLoss: log or linear over every loss shown; yRate: 0–100 %. */
export function useCurveScales(series: Series[], logScale: boolean) {
  const x = useMemo(
    () =>
      scaleLinear()
        .domain([0, 1])
        .range([M.left, CURVE_SIZE.width - M.right]),
    [],
  );
  const yLoss = useMemo(
    () =>
      lossScale(
        series.flatMap((s) => [...s.points, ...s.line].flatMap((p) => [p.cleanLoss, p.poisonedLoss])),
        logScale,
        [CURVE_SIZE.lossHeight - M.bottom, M.top],
      ),
    [series, logScale],
  );
  const yRate = useMemo(
    () =>
      scaleLinear()
        .domain([0, 1])
        .range([CURVE_SIZE.rateHeight - M.bottom, M.top]),
    [],
  );
  return { x, yLoss, yRate };
}
