import { useState } from 'react';
import type { HistorySummary } from '../../schema/run-history';
import { useAppStore } from '../../store/store';
import { formatDuration, formatPercent } from '../format';
import { RenameField } from './RenameField';

/** One saved run: what and when, its result, and Reopen / Overlay / Rename / Delete. */
export function HistoryRow({ run }: { run: HistorySummary }) {
  const [renaming, setRenaming] = useState(false);
  const running = useAppStore((s) => s.status === 'running');
  const shown = useAppStore((s) => s.restored?.savedAt === run.savedAt && s.runModelId === run.modelId);
  const overlaid = useAppStore((s) => s.overlayRun?.id === run.id);
  const { reopenHistoryRun, renameHistoryRun, deleteHistoryRun, setOverlayRun } = useAppStore.getState();
  return (
    <li className="history-row" data-testid="history-row" data-shown={shown || undefined}>
      <div>
        {renaming ? (
          <RenameField
            name={run.name}
            onDone={(name) => {
              setRenaming(false);
              if (name !== null && name !== run.name) void renameHistoryRun(run.id, name);
            }}
          />
        ) : (
          <strong data-testid="history-name">{run.name}</strong>
        )}
        <div className="muted">
          {new Date(run.savedAt).toLocaleString()} · {run.modelId} · {run.defense.toUpperCase()} · {run.backend} · {formatDuration(run.wallSeconds)} · ACC{' '}
          {formatPercent(run.after.acc)}, ASR {formatPercent(run.after.asr)}
        </div>
      </div>
      <div className="history-actions">
        <button type="button" disabled={running} aria-label={`Reopen ${run.name}`} onClick={() => void reopenHistoryRun(run.id)}>
          {shown ? 'Shown' : 'Reopen'}
        </button>
        <button
          type="button"
          aria-pressed={overlaid}
          aria-label={`Overlay ${run.name} on the loss curves`}
          onClick={() => void setOverlayRun(overlaid ? null : run.id)}
        >
          Overlay
        </button>
        <button type="button" aria-label={`Rename ${run.name}`} onClick={() => setRenaming(true)}>
          Rename
        </button>
        <button type="button" aria-label={`Delete ${run.name}`} onClick={() => void deleteHistoryRun(run.id)}>
          Delete
        </button>
      </div>
    </li>
  );
}
