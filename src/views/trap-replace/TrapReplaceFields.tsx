import type { TrapReplaceSettings } from '../../engine/defenses/trap-replace-settings';
import { TRAP_REPLACE_PAPER } from '../../engine/defenses/trap-replace-settings';
import { TRAP_REPLACE_KEYS, TRAP_REPLACE_LABELS } from '../../schema/trap-replace-settings';
import { INTEGER_KEYS, type TrapReplaceDraft } from './trap-replace-form';

interface Props {
  draft: TrapReplaceDraft;
  errors: Partial<TrapReplaceDraft>;
  onChange: (key: keyof TrapReplaceSettings, text: string) => void;
  disabled: boolean;
}

/** Every setting of Trap and Replace as a labelled number input; a value out of range is named under its field. */
export function TrapReplaceFields({ draft, errors, onChange, disabled }: Props) {
  return (
    <div className="field-grid" data-testid="trap-replace-fields">
      {TRAP_REPLACE_KEYS.map((key) => {
        const error = errors[key];
        const errorId = `trap-replace-${key}-error`;
        return (
          <label key={key} className="field field-inline">
            <span>{TRAP_REPLACE_LABELS[key]}</span>
            <input
              type="number"
              inputMode="decimal"
              data-testid={`trap-replace-${key}`}
              value={draft[key]}
              step={INTEGER_KEYS.has(key) ? 1 : 'any'}
              disabled={disabled}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? errorId : undefined}
              title={`paper: ${TRAP_REPLACE_PAPER[key]}`}
              onChange={(e) => onChange(key, e.target.value)}
            />
            {error && (
              <span id={errorId} className="error" role="alert">
                {error}
              </span>
            )}
          </label>
        );
      })}
    </div>
  );
}
