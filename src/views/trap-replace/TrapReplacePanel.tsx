import { useEffect, useRef, useState } from 'react';
import type { TrapReplaceActions } from '../../app/trap-replace-actions';
import { poisoningOf } from '../../engine/defenses/trap-replace-recipe';
import { trapReplaceDefaults, type TrapReplaceSettings } from '../../engine/defenses/trap-replace-settings';
import type { ModelEntry } from '../../engine/zoo';
import { selectedEntry, useAppStore } from '../../store/store';
import { draftOf, parseDraft, type TrapReplaceDraft } from './trap-replace-form';
import { TrapReplaceFields } from './TrapReplaceFields';
import { TrapReplaceStatus } from './TrapReplaceStatus';

/**
 * Trap and Replace run live in the page, on a model whose poisoned training set its recipe rebuilds
 * (a zoo model or one trained here); its measured ACC/ASR joins the defense table
 * (src/views/DefenseComparisonTable.tsx). The training runs in the compute worker, so the page stays responsive.
 */
export function TrapReplacePanel({ actions }: { actions: TrapReplaceActions }) {
  const entry = useAppStore(selectedEntry);
  if (!entry) return null;
  const poisoning = poisoningOf(entry);
  return (
    <section className="panel" data-testid="trap-replace-panel" aria-labelledby="trap-replace-heading">
      <h2 id="trap-replace-heading">Trap and Replace, run in this page</h2>
      <p className="muted">
        A training-time defense: instead of purifying the given model it trains a new one from the poisoned training set, a stem with a reconstruction decoder
        that traps the backdoor in a small head, then a fresh head on a clean holdout.
      </p>
      {poisoning.ok ? (
        // a new model starts from its dataset's defaults
        <TrapReplaceForm key={entry.id} entry={entry} actions={actions} />
      ) : (
        <p data-testid="trap-replace-unavailable">{poisoning.reason}</p>
      )}
    </section>
  );
}

function TrapReplaceForm({ entry, actions }: { entry: ModelEntry; actions: TrapReplaceActions }) {
  const defaults = trapReplaceDefaults(entry.dataset);
  const [draft, setDraft] = useState<TrapReplaceDraft>(() => draftOf(defaults));
  const running = useAppStore((s) => s.trapReplaceRun !== null);
  const cancelling = useAppStore((s) => s.trapReplaceRun?.cancelling === true);
  const backendReady = useAppStore((s) => s.backend !== null);
  const parsed = parseDraft(draft);
  const runRef = useRef<HTMLButtonElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  // the button pressed becomes disabled: keyboard focus moves to the one that is live now
  useEffect(() => {
    const from = running ? runRef.current : cancelRef.current;
    if (document.activeElement === from) (running ? cancelRef : runRef).current?.focus();
  }, [running]);
  const change = (key: keyof TrapReplaceSettings, text: string) => setDraft((d) => ({ ...d, [key]: text }));
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (parsed.settings) actions.trapReplace(parsed.settings);
      }}
    >
      <TrapReplaceFields draft={draft} errors={parsed.errors ?? {}} onChange={change} disabled={running} />
      <div className="button-row">
        <button type="submit" className="primary" ref={runRef} data-testid="trap-replace-run" disabled={running || !backendReady || parsed.settings === null}>
          Run Trap and Replace
        </button>
        <button type="button" ref={cancelRef} data-testid="trap-replace-cancel" disabled={!running || cancelling} onClick={() => actions.cancelTrapReplace()}>
          Cancel
        </button>
        <button type="button" data-testid="trap-replace-defaults" disabled={running} onClick={() => setDraft(draftOf(defaults))}>
          Defaults
        </button>
      </div>
      <TrapReplaceStatus modelId={entry.id} />
    </form>
  );
}
