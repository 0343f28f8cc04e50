import type { DefenseKind } from '../../engine/settings';
import { useAppStore } from '../../store/store';
import { NumberField } from './NumberField';
import { DEFENSES, NUMBER_FIELDS } from './run-fields';

/** The defense and its knobs, bound to the store's run settings; locked while a run goes. */
export function SettingsFields({ disabled }: { disabled: boolean }) {
  const settings = useAppStore((s) => s.settings);
  const update = useAppStore((s) => s.updateSettings);
  return (
    <>
      <label className="field">
        <span>Method</span>
        <select data-testid="defense-select" value={settings.defense} onChange={(e) => update({ defense: e.target.value as DefenseKind })} disabled={disabled}>
          {DEFENSES.map(([id, label]) => (
            <option key={id} value={id}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <div className="field-grid">
        {NUMBER_FIELDS.map((f) => (
          <NumberField
            key={f.testId}
            testId={f.testId}
            label={f.label}
            value={f.read(settings)}
            min={f.min}
            max={f.max}
            step={f.step}
            onChange={(v) => update(f.write(v))}
            disabled={disabled}
          />
        ))}
        <label className="field field-inline field-wide">
          <span>permutation</span>
          <select
            value={settings.permutationMethod}
            disabled={disabled}
            onChange={(e) => update({ permutationMethod: e.target.value as 'activation' | 'weight' })}
          >
            <option value="activation">activation correlation (paper)</option>
            <option value="weight">weight matching (not the paper's)</option>
          </select>
        </label>
      </div>
      <label className="field field-check">
        <input type="checkbox" checked={settings.interRoundFinetune} disabled={disabled} onChange={(e) => update({ interRoundFinetune: e.target.checked })} />{' '}
        fine-tune between rounds (official code)
      </label>
    </>
  );
}
