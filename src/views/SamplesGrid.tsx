import { DATASETS } from '../engine/data/datasets';
import { selectedEntry, useAppStore } from '../store/store';
import type { SampleImage } from '../protocol/messages';
import { GrayImage } from './GrayImage';
import { COLORS } from './palette';
import { PrecomputedLabel } from './PrecomputedLabel';
import { useShownPredictions } from './useShownPredictions';

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

/**
 * The first test images (true label ≠ target), clean and with the trigger, with predictions of
 * the backdoored model, or, once a run has curves, of θ(t) on the selected curve: from a
 * precomputed run's table at once, or from the worker (a stale marker shows while it catches up,
 * and the worker's message if its latest preview failed).
 */
export function SamplesGrid() {
  const entry = useAppStore(selectedEntry);
  const failed = useAppStore((s) => s.error !== null && s.pendingRequest === null);
  const { shown, onCurve, stale, source, failure } = useShownPredictions();
  if (entry && failure) {
    // text only: the predictions the store still holds are of an earlier t, so they are not drawn
    return (
      <section className="panel" data-testid="samples-grid" data-source="worker" data-t={failure.t}>
        <h2>Predictions</h2>
        <p className="error" role="alert" data-testid="preview-error">
          Predictions at t = {failure.t.toFixed(3)} failed: {failure.message}
        </p>
      </section>
    );
  }
  if (!entry || !shown) {
    return (
      <section className="panel" data-testid="samples-grid" aria-busy={!failed}>
        <h2>Predictions</h2>
        <p className="muted">{failed ? 'No predictions: the model could not be evaluated (the error above says why).' : 'Evaluating…'}</p>
      </section>
    );
  }
  const preview = onCurve && 'round' in shown ? shown : null;
  const names = DATASETS[entry.dataset].classNames;
  const title = preview
    ? `Predictions of θ(t = ${preview.t.toFixed(3)}) · round ${preview.round}, stage ${preview.stage}`
    : 'Predictions of the backdoored model';
  return (
    <section
      className="panel"
      data-testid="samples-grid"
      data-stale={stale ? 'true' : 'false'}
      data-t={preview ? preview.t : ''}
      data-source={source}
      aria-labelledby="samples-heading"
    >
      <h2 id="samples-heading">
        {title} {stale && <span className="stale">updating…</span>}
      </h2>
      {source === 'precomputed' && <PrecomputedLabel where="samples" />}
      <div className="sample-row-title" style={{ color: COLORS.clean }}>
        Clean
      </div>
      <div className="sample-row">
        {shown.clean.map((s, i) => (
          <SampleCell key={i} sample={s} kind="clean" classNames={names} target={entry.target} />
        ))}
      </div>
      <div className="sample-row-title" style={{ color: COLORS.poisoned }}>
        With trigger (target: {names[entry.target]})
      </div>
      <div className="sample-row">
        {shown.triggered.map((s, i) => (
          <SampleCell key={i} sample={s} kind="triggered" classNames={names} target={entry.target} />
        ))}
      </div>
    </section>
  );
}
