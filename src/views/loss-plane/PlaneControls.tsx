import { useAppStore } from '../../store/store';
import type { AppActions } from '../../app/actions';
import { refineOptions } from './plane-spec';
import { PlaneSelect } from './PlaneSelect';

const square = (o: number) => `${o}×${o}`;

/** Grid size, refinement, margin, images per point, axis units; compute and cancel. */
export function PlaneControls({ actions, reason }: { actions: AppActions; reason: string | null }) {
  const settings = useAppStore((s) => s.planeSettings);
  const update = useAppStore((s) => s.updatePlaneSettings);
  const selected = useAppStore((s) => s.selected);
  const computing = useAppStore((s) => s.plane?.status === 'computing');
  return (
    <div className="plane-controls">
      <PlaneSelect
        label="coarse grid"
        testId="plane-coarse"
        value={settings.coarse}
        options={[5, 7, 11, 15]}
        optionLabel={square}
        disabled={computing}
        onChange={(v) => update({ coarse: v, finest: 2 * v - 1 })}
      />
      <PlaneSelect
        label="then refine to"
        testId="plane-finest"
        value={settings.finest}
        options={refineOptions(settings.coarse)}
        optionLabel={(o, k) => (k === 0 ? 'no refinement' : square(o))}
        disabled={computing}
        onChange={(v) => update({ finest: v })}
      />
      <PlaneSelect
        label="margin"
        testId="plane-margin"
        value={settings.margin}
        options={[0.1, 0.25, 0.5, 1]}
        optionLabel={(o) => `${o * 100} %`}
        disabled={computing}
        onChange={(v) => update({ margin: v })}
      />
      <PlaneSelect
        label="test images / point"
        testId="plane-samples"
        value={settings.samples}
        options={[100, 250, 500, 1000, 2000]}
        optionLabel={(o) => String(o)}
        disabled={computing}
        onChange={(v) => update({ samples: v })}
      />
      <label className="field field-check" title="Off: y is stretched to the three points, a zoom onto the curve when θc lies close to the line θA–θB">
        <input
          type="checkbox"
          data-testid="plane-equal-axes"
          checked={settings.equalAxes}
          disabled={computing}
          onChange={(e) => update({ equalAxes: e.target.checked })}
        />{' '}
        equal units on x and y
      </label>
      <button
        className="primary"
        data-testid="plane-compute-button"
        disabled={reason !== null}
        title={reason ?? undefined}
        onClick={() => actions.lossPlane(selected.round, selected.stage)}
      >
        Compute for round {selected.round}, stage {selected.stage}
      </button>
      <button onClick={() => actions.cancelPlane()} disabled={!computing}>
        Cancel
      </button>
    </div>
  );
}
