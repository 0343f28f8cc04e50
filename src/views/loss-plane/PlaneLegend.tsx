import { range, type ScaleSequential } from 'd3';
import { formatLoss } from '../format';
import type { PlaneMetric } from '../plane-helpers';

interface Props {
  metric: PlaneMetric;
  colour: ScaleSequential<string>;
  interpolator: (t: number) => string;
  /** the heatmap's size: the legend runs its full width, just below it */
  width: number;
  top: number;
}

/** The log colour ramp under a heatmap, labelled at its ends and geometric middle. */
export function PlaneLegend({ metric, colour, interpolator, width, top }: Props) {
  const [lo, hi] = colour.domain();
  const ticks = [lo, Math.sqrt(lo * hi), hi];
  const legendX = (v: number) => (Math.log(v / lo) / Math.log(hi / lo)) * width;
  const gradientId = `plane-gradient-${metric}`;
  return (
    <>
      <defs>
        <linearGradient id={gradientId}>
          {range(0, 1.001, 0.1).map((s) => (
            <stop key={s} offset={`${s * 100}%`} stopColor={interpolator(s)} />
          ))}
        </linearGradient>
      </defs>
      <rect x={0} y={top + 6} width={width} height={10} fill={`url(#${gradientId})`} />
      {ticks.map((v, k) => (
        <text key={v} x={legendX(v)} y={top + 30} fontSize={11} textAnchor={k === 0 ? 'start' : k === ticks.length - 1 ? 'end' : 'middle'}>
          {formatLoss(v)}
        </text>
      ))}
    </>
  );
}
