import { FULL_SETTINGS, LIVE_DEMO, LIVE_DEMO_LABEL } from '../../schema/presets';
import { useAppStore } from '../../store/store';

/** Fill in the settings of the live demo or of the paper's full run. */
export function PresetButtons({ disabled }: { disabled: boolean }) {
  const update = useAppStore((s) => s.updateSettings);
  return (
    <div className="button-row">
      <button className="secondary" data-testid="live-demo-preset" onClick={() => update(LIVE_DEMO)} disabled={disabled} title={LIVE_DEMO_LABEL}>
        Live demo
      </button>
      <button className="secondary" onClick={() => update(FULL_SETTINGS)} disabled={disabled}>
        Full defaults (3 rounds × 200 epochs)
      </button>
    </div>
  );
}
