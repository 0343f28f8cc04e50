import { line as d3line } from 'd3';
import type { CurvePointRecord } from '../../engine/evaluate';
import type { Metric } from '../plot-helpers';
import { CurvePoints } from './CurvePoints';
import type { Series } from './useCurveSeries';

interface Props {
  series: Series[];
  selectedKey: string;
  metrics: [Metric, string][];
  x: (t: number) => number;
  y: (v: number) => number;
  withPoints: boolean;
  onSelect: (round: number, stage: number) => void;
}

/**
 * One group per stage: the selected one strong, with its untrained straight line dashed, the
 * others faint; a click selects the stage.
 */
export function CurveMarks({ series, selectedKey, metrics, x, y, withPoints, onSelect }: Props) {
  const path = (points: CurvePointRecord[], metric: Metric) =>
    d3line<CurvePointRecord>()
      .x((p) => x(p.t))
      .y((p) => y(p[metric]))(points) ?? '';
  return series.map((s) => {
    const isSel = s.key === selectedKey;
    return (
      <g key={s.key} opacity={isSel ? 1 : 0.28} onClick={() => onSelect(s.round, s.stage)} style={{ cursor: 'pointer' }}>
        {isSel &&
          s.line.length > 0 &&
          metrics.map(([m, color]) => (
            <path key={`line-${m}`} d={path(s.line, m)} fill="none" stroke={color} strokeWidth={1.5} strokeDasharray="5 4" opacity={0.7} />
          ))}
        {metrics.map(([m, color]) => (
          <path key={m} d={path(s.points, m)} fill="none" stroke={color} strokeWidth={isSel ? 3 : 1.5} />
        ))}
        {withPoints && <CurvePoints series={s} metrics={metrics} x={x} y={y} selected={isSel} />}
        <title>{`round ${s.round}, stage ${s.stage}${s.live ? ' (training…)' : ''}`}</title>
      </g>
    );
  });
}
