import type { Trace } from '../../engine/trace';
import type { SliceCreator } from '../app-state';
import { initialRunState, keepSelection } from '../run-slice';

/** A trace file the user imported (src/app/export-trace.ts checked it), shown like a run restored from an earlier visit. */
export interface ImportedSlice {
  /** the file on screen; it is the shown run only while `restored.savedAt` is `at` (a new run or pack replaces both) */
  imported: { fileName: string; at: number } | null;
  importTrace: (trace: Trace, fileName: string, at?: number) => void;
}

export const createImportedSlice: SliceCreator<ImportedSlice> = (set, get) => ({
  imported: null,

  importTrace: (trace, fileName, at = Date.now()) => {
    const s = get();
    const stages = trace.rounds.flatMap((r) => r.stages);
    set({
      ...initialRunState(s.settings),
      viewT: s.viewT,
      trace,
      stages,
      rounds: trace.rounds,
      status: 'done',
      runModelId: trace.model,
      // measurements only, no weights in the worker: the views treat it like a restored run
      restored: { savedAt: at },
      selected: keepSelection(s.selected, stages),
      plane: null,
      precomputed: null,
      precomputedStatus: null,
      imported: { fileName, at },
    });
  },
});

/** Whether the run on screen is the imported file (not a run or pack shown since). */
export const showsImported = (s: Pick<ImportedSlice, 'imported'> & { restored: { savedAt: number } | null }): boolean =>
  s.imported !== null && s.restored?.savedAt === s.imported.at;
