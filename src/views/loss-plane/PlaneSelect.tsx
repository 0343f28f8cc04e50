interface Props {
  label: string;
  testId: string;
  value: number;
  options: number[];
  optionLabel: (option: number, index: number) => string;
  disabled: boolean;
  onChange: (value: number) => void;
}

/** One numeric choice of the plane's grid, as a labelled select. */
export function PlaneSelect({ label, testId, value, options, optionLabel, disabled, onChange }: Props) {
  return (
    <label className="field field-inline">
      <span>{label}</span>
      <select data-testid={testId} value={value} disabled={disabled} onChange={(e) => onChange(Number(e.target.value))}>
        {options.map((o, k) => (
          <option key={o} value={o}>
            {optionLabel(o, k)}
          </option>
        ))}
      </select>
    </label>
  );
}
