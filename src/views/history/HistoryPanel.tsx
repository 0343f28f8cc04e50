import { useEffect, useState } from 'react';
import { useAppStore } from '../../store/store';
import { HistoryRow } from './HistoryRow';

/** Every finished run saved in this browser (src/store/run-history.ts), newest first. */
export function HistoryPanel() {
  const history = useAppStore((s) => s.history);
  const loadHistory = useAppStore((s) => s.loadHistory);
  const clearHistory = useAppStore((s) => s.clearHistory);
  const [confirming, setConfirming] = useState(false);
  useEffect(() => void loadHistory(), [loadHistory]);
  return (
    <section className="panel" aria-labelledby="history-heading" data-testid="history">
      <h2 id="history-heading">Your runs ({history.length})</h2>
      {history.length === 0 ? (
        <p className="muted">Every run you finish is saved here, in this browser, to reopen or compare later.</p>
      ) : (
        <>
          <ul className="history-list">
            {history.map((run) => (
              <HistoryRow key={run.id} run={run} />
            ))}
          </ul>
          {confirming ? (
            <p role="alertdialog" aria-label="Confirm clearing the history">
              Delete all {history.length} saved runs?{' '}
              <button
                type="button"
                onClick={() => {
                  setConfirming(false);
                  void clearHistory();
                }}
              >
                Delete all
              </button>{' '}
              <button type="button" autoFocus onClick={() => setConfirming(false)}>
                Keep them
              </button>
            </p>
          ) : (
            <button type="button" onClick={() => setConfirming(true)}>
              Clear history…
            </button>
          )}
        </>
      )}
    </section>
  );
}
