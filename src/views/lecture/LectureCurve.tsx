import type { AppActions } from '../../app/actions';
import { LossCurve } from '../loss-curve/LossCurve';
import { PrecomputedLabel } from '../PrecomputedLabel';
import { StagePicker } from '../StagePicker';
import { TControl } from '../TControl';

/** The page's loss-curve section (stage picker, both plots, t control), for the lecture's grid. */
export function LectureCurve({ actions }: { actions: AppActions }) {
  return (
    <section className="panel lecture-curve" aria-labelledby="lecture-curve-heading">
      <h2 id="lecture-curve-heading">Loss along the Bézier curve θ(t)</h2>
      <PrecomputedLabel where="curve" />
      <StagePicker />
      <LossCurve />
      <TControl actions={actions} />
    </section>
  );
}
