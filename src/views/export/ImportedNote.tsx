import type { Trace } from '../../engine/trace';

/** The label of a run opened from a trace file (src/views/export/ImportTrace.tsx): where it came from, and what it cannot do. */
export function ImportedNote({ trace, fileName }: { trace: Trace; fileName: string }) {
  return (
    <strong data-testid="imported-note">
      {' '}
      Imported from {fileName} (a {trace.model} run measured on {trace.backend}); θ(t) previews and the loss plane need a new run.
    </strong>
  );
}
