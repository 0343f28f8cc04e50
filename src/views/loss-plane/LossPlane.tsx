import type { AppActions } from '../../app/actions';
import { PlaneExport } from '../export/PlaneExport';
import { PrecomputedLabel } from '../PrecomputedLabel';
import { PlaneControls } from './PlaneControls';
import { PlaneMaps } from './PlaneMaps';
import { PlaneStatus } from './PlaneStatus';
import { usePlaneReason } from './usePlaneReason';
import { useShownPlane } from './useShownPlane';

/**
 * The loss plane through θA, θc, θB of the selected stage (Garipov et al. 2018): clean and
 * poisoned cross-entropy on an on-demand grid, coarse first, refined while the user watches; or,
 * for a precomputed run, the plane its pack carries.
 */
export function LossPlane({ actions }: { actions: AppActions }) {
  const { plane, precomputed, missing } = useShownPlane();
  const reason = usePlaneReason();
  const result = plane?.result ?? null;
  const note = missing ?? (precomputed ? null : reason);
  return (
    <section className="panel" aria-labelledby="plane-heading" data-testid="loss-plane" data-source={precomputed ? 'precomputed' : 'page'}>
      <h2 id="plane-heading">Loss plane through θA, θc, θB</h2>
      {precomputed && <PrecomputedLabel where="plane" />}
      <p className="muted">
        The plane spanned by the curve's two ends and its control point (Garipov et al., 2018): x runs along θB − θA, y towards θc, both in weight-space
        distance (one unit on both axes unless unticked below). The Bézier curve θ(t) lies in this plane; the dashed line is the untrained straight line.
      </p>
      <PlaneControls actions={actions} reason={reason} />
      {result && <PlaneExport round={result.round} stage={result.stage} grid={result.grid} />}
      {note && (
        <p className="muted" data-testid="plane-reason">
          {note}
        </p>
      )}
      {plane && <PlaneStatus plane={plane} />}
      {result && <PlaneMaps result={result} precomputed={precomputed} />}
    </section>
  );
}
