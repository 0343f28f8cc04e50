import { FULL_SETTINGS, QUICK_DEMO } from '../../schema/presets';
import { useAppStore } from '../../store/store';

/** Fill in the settings of the quick demo or of the paper's full run. */
export function PresetButtons({ disabled }: { disabled: boolean }) {
  const update = useAppStore((s) => s.updateSettings);
  return (
    <div className="button-row">
      <button className="secondary" onClick={() => update(QUICK_DEMO)} disabled={disabled}>
        Quick demo
      </button>
      <button className="secondary" onClick={() => update(FULL_SETTINGS)} disabled={disabled}>
        Full defaults (3 rounds × 200 epochs)
      </button>
    </div>
  );
}
