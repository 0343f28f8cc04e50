import { estimateSecondsLeft } from '../../store/run-slice';
import { useAppStore } from '../../store/store';
import { formatDuration } from '../format';
import type { PendingControl } from './usePendingControl';
import { useNow } from './useNow';

/** The run's state: a progress bar with round, stage, epoch and time left while it goes, else how it ended. */
export function RunProgressBar({ pending }: { pending: PendingControl }) {
  const status = useAppStore((s) => s.status);
  const progress = useAppStore((s) => s.runProgress);
  const runError = useAppStore((s) => s.runError);
  const precomputed = useAppStore((s) => s.precomputed !== null);
  const paused = useAppStore((s) => s.paused !== null);
  const rounds = useAppStore((s) => (s.settings.defense === 'tsc' ? s.settings.rounds : 1));
  const running = status === 'running';
  const left = estimateSecondsLeft(progress, useNow(running && !paused));
  return (
    <div className="run-status" data-testid="run-status" data-status={paused ? 'paused' : status}>
      {running && progress && (
        <>
          <progress data-testid="progress" max={1} value={progress.fraction} aria-label="Run progress" />
          <div>
            round {progress.round}/{rounds} · stage {progress.stage} · {progress.phase}
            {progress.epochs > 0 && progress.epoch > 0 ? ` · epoch ${progress.epoch}/${progress.epochs}` : ''}
            {paused ? ' · paused' : left !== null ? ` · ~${formatDuration(left)} left` : ''}
          </div>
          {pending && !paused && (
            <div className="muted">{pending === 'pause' ? 'pausing after this epoch…' : 'running to the end of this stage, then pausing…'}</div>
          )}
        </>
      )}
      {running && !progress && <div>preparing data and model…</div>}
      {status === 'done' && <div>{precomputed ? 'precomputed: nothing was computed in this page' : 'finished'}</div>}
      {status === 'cancelled' && <div>cancelled</div>}
      {status === 'failed' && (
        <div className="error" role="alert">
          {runError}
        </div>
      )}
    </div>
  );
}
