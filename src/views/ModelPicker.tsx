import { DATASETS } from '../engine/data/datasets';
import { archInfo } from '../engine/model/arch';
import { isUserModel, type ModelEntry, type ZooEntry } from '../engine/zoo';
import { selectedEntry, useAppStore } from '../store/store';
import { formatPercent } from './format';
import { UserModelCard } from './import-model/UserModelCard';

const ATTACK_NAMES = { badnet: 'BadNet', blended: 'Blended', sig: 'SIG (clean-label)', wanet: 'WaNet' } as const;

/** The picker's line for a model: the zoo's by dataset, architecture and attack; the user's by name and architecture. */
const optionLabel = (m: ModelEntry) =>
  isUserModel(m)
    ? `${m.name} · ${archTitle(m.arch)} · ${DATASETS[m.dataset].title}`
    : `${DATASETS[m.dataset].title} · ${m.arch.toUpperCase()} · ${ATTACK_NAMES[m.attack.kind]}`;

/** An architecture's title, or its id when this build cannot read it. */
function archTitle(arch: string): string {
  try {
    return archInfo(arch).title;
  } catch {
    return arch;
  }
}

/** The zoo from models/manifest.json and the user's own models (src/store/slices/user-models.ts), with the chosen model's card. */
export function ModelPicker() {
  const models = useAppStore((s) => s.models);
  const selectedId = useAppStore((s) => s.selectedModelId);
  const selectModel = useAppStore((s) => s.selectModel);
  const entry = useAppStore(selectedEntry);
  const zoo = models.filter((m): m is ZooEntry => !isUserModel(m));
  const yours = models.filter(isUserModel);
  return (
    <section className="panel" aria-labelledby="model-heading">
      <h2 id="model-heading">Backdoored model</h2>
      <label className="field">
        <span>Model</span>
        <select data-testid="model-picker" value={selectedId} onChange={(e) => selectModel(e.target.value)}>
          <optgroup label="Zoo">
            {zoo.map((m) => (
              <option key={m.id} value={m.id}>
                {optionLabel(m)}
              </option>
            ))}
          </optgroup>
          {yours.length > 0 && (
            <optgroup label="Your models" data-testid="your-models">
              {yours.map((m) => (
                <option key={m.id} value={m.id}>
                  {optionLabel(m)}
                </option>
              ))}
            </optgroup>
          )}
        </select>
      </label>
      {entry && isUserModel(entry) && <UserModelCard entry={entry} title={archTitle(entry.arch)} />}
      {entry && !isUserModel(entry) && <ZooModelCard entry={entry} />}
    </section>
  );
}

function ZooModelCard({ entry }: { entry: ZooEntry }) {
  return (
    <dl className="card" data-testid="model-card">
      <dt>Architecture</dt>
      <dd>{archTitle(entry.arch)}</dd>
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
  );
}
