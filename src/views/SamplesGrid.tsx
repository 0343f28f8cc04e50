import { DATASETS } from '../engine/data/datasets';
import { selectedEntry, useAppStore } from '../store/store';
import type { SampleImage } from '../worker/protocol';
import { GrayImage } from './GrayImage';
import { COLORS } from './palette';

function SampleCell({ sample, kind, classNames, target }: { sample: SampleImage; kind: 'clean' | 'triggered'; classNames: string[]; target: number }) {
  const correct = sample.prediction === sample.label;
  const fired = kind === 'triggered' && sample.prediction === target;
  const verdict = kind === 'clean' ? (correct ? 'correct' : 'wrong') : fired ? 'backdoor fired' : 'resisted';
  return (
    <figure className="sample" data-testid={`sample-${kind}`} data-prediction={sample.prediction} data-label={sample.label}>
      <GrayImage pixels={sample.pixels} label={`${kind} image of ${classNames[sample.label]}`} />
      <figcaption>
        <span>true {classNames[sample.label]}</span>
        <span style={{ color: kind === 'clean' ? COLORS.clean : COLORS.poisoned, fontWeight: 600 }}>pred {classNames[sample.prediction]}</span>
        <span className="verdict">{verdict}</span>
      </figcaption>
    </figure>
  );
}

/** The first test images (true label ≠ target), clean and with the trigger, with the model's predictions. */
export function SamplesGrid() {
  const entry = useAppStore(selectedEntry);
  const evaluation = useAppStore((s) => s.evaluation);
  if (!entry || !evaluation || evaluation.modelId !== entry.id) {
    return (
      <section className="panel" data-testid="samples-grid" aria-busy="true">
        <h2>Predictions</h2>
        <p className="muted">Evaluating…</p>
      </section>
    );
  }
  const names = DATASETS[entry.dataset].classNames;
  return (
    <section className="panel" data-testid="samples-grid" aria-labelledby="samples-heading">
      <h2 id="samples-heading">Predictions on test images</h2>
      <div className="sample-row-title" style={{ color: COLORS.clean }}>
        Clean
      </div>
      <div className="sample-row">
        {evaluation.clean.map((s, i) => (
          <SampleCell key={i} sample={s} kind="clean" classNames={names} target={entry.target} />
        ))}
      </div>
      <div className="sample-row-title" style={{ color: COLORS.poisoned }}>
        With trigger (target: {names[entry.target]})
      </div>
      <div className="sample-row">
        {evaluation.triggered.map((s, i) => (
          <SampleCell key={i} sample={s} kind="triggered" classNames={names} target={entry.target} />
        ))}
      </div>
    </section>
  );
}
