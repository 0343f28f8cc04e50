import type { AppActions } from '../../app/actions';
import { useAppStore } from '../../store/store';
import type { PendingControl } from './usePendingControl';

interface Props {
  actions: AppActions;
  pending: PendingControl;
  onPending: (pending: PendingControl) => void;
}

/** Run, pause / resume, step to the end of the stage (TSC), cancel. */
export function RunButtons({ actions, pending, onPending }: Props) {
  const running = useAppStore((s) => s.status === 'running');
  const paused = useAppStore((s) => s.paused !== null);
  const backendReady = useAppStore((s) => s.backend !== null);
  const tsc = useAppStore((s) => s.settings.defense === 'tsc');
  return (
    <div className="button-row">
      <button
        className="primary run-main"
        data-testid="run-button"
        onClick={() => actions.run()}
        disabled={running || !backendReady}
        title="Run the defense in this page with the settings above"
      >
        Run live
      </button>
      {paused ? (
        <button data-testid="pause-button" onClick={() => actions.control('resume')} title="Go on from here">
          Resume
        </button>
      ) : (
        <button
          data-testid="pause-button"
          onClick={() => (actions.control('pause'), onPending('pause'))}
          disabled={!running || pending !== null}
          title="Pause after the current epoch"
        >
          Pause
        </button>
      )}
      <button
        data-testid="step-button"
        onClick={() => (actions.control('step'), onPending('step'))}
        disabled={!running || pending !== null || !tsc}
        title="Run to the end of the current stage, then pause (TSC)"
      >
        Step stage
      </button>
      <button data-testid="cancel-button" onClick={() => actions.cancel()} disabled={!running}>
        Cancel
      </button>
    </div>
  );
}
