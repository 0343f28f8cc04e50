import { useState } from 'react';
import './export.css';

export interface ExportItem {
  /** stable id for tests (data-testid="export-<id>") */
  id: string;
  /** what the button saves, in words: "Loss curves as SVG" */
  label: string;
  run: () => void | Promise<void>;
  /** why it cannot be saved now (the button is disabled, this is its title) */
  unavailable?: string | null;
}

/**
 * A panel's Export menu: a disclosure (keyboard: Tab to it, Enter or Space opens) holding one labelled
 * button per file. A failed export says why next to the buttons.
 */
export function ExportMenu({ panel, items, empty }: { panel: string; items: ExportItem[]; empty?: string }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const run = async (item: ExportItem) => {
    setError(null);
    setBusy(item.id);
    try {
      await item.run();
    } catch (err) {
      setError(`${item.label} could not be saved: ${(err as Error).message ?? String(err)}`);
    } finally {
      setBusy(null);
    }
  };
  return (
    <details className="export-menu" data-testid={`export-menu-${panel.replace(/\s+/g, '-')}`}>
      <summary>Export</summary>
      <div className="export-items" role="group" aria-label={`Export the ${panel}`}>
        {items.map((item) => (
          <button
            key={item.id}
            type="button"
            data-testid={`export-${item.id}`}
            disabled={busy !== null || !!item.unavailable}
            title={item.unavailable ?? undefined}
            onClick={() => void run(item)}
          >
            {busy === item.id ? `${item.label}…` : item.label}
          </button>
        ))}
        {items.length === 0 && empty && <p className="muted small">{empty}</p>}
        {error && (
          <p className="export-error" role="alert">
            {error}
          </p>
        )}
      </div>
    </details>
  );
}
