import { useState } from 'react';
import { DATASETS, type DatasetId } from '../../engine/data/datasets';
import type { AppActions } from '../../app/actions';
import { inspectModelFolder, type InspectedFolder } from '../../app/user-models';
import { useAppStore } from '../../store/store';
import { formatPercent } from '../format';
import { DropZone } from './DropZone';
import { BUILT_IN_KINDS, choiceLabel, chosenTrigger, type ImportTriggerChoice } from './import-trigger';

type Phase =
  | { kind: 'idle' }
  | { kind: 'reading' }
  | { kind: 'inspected'; folder: InspectedFolder }
  | { kind: 'measuring'; folder: InspectedFolder; phase: string; done: number; total: number }
  | { kind: 'done'; name: string; acc: number; asr: number }
  | { kind: 'failed'; message: string; folder?: InspectedFolder };

const CLASSES = Array.from({ length: 10 }, (_, c) => c);

/**
 * Bring your own model: a tfjs Layers folder (model.json and its .bin shards) picked or dropped, checked
 * on this thread (src/app/user-models.ts), then measured in the worker with the chosen dataset, trigger
 * and target, kept in IndexedDB and selected.
 */
export function ImportModelPanel({ actions }: { actions: Pick<AppActions, 'importModel'> }) {
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const described = useAppStore((s) => s.describedTrigger);
  const describedTarget = useAppStore((s) => s.describedTarget);
  const [choice, setChoice] = useState<ImportTriggerChoice | null>(null);
  const [target, setTarget] = useState<number | null>(null);
  const [dataset, setDataset] = useState<DatasetId>('mnist');
  const [name, setName] = useState('');
  const shownChoice = choice ?? (described ? 'described' : 'badnet');
  const shownTarget = target ?? describedTarget ?? 0;
  const trigger = chosenTrigger(shownChoice, described);

  const read = async (files: File[]) => {
    setPhase({ kind: 'reading' });
    const result = await inspectModelFolder(files);
    if (!result.ok) return setPhase({ kind: 'failed', message: result.message });
    setName(result.folder.name);
    setPhase({ kind: 'inspected', folder: result.folder });
  };
  const folder = phase.kind === 'inspected' || phase.kind === 'measuring' || phase.kind === 'failed' ? phase.folder : undefined;
  const start = async () => {
    if (!folder || !trigger) return;
    setPhase({ kind: 'measuring', folder, phase: 'sending the files', done: 0, total: 4 });
    try {
      const entry = await actions.importModel(folder, { name, dataset, trigger, target: shownTarget }, (p, done, total) =>
        setPhase({ kind: 'measuring', folder, phase: p, done, total }),
      );
      setPhase({ kind: 'done', name: entry.name, acc: entry.cleanAccuracy, asr: entry.attackSuccessRate });
    } catch (err) {
      setPhase({ kind: 'failed', message: (err as Error).message, folder });
    }
  };

  return (
    <section className="panel" aria-labelledby="import-model-heading" data-testid="import-model">
      <h2 id="import-model-heading">Bring your own model</h2>
      <DropZone onFiles={(files) => void read(files)}>
        <label className="field">
          <span>tfjs Layers model: model.json and its weight shards (.bin), or drop them here</span>
          <input type="file" multiple data-testid="import-files" onChange={(e) => e.target.files && void read([...e.target.files])} />
        </label>
      </DropZone>
      {phase.kind === 'reading' && <p className="muted">Reading the files…</p>}
      {folder && (
        <>
          <dl className="card" data-testid="import-summary">
            <dt>Architecture</dt>
            <dd data-testid="import-arch">{folder.title}</dd>
            <dt>Parameters</dt>
            <dd data-testid="import-params">{folder.paramCount.toLocaleString('en-US')}</dd>
            {folder.notes.length > 0 && (
              <>
                <dt>Notes</dt>
                <dd>
                  <ul className="import-notes" data-testid="import-notes">
                    {folder.notes.map((n) => (
                      <li key={n}>{n}</li>
                    ))}
                  </ul>
                </dd>
              </>
            )}
          </dl>
          <label className="field">
            <span>Name</span>
            <input data-testid="import-name" value={name} maxLength={120} onChange={(e) => setName(e.target.value)} />
          </label>
          <label className="field field-inline">
            <span>dataset</span>
            <select data-testid="import-dataset" value={dataset} onChange={(e) => setDataset(e.target.value as DatasetId)}>
              {(Object.keys(DATASETS) as DatasetId[]).map((d) => (
                <option key={d} value={d}>
                  {DATASETS[d].title}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>Its backdoor trigger</span>
            <select data-testid="import-trigger" value={shownChoice} onChange={(e) => setChoice(e.target.value as ImportTriggerChoice)}>
              <option value="described">{choiceLabel('described', described)}</option>
              {BUILT_IN_KINDS.map((k) => (
                <option key={k} value={k}>
                  {choiceLabel(k, described)}
                </option>
              ))}
            </select>
          </label>
          <label className="field field-inline">
            <span>target class</span>
            <select data-testid="import-target" value={shownTarget} onChange={(e) => setTarget(Number(e.target.value))}>
              {CLASSES.map((c) => (
                <option key={c} value={c}>
                  {c} ({DATASETS[dataset].classNames[c]})
                </option>
              ))}
            </select>
          </label>
          {!trigger && <p className="muted">Describe the trigger in “Describe a trigger” below (draw it or upload a PNG), or pick a built-in one.</p>}
          <button type="button" data-testid="import-start" disabled={!trigger || phase.kind === 'measuring'} onClick={() => void start()}>
            Import and measure ACC / ASR
          </button>
        </>
      )}
      {phase.kind === 'measuring' && (
        <div className="progress-row">
          <progress data-testid="import-progress" max={phase.total} value={phase.done} aria-label="Import progress" />
          <span>{phase.phase}…</span>
        </div>
      )}
      {phase.kind === 'failed' && (
        <p className="error" role="alert" data-testid="import-error">
          {phase.message}
        </p>
      )}
      {phase.kind === 'done' && (
        <p className="footnote" data-testid="import-done">
          “{phase.name}” was imported and selected: ACC {formatPercent(phase.acc)}, ASR {formatPercent(phase.asr)} on the whole test split. It is kept in this
          browser (IndexedDB) under “Your models”.
        </p>
      )}
    </section>
  );
}
