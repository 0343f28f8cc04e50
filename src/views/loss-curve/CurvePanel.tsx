import type { AxisScale, ScaleLinear } from 'd3';
import { stageKey } from '../../engine/trace';
import { useAppStore } from '../../store/store';
import { OverlayCurves } from '../history/OverlayCurves';
import { CURVE_SIZE, PLOT_MARGIN as M, type Metric } from '../plot-helpers';
import { CurveAxes } from './CurveAxes';
import { CurveMarks } from './CurveMarks';
import { TMarkers } from './TMarkers';
import type { Series } from './useCurveSeries';
import { useTDrag } from './useTDrag';

interface Props {
  series: Series[];
  x: ScaleLinear<number, number>;
  y: AxisScale<number> & ((v: number) => number);
  yFormat: string | undefined;
  height: number;
  metrics: [Metric, string][];
  withPoints: boolean;
  yLabel: string;
  aria: string;
}

/** One plot: axes, the stages' curves, the t markers and axis titles; pressing or dragging sets t. */
export function CurvePanel({ series, x, y, yFormat, height, metrics, withPoints, yLabel, aria }: Props) {
  const selectedKey = useAppStore((s) => stageKey(s.selected.round, s.selected.stage));
  const selectStage = useAppStore((s) => s.selectStage);
  const onDrag = useTDrag(x);
  const W = CURVE_SIZE.width;
  return (
    <svg viewBox={`0 0 ${W} ${height}`} className="plot" onPointerDown={onDrag} onPointerMove={onDrag} role="img" aria-label={aria}>
      <CurveAxes x={x} y={y} height={height} yFormat={yFormat} />
      <CurveMarks series={series} selectedKey={selectedKey} metrics={metrics} x={x} y={y} withPoints={withPoints} onSelect={selectStage} />
      <OverlayCurves x={x} y={y} yRange={[M.top, height - M.bottom]} metrics={metrics} />
      <TMarkers x={x} height={height} labelled={height === CURVE_SIZE.lossHeight} />
      <text x={14} y={height / 2} transform={`rotate(-90 14 ${height / 2})`} fontSize={12} textAnchor="middle">
        {yLabel}
      </text>
      <text x={W - M.right} y={height - 4} fontSize={12} textAnchor="end">
        curve index t
      </text>
    </svg>
  );
}
