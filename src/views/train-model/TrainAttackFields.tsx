import type { AttackKind, AttackSpec } from '../../engine/attacks/types';
import { useAppStore } from '../../store/store';
import { freshTrigger, KIND_LABELS, PARAM_FIELDS, paramValue, withParam } from '../trigger/trigger-draft';

const BUILT_IN: AttackKind[] = ['badnet', 'blended', 'sig', 'wanet'];
const DESCRIBED = 'described';

/** The attack that poisons the training set: a built-in one with its parameters, or the trigger described in Describe a trigger. */
export function TrainAttackFields({ disabled, onProblem }: { disabled: boolean; onProblem: (message: string | null) => void }) {
  const draft = useAppStore((s) => s.trainDraft);
  const described = useAppStore((s) => s.describedTrigger);
  const update = useAppStore((s) => s.updateTrainDraft);
  const builtIn = draft.triggerSource === 'built-in';
  return (
    <>
      <label className="field">
        <span>Attack</span>
        <select
          data-testid="train-attack"
          disabled={disabled}
          value={builtIn ? draft.attack.kind : DESCRIBED}
          onChange={(e) => {
            onProblem(null);
            if (e.target.value === DESCRIBED) return update({ triggerSource: 'described' });
            update({ triggerSource: 'built-in', attack: freshTrigger(e.target.value as AttackKind) as AttackSpec });
          }}
        >
          {BUILT_IN.map((kind) => (
            <option key={kind} value={kind}>
              {KIND_LABELS[kind]}
            </option>
          ))}
          <option value={DESCRIBED} disabled={described === null}>
            The trigger from Describe a trigger{described ? ` (${KIND_LABELS[described.kind]})` : ' (none described yet)'}
          </option>
        </select>
      </label>
      {builtIn && (
        <div className="field-grid">
          {PARAM_FIELDS[draft.attack.kind].map((f) => (
            <label key={f.key} className="field field-inline">
              <span>{f.label}</span>
              <input
                type="number"
                data-testid={`train-attack-${f.key}`}
                disabled={disabled}
                value={paramValue(draft.attack, f.key)}
                min={f.min}
                max={f.max}
                step={f.step}
                onChange={(e) => {
                  const next = withParam(draft.attack, f.key, Number(e.target.value));
                  onProblem(next.ok ? null : next.message);
                  if (next.ok) update({ attack: next.spec as AttackSpec });
                }}
              />
            </label>
          ))}
        </div>
      )}
    </>
  );
}
