import { isUserModel } from '../engine/zoo';
import { selectedEntry, useAppStore } from '../store/store';
import { formatCount, formatPercent } from './format';
import { COLORS } from './palette';

/** Clean accuracy and ASR measured in this page, next to the manifest's Node figures. */
export function MetricsPanel() {
  const entry = useAppStore(selectedEntry);
  const evaluation = useAppStore((s) => s.evaluation);
  const progress = useAppStore((s) => s.progress);
  const error = useAppStore((s) => s.error);
  const current = evaluation && entry && evaluation.modelId === entry.id ? evaluation : null;
  // a user model's reference figures were measured in this page when it was imported or trained
  const [reference, trigger] =
    entry && isUserModel(entry) ? [`at ${entry.origin === 'imported' ? 'import' : 'training'}`, "the model's trigger"] : ['manifest', 'the zoo trigger'];
  return (
    <section className="panel" aria-labelledby="metrics-heading" data-testid="metrics">
      <h2 id="metrics-heading">Measured in this page</h2>
      {progress && (
        <div className="progress-row">
          <progress data-testid="progress" max={progress.total} value={progress.done} aria-label="Evaluation progress" />
          <span>{progress.phase}…</span>
        </div>
      )}
      {error && (
        <p className="error" role="alert" data-testid="error">
          {error}
        </p>
      )}
      <div className="metric-grid">
        <div className="metric" style={{ borderColor: COLORS.clean }}>
          <div className="metric-label">Clean accuracy</div>
          <div className="metric-value" data-testid="clean-accuracy" style={{ color: COLORS.clean }}>
            {current ? formatPercent(current.acc) : '…'}
          </div>
          <div className="metric-note">
            {current ? `${formatCount(current.cleanCount)} clean test images` : 'waiting for the worker'}
            {entry && ` · ${reference} ${formatPercent(entry.cleanAccuracy)}`}
          </div>
        </div>
        <div className="metric" style={{ borderColor: COLORS.poisoned }}>
          <div className="metric-label">Attack success rate</div>
          <div className="metric-value" data-testid="attack-success-rate" style={{ color: COLORS.poisoned }}>
            {current ? formatPercent(current.asr) : '…'}
          </div>
          <div className="metric-note">
            {current ? `${formatCount(current.poisonedCount)} non-target test images with ${trigger}` : 'waiting for the worker'}
            {entry && ` · ${reference} ${formatPercent(entry.attackSuccessRate)}`}
          </div>
        </div>
      </div>
      {current && (
        <p className="footnote">
          Computed live on <strong>{current.backend}</strong> in a Web Worker in {current.seconds.toFixed(1)} s.{' '}
          {entry && isUserModel(entry) ? (
            <>
              The figures {reference} were measured in this page ({entry.evaluatedOn.backend}).
            </>
          ) : (
            <>
              Manifest figures were measured in Node ({entry?.evaluatedOn.backend}) by <code>npm run train-models</code>.
            </>
          )}
        </p>
      )}
    </section>
  );
}
