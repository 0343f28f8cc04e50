import { DATASETS } from '../engine/data/datasets';
import { archInfo } from '../engine/model/arch';
import { selectedEntry, useAppStore } from '../store/store';
import { formatPercent } from './format';

const ATTACK_NAMES = { badnet: 'BadNet', blended: 'Blended', sig: 'SIG (clean-label)', wanet: 'WaNet' } as const;

/** The zoo from models/manifest.json, with the chosen model's card. */
export function ModelPicker() {
  const models = useAppStore((s) => s.models);
  const selectedId = useAppStore((s) => s.selectedModelId);
  const selectModel = useAppStore((s) => s.selectModel);
  const entry = useAppStore(selectedEntry);
  return (
    <section className="panel" aria-labelledby="model-heading">
      <h2 id="model-heading">Backdoored model</h2>
      <label className="field">
        <span>Model from the zoo</span>
        <select data-testid="model-picker" value={selectedId} onChange={(e) => selectModel(e.target.value)}>
          {models.map((m) => (
            <option key={m.id} value={m.id}>
              {DATASETS[m.dataset].title} · {m.arch.toUpperCase()} · {ATTACK_NAMES[m.attack.kind]}
            </option>
          ))}
        </select>
      </label>
      {entry && (
        <dl className="card" data-testid="model-card">
          <dt>Architecture</dt>
          <dd>{archInfo(entry.arch).title}</dd>
          <dt>Dataset</dt>
          <dd>{DATASETS[entry.dataset].title}</dd>
          <dt>Attack</dt>
          <dd>{entry.attackDescription}</dd>
          <dt>Target class</dt>
          <dd>
            {entry.target} ({DATASETS[entry.dataset].classNames[entry.target]}), all-to-one
          </dd>
          <dt>Poisoning</dt>
          <dd>
            {formatPercent(entry.poisonRate, 0)} rate, {entry.poisonedCount.toLocaleString('en-US')} training images
          </dd>
          <dt>Training</dt>
          <dd>
            Adam lr {entry.learningRate}, batch {entry.batchSize}, {entry.epochs} epochs, seed {entry.seed}
          </dd>
        </dl>
      )}
    </section>
  );
}
