import { formatDuration, formatLoss, formatPercent } from '../format';
import { trapReplaceFraction } from '../../store/slices/trap-replace';
import { useAppStore } from '../../store/store';

/** The run's progress (stage, epoch, last epoch's loss, steps of both stages), else how the last run on this model ended. */
export function TrapReplaceStatus({ modelId }: { modelId: string }) {
  const run = useAppStore((s) => s.trapReplaceRun);
  const result = useAppStore((s) => s.trapReplaceResults[modelId]);
  const error = useAppStore((s) => (s.trapReplaceError?.modelId === modelId ? s.trapReplaceError : null));
  const state = run ? (run.cancelling ? 'cancelling' : 'running') : 'idle';
  return (
    <div className="run-status" data-testid="trap-replace-status" data-state={state} aria-live="polite">
      {run && (
        <>
          <progress data-testid="trap-replace-progress" max={1} value={trapReplaceFraction(run)} aria-label="Trap and Replace progress" />
          <div data-testid="trap-replace-progress-text">
            {run.modelId !== modelId ? `on ${run.modelId} · ` : ''}
            {run.cancelling
              ? 'cancelling…'
              : run.phase
                ? `${run.phase}…`
                : run.training &&
                  `stage ${run.training.stage} · epoch ${run.training.epoch}/${run.training.epochs} · ${formatDuration(run.training.seconds)}` +
                    (run.lastEpoch ? ` · loss ${formatLoss(run.lastEpoch.meanLoss)} (stage ${run.lastEpoch.stage}, epoch ${run.lastEpoch.epoch})` : '')}
          </div>
        </>
      )}
      {!run &&
        error &&
        (error.cancelled ? (
          <div>cancelled</div>
        ) : (
          <div className="error" role="alert">
            {error.message}
          </div>
        ))}
      {!run && result && (
        <p data-testid="trap-replace-result">
          Measured in this page: clean ACC <strong>{formatPercent(result.acc)}</strong>, ASR <strong>{formatPercent(result.asr)}</strong> on {result.cleanCount}{' '}
          clean and {result.poisonedCount} triggered test images; training took {formatDuration(result.seconds)} on {result.backend}.
        </p>
      )}
    </div>
  );
}
