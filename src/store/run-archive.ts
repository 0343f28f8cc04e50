import { get, set } from 'idb-keyval';
import { TRACE_VERSION, type Trace } from '../engine/trace';

/**
 * The last finished run, kept in IndexedDB (a trace with its correlation matrices is too big for
 * localStorage's few MB) so a reload does not lose it. Only the measurements are kept: the curves'
 * weights live in the worker and are gone after a reload.
 */
export interface ArchivedRun {
  savedAt: number;
  modelId: string;
  trace: Trace;
}

const KEY = 'tsc-visualizer:last-run';

export async function saveLastRun(run: ArchivedRun): Promise<void> {
  try {
    await set(KEY, run);
  } catch {
    // IndexedDB unavailable (private mode, quota): the run stays on screen, it just won't survive a reload.
  }
}

export async function loadLastRun(): Promise<ArchivedRun | null> {
  try {
    const run = (await get(KEY)) as ArchivedRun | undefined;
    return run?.trace?.version === TRACE_VERSION && Array.isArray(run.trace.rounds) ? run : null; // older formats are dropped
  } catch {
    return null;
  }
}
