import { useState } from 'react';
import { describeAttack } from '../../engine/attacks';
import { DATASETS } from '../../engine/data/datasets';
import type { UserModelEntry } from '../../engine/zoo';
import { useAppStore } from '../../store/store';
import { formatPercent } from '../format';
import { RenameField } from '../history/RenameField';

const ORIGINS = { imported: 'Imported from a tfjs Layers folder', trained: 'Trained in this page' } as const;

/** A user model's card in the picker: where it came from, its architecture and trigger, ACC/ASR as measured then, and Rename / Delete. */
export function UserModelCard({ entry, title }: { entry: UserModelEntry; title: string }) {
  const [renaming, setRenaming] = useState(false);
  const running = useAppStore((s) => s.status === 'running');
  const { renameUserModel, deleteUserModel } = useAppStore.getState();
  const classes = DATASETS[entry.dataset].classNames;
  return (
    <div data-testid="user-model-card">
      <dl className="card" data-testid="model-card">
        <dt>Name</dt>
        <dd>
          {renaming ? (
            <RenameField
              name={entry.name}
              onDone={(name) => {
                setRenaming(false);
                if (name !== null && name !== entry.name) void renameUserModel(entry.id, name);
              }}
            />
          ) : (
            <span data-testid="user-model-name">{entry.name}</span>
          )}
        </dd>
        <dt>Origin</dt>
        <dd>
          {ORIGINS[entry.origin]}, {entry.createdAt.slice(0, 16).replace('T', ' ')} UTC
        </dd>
        <dt>Architecture</dt>
        <dd data-testid="user-model-arch">{title}</dd>
        <dt>Dataset</dt>
        <dd>{DATASETS[entry.dataset].title}</dd>
        <dt>Trigger</dt>
        <dd data-testid="user-model-trigger">{describeAttack(entry.trigger)}</dd>
        <dt>Target class</dt>
        <dd>
          {entry.target} ({classes[entry.target]}), all-to-one
        </dd>
        <dt>Measured</dt>
        <dd data-testid="user-model-measured">
          ACC {formatPercent(entry.cleanAccuracy)}, ASR {formatPercent(entry.attackSuccessRate)} ({entry.evaluatedOn.backend},{' '}
          {entry.evaluatedOn.clean.toLocaleString('en-US')} clean / {entry.evaluatedOn.poisoned.toLocaleString('en-US')} triggered test images)
        </dd>
        {entry.recipe && (
          <>
            <dt>Training</dt>
            <dd>
              {formatPercent(entry.recipe.poisonRate, 0)} poisoned, Adam lr {entry.recipe.learningRate}, batch {entry.recipe.batchSize}, {entry.recipe.epochs}{' '}
              epochs, seed {entry.recipe.seed}
            </dd>
          </>
        )}
      </dl>
      <div className="history-actions">
        <button type="button" aria-label={`Rename ${entry.name}`} onClick={() => setRenaming(true)}>
          Rename
        </button>
        <button type="button" disabled={running} aria-label={`Delete ${entry.name}`} onClick={() => void deleteUserModel(entry.id)}>
          Delete
        </button>
      </div>
    </div>
  );
}
