import { settingsCaption } from '../../app/export-caption';
import type { Trace } from '../../engine/trace';
import { useAppStore } from '../../store/store';

/** Why the Export buttons are disabled while there is no finished trace (names and captions come from it). */
export const NO_TRACE = 'Available once a run has finished (or a trace is shown).';

/** The finished run on screen, which every export is named after and captioned with; null while none is. */
export function useExportTrace(): { trace: Trace; caption: string[] } | null {
  const trace = useAppStore((s) => s.trace);
  return trace ? { trace, caption: settingsCaption(trace) } : null;
}
