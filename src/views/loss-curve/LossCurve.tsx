import { useState } from 'react';
import { CurveExport } from '../export/CurveExport';
import { OverlayLegend } from '../history/OverlayLegend';
import { COLORS } from '../palette';
import { CURVE_SIZE, type Metric } from '../plot-helpers';
import { CurvePanel } from './CurvePanel';
import { CurveToolbar } from './CurveToolbar';
import { useCurveScales } from './useCurveScales';
import { useCurveSeries } from './useCurveSeries';

const LOSSES: [Metric, string][] = [
  ['cleanLoss', COLORS.clean],
  ['poisonedLoss', COLORS.poisoned],
];
const RATES: [Metric, string][] = [
  ['acc', COLORS.clean],
  ['asr', COLORS.poisoned],
];

/**
 * Loss (top) and ACC/ASR (bottom) along t for every stage's curve: clean always blue, poisoned
 * always vermillion; the selected stage is drawn strong with its untrained straight line dashed,
 * the others faint. The vertical marker is the store's t and can be dragged.
 */
export function LossCurve() {
  const [logScale, setLogScale] = useState(true);
  const series = useCurveSeries();
  const { x, yLoss, yRate } = useCurveScales(series, logScale);
  return (
    <figure className="loss-curve" data-testid="loss-curve">
      <CurveToolbar logScale={logScale} onLogScale={setLogScale} />
      <CurveExport />
      <OverlayLegend />
      {series.length === 0 ? (
        <p className="muted plot-empty">Run a defense to draw the loss along the Bézier curve θ(t), t ∈ [0, 1].</p>
      ) : (
        <>
          <CurvePanel
            series={series}
            x={x}
            y={yLoss}
            yFormat={logScale ? '~g' : undefined}
            height={CURVE_SIZE.lossHeight}
            metrics={LOSSES}
            withPoints
            yLabel="cross-entropy (nats)"
            aria="Cross-entropy loss along the curve"
          />
          <CurvePanel
            series={series}
            x={x}
            y={yRate}
            yFormat=".0%"
            height={CURVE_SIZE.rateHeight}
            metrics={RATES}
            withPoints={false}
            yLabel="ACC / ASR"
            aria="Accuracy and attack success rate along the curve"
          />
        </>
      )}
    </figure>
  );
}
