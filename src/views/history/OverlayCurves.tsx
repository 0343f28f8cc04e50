import { line as d3line } from 'd3';
import type { CurvePointRecord } from '../../engine/evaluate';
import { useAppStore } from '../../store/store';
import type { Metric } from '../plot-helpers';
import { OVERLAY_DASH, overlayStage } from './overlay-stage';

interface Props {
  x: (t: number) => number;
  y: (v: number) => number;
  /** the plot's vertical extent in screen units, top first: values outside the shown run's scale are pinned to its edge */
  yRange: [number, number];
  metrics: [Metric, string][];
}

/** A saved run's curve (src/store/slices/history.ts overlayRun), dash-dot, in the metrics' colours, over the shown run's. */
export function OverlayCurves({ x, y, yRange, metrics }: Props) {
  const overlay = useAppStore((s) => s.overlayRun);
  const round = useAppStore((s) => s.selected.round);
  const stageNo = useAppStore((s) => s.selected.stage);
  const stage = overlay && overlayStage(overlay.stages, round, stageNo);
  if (!overlay || !stage) return null;
  const [top, bottom] = yRange;
  const path = (metric: Metric) =>
    d3line<CurvePointRecord>()
      .x((p) => x(p.t))
      .y((p) => Math.min(bottom, Math.max(top, y(p[metric]))))(stage.curve) ?? '';
  return (
    <g data-testid="overlay-curves" pointerEvents="none">
      {metrics.map(([m, color]) => (
        <path key={m} d={path(m)} fill="none" stroke={color} strokeWidth={2} strokeDasharray={OVERLAY_DASH} />
      ))}
      <title>{`${overlay.name}: round ${stage.round}, stage ${stage.stage}`}</title>
    </g>
  );
}
