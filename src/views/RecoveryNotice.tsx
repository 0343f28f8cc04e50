import type { AppActions } from '../app/actions';
import { useAppStore } from '../store/store';
import { BACKEND_TITLES } from './backend-label';
import { recoveryText } from './recovery-text';

/**
 * What broke under the computations (a lost WebGPU device, a restarted worker) and what the page
 * does about it: the finished stages stay on screen, and a run that was stopped can run again on
 * the backend the worker now has.
 */
export function RecoveryNotice({ actions }: { actions: AppActions }) {
  const recovery = useAppStore((s) => s.recovery);
  const backend = useAppStore((s) => s.backend?.name ?? null);
  const stagesDone = useAppStore((s) => s.stages.length);
  const running = useAppStore((s) => s.status === 'running');
  const dismiss = useAppStore((s) => s.dismissRecovery);
  if (!recovery) return null;
  const next = backend && BACKEND_TITLES[backend];
  return (
    <div className="recovery-notice" role="alert" data-testid="recovery-notice" data-kind={recovery.kind}>
      <span data-testid="recovery-text">{recoveryText(recovery, next, stagesDone)}</span>
      {recovery.runId !== null && (
        <button
          className="primary"
          data-testid="run-again-button"
          disabled={!next || running}
          onClick={() => {
            dismiss();
            actions.run();
          }}
        >
          {next ? `Run again on ${next}` : 'Starting the next backend…'}
        </button>
      )}
      <button type="button" className="notice-dismiss" data-testid="recovery-dismiss" aria-label="Dismiss this notice" onClick={dismiss}>
        ×
      </button>
    </div>
  );
}
