import { useAppStore } from '../store/store';
import { budgetNote, precomputedLabel } from './precomputed-label';

interface Props {
  /** which view shows it (its test id is precomputed-label-<where>) */
  where: string;
  /** the reduced-budget reason as a line of its own (else as a tooltip) */
  withReason?: boolean;
}

/** The honest label next to precomputed numbers: made in Node, when, with which budget; nothing for a live run. */
export function PrecomputedLabel({ where, withReason = false }: Props) {
  const run = useAppStore((s) => s.precomputed);
  const trace = useAppStore((s) => s.trace);
  if (!run || !trace) return null;
  const note = budgetNote(run);
  return (
    <p className="precomputed-label" data-testid={`precomputed-label-${where}`} title={note ?? undefined}>
      {precomputedLabel(run, trace)}
      {note && withReason && <span className="precomputed-reason">{note}</span>}
    </p>
  );
}
