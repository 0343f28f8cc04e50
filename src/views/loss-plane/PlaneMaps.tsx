import type { PlaneResult } from '../../protocol/messages';
import { useAppStore } from '../../store/store';
import { formatLoss } from '../format';
import { cellValue } from '../plane-helpers';
import { PLANE_METRICS } from './plane-spec';
import { PlaneHeatmap } from './PlaneHeatmap';
import { usePlaneHover } from './usePlaneHover';

/** Both heatmaps of one grid, the read-out of the hovered point, and how they were measured. */
export function PlaneMaps({ result, precomputed = false }: { result: PlaneResult; precomputed?: boolean }) {
  const backend = useAppStore((s) => s.backend?.name);
  const [hover, setHover] = usePlaneHover(result);
  const { grid, coords } = result;
  return (
    <>
      <div className="plane-maps">
        {PLANE_METRICS.map((m) => (
          <PlaneHeatmap key={m.metric} {...m} result={result} hover={hover} onHover={setHover} />
        ))}
      </div>
      <p className="plane-readout" data-testid="plane-readout" aria-live="polite">
        {hover
          ? `x = ${grid.xs[hover[0]].toFixed(2)}, y = ${grid.ys[hover[1]].toFixed(2)}: clean loss ${formatLoss(cellValue(grid, 'clean', ...hover))} · poisoned loss ${formatLoss(cellValue(grid, 'poisoned', ...hover))} nats`
          : 'Hover a heatmap to read the losses at a point. ● θA, θB ends · □ control point θc · ◆ output t · ○ current t'}
      </p>
      <p className="muted small">
        {precomputed ? 'Precomputed in Node (see the label above)' : `Measured in this page on ${backend ?? '?'}`}: cross-entropy per point on{' '}
        {result.cleanCount} clean and {result.poisonedCount} triggered non-target test images; {result.done} points in {result.seconds.toFixed(1)} s. |θB − θA|
        = {coords.b[0].toFixed(2)}.
      </p>
    </>
  );
}
