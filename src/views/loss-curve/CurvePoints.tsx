import type { Metric } from '../plot-helpers';
import type { Series } from './useCurveSeries';

interface Props {
  series: Series;
  metrics: [Metric, string][];
  x: (t: number) => number;
  y: (v: number) => number;
  selected: boolean;
}

/** The evaluated points of one stage's curve, one dot per metric and t (e2e tests read their data). */
export function CurvePoints({ series: s, metrics, x, y, selected }: Props) {
  return metrics.map(([m, color]) =>
    s.points.map((p) => (
      <circle
        key={`${m}-${p.t}`}
        className="curve-point"
        data-round={s.round}
        data-stage={s.stage}
        data-series={m}
        data-t={p.t}
        data-value={p[m]}
        data-live={s.live ? 'true' : 'false'}
        cx={x(p.t)}
        cy={y(p[m])}
        r={selected ? 3.5 : 2}
        fill={color}
      />
    )),
  );
}
