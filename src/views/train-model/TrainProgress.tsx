import { trainSecondsLeft } from '../../store/slices/train-model';
import { useAppStore } from '../../store/store';
import { formatCount, formatDuration, formatPercent } from '../format';

/** The training as it goes (a bar over the epochs, what the worker does, Cancel), each finished epoch, and how it ended. */
export function TrainProgress({ onCancel }: { onCancel: () => void }) {
  const training = useAppStore((s) => s.training);
  const selectModel = useAppStore((s) => s.selectModel);
  const selectedId = useAppStore((s) => s.selectedModelId);
  const { status, epochs, totalEpochs, model, step } = training;
  if (status === 'idle') return null;
  const sample = epochs[0]?.samples;
  const left = trainSecondsLeft(training);
  return (
    <div className="run-status" data-testid="train-status" data-status={status}>
      {status === 'training' && (
        <>
          <progress data-testid="train-progress" max={totalEpochs} value={epochs.length + (step ? step.done / step.total : 0)} aria-label="Training progress" />
          <div data-testid="train-phase">
            {epochs.length}/{totalEpochs} epochs done · {training.phase}
            {step ? ` (step ${step.done}/${step.total})` : ''}
            {left !== null && left > 0 ? ` · ~${formatDuration(left)} left` : ''}
          </div>
          <div className="button-row">
            <button type="button" data-testid="train-cancel" onClick={onCancel}>
              Cancel
            </button>
          </div>
        </>
      )}
      {epochs.length > 0 && (
        <table className="results" data-testid="train-epochs">
          <caption className="muted">
            Mean training loss; ACC and ASR on {sample ? `${formatCount(sample.clean)} clean and ${formatCount(sample.poisoned)} triggered` : 'a sample of'}{' '}
            test images
          </caption>
          <thead>
            <tr>
              <th>epoch</th>
              <th>loss</th>
              <th>ACC</th>
              <th>ASR</th>
              <th>s</th>
            </tr>
          </thead>
          <tbody>
            {epochs.map((e) => (
              <tr key={e.epoch}>
                <td>{e.epoch}</td>
                <td className="num">{e.loss.toFixed(4)}</td>
                <td className="num clean">{formatPercent(e.accuracy, 1)}</td>
                <td className="num poisoned">{formatPercent(e.asr, 1)}</td>
                <td className="num">{e.seconds.toFixed(1)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {status === 'done' && model && (
        <div data-testid="train-result">
          <p>
            <strong>{model.name}</strong>: ACC <span data-testid="train-acc">{formatPercent(model.cleanAccuracy)}</span>, ASR{' '}
            <span data-testid="train-asr">{formatPercent(model.attackSuccessRate)}</span>, measured on the whole test split (
            {formatCount(model.evaluatedOn.clean)} clean, {formatCount(model.evaluatedOn.poisoned)} triggered images, {model.evaluatedOn.backend}). It is in the
            model list and kept in this browser.
          </p>
          <div className="button-row">
            <button type="button" className="primary" data-testid="train-open" disabled={selectedId === model.id} onClick={() => selectModel(model.id)}>
              {selectedId === model.id ? 'Open' : 'Open this model'}
            </button>
          </div>
        </div>
      )}
      {status === 'cancelled' && <div>cancelled</div>}
      {status === 'failed' && (
        <div className="error" role="alert" data-testid="train-error">
          {training.error}
        </div>
      )}
    </div>
  );
}
