import { useState } from 'react';
import { defaultModelName, draftArch, draftNumbers } from '../../app/train-recipe';
import type { TrainModelActions } from '../../app/train-model';
import { DATASETS, type DatasetId } from '../../engine/data/datasets';
import { useAppStore } from '../../store/store';
import { NumberField } from '../run-panel/NumberField';
import { TrainArchField } from './TrainArchField';
import { TrainAttackFields } from './TrainAttackFields';
import { TrainProgress } from './TrainProgress';
import { TRAIN_NUMBER_FIELDS } from './train-fields';

/**
 * Train a backdoored model in the page: architecture, dataset, attack and the recipe's numbers (the
 * zoo's recipe until the user changes one), trained in the compute worker (src/worker/train-model.ts).
 * The finished model joins the model list like an imported one.
 */
export function TrainModelPanel({ actions }: { actions: TrainModelActions }) {
  const draft = useAppStore((s) => s.trainDraft);
  const models = useAppStore((s) => s.models);
  const described = useAppStore((s) => s.describedTrigger);
  const training = useAppStore((s) => s.training.status === 'training');
  const update = useAppStore((s) => s.updateTrainDraft);
  const setNumber = useAppStore((s) => s.setTrainNumber);
  const [problem, setProblem] = useState<string | null>(null);
  const numbers = draftNumbers(draft, models);
  const arch = draftArch(draft);
  const trigger = draft.triggerSource === 'described' ? described : draft.attack;
  const placeholder = arch.ok && trigger ? defaultModelName(arch.value, draft.dataset, trigger, numbers.target) : '';
  return (
    <section className="panel" aria-labelledby="train-heading" data-testid="train-model">
      <h2 id="train-heading">Train a backdoored model</h2>
      <p className="muted">
        Poisons the training split and trains with Adam in this page&apos;s compute worker. The fields start at the zoo&apos;s recipe for the chosen
        architecture, dataset and attack.
      </p>
      <TrainArchField disabled={training} />
      <label className="field">
        <span>Dataset</span>
        <select data-testid="train-dataset" disabled={training} value={draft.dataset} onChange={(e) => update({ dataset: e.target.value as DatasetId })}>
          {Object.values(DATASETS).map((d) => (
            <option key={d.id} value={d.id}>
              {d.title} ({d.trainCount.toLocaleString('en-US')} training images)
            </option>
          ))}
        </select>
      </label>
      <TrainAttackFields disabled={training} onProblem={setProblem} />
      <div className="field-grid">
        {TRAIN_NUMBER_FIELDS.map((f) => (
          <NumberField
            key={f.key}
            label={f.label}
            min={f.min}
            max={f.max}
            step={f.step}
            testId={f.testId}
            disabled={training}
            value={numbers[f.key]}
            onChange={(v) => setNumber(f.key, v)}
          />
        ))}
      </div>
      <label className="field field-inline">
        <span>Name</span>
        <input data-testid="train-name" disabled={training} value={draft.name} placeholder={placeholder} onChange={(e) => update({ name: e.target.value })} />
      </label>
      <div className="button-row">
        <button type="button" className="primary" data-testid="train-start" disabled={training} onClick={() => setProblem(actions.trainModel())}>
          Train
        </button>
      </div>
      {problem && (
        <p className="error" role="alert" data-testid="train-problem">
          {problem}
        </p>
      )}
      <TrainProgress onCancel={() => actions.cancelTraining()} />
    </section>
  );
}
