import type { AppActions } from '../../app/actions';
import { useAppStore } from '../../store/store';
import { PrecomputedLabel } from '../PrecomputedLabel';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * What the run on screen is when it was not computed here: a precomputed trace (labelled, with a
 * button that recomputes it in the page with its own settings), or why none is shown.
 */
export function PrecomputedRunNote({ actions }: { actions: AppActions }) {
  const shown = useAppStore((s) => s.precomputed !== null);
  const trace = useAppStore((s) => s.trace);
  const status = useAppStore((s) => s.precomputedStatus);
  const disabled = useAppStore((s) => s.status === 'running' || s.backend === null);
  if (shown && trace) {
    const { rounds, curveEpochs } = trace.settings;
    return (
      <div className="precomputed-note" data-testid="precomputed-note" data-state="shown">
        <strong>Showing a precomputed {trace.defense.toUpperCase()} trace</strong>
        <PrecomputedLabel where="run" withReason />
        <button
          className="primary"
          data-testid="run-live-button"
          disabled={disabled}
          onClick={() => actions.runLive()}
          title="Copies the trace's settings into the fields below, then computes the same run in this page"
        >
          Run live with these settings ({plural(rounds, 'round')} × {plural(curveEpochs, 'curve epoch')})
        </button>
      </div>
    );
  }
  if (!status) return null;
  return (
    <div className="precomputed-note" data-testid="precomputed-note" data-state={status.state}>
      {status.state === 'loading' && <p className="muted">loading the precomputed trace…</p>}
      {status.state === 'missing' && <p className="muted">{status.message}</p>}
      {status.state === 'failed' && (
        <p className="error" role="alert">
          Precomputed trace not shown: {status.message}
        </p>
      )}
    </div>
  );
}
