import type { NumberFieldSpec } from './run-fields';

interface Props extends Pick<NumberFieldSpec, 'label' | 'min' | 'max' | 'step' | 'testId'> {
  value: number;
  onChange: (v: number) => void;
  disabled: boolean;
}

/** A labelled number input that passes on only finite values within [min, max]. */
export function NumberField({ label, value, onChange, min, max, step, testId, disabled }: Props) {
  return (
    <label className="field field-inline">
      <span>{label}</span>
      <input
        type="number"
        data-testid={testId}
        disabled={disabled}
        value={value}
        min={min}
        max={max}
        step={step}
        onChange={(e) => {
          const v = Number(e.target.value);
          if (Number.isFinite(v) && v >= min && v <= max) onChange(v);
        }}
      />
    </label>
  );
}
