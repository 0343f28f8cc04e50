import { del, get, set } from 'idb-keyval';
import { parseStoredRun, toStoredRun, type ArchivedRun } from '../schema/stored-run';
import { runNotSaved } from './save-failure';

/**
 * The last finished run, kept in IndexedDB (a trace with its correlation matrices is too big for
 * localStorage's few MB) so a reload does not lose it. Only the measurements are kept: the curves'
 * weights live in the worker and are gone after a reload. Versioned and validated in
 * src/schema/stored-run.ts.
 */
export type { ArchivedRun };

const KEY = 'tsc-visualizer:last-run';

/** Keeps `run` for the next visit; a failure (quota, private mode) becomes a notice, the run stays on screen. */
export async function saveLastRun(run: ArchivedRun, notify: (message: string) => void): Promise<void> {
  try {
    await set(KEY, toStoredRun(run));
  } catch (err) {
    notify(runNotSaved(err));
  }
}

/** The run saved by an earlier visit, or null. A record that fails validation is deleted and reported; never rejects. */
export async function loadLastRun(notify: (message: string) => void): Promise<ArchivedRun | null> {
  let stored: unknown;
  try {
    stored = await get(KEY);
  } catch {
    return null; // IndexedDB unavailable (private mode): nothing was saved
  }
  const result = parseStoredRun(stored);
  if (result.ok) return result.run;
  notify(result.message);
  await clearLastRun(); // a clean reset: the next visit does not report it again
  return null;
}

export async function clearLastRun(): Promise<void> {
  try {
    await del(KEY);
  } catch {
    // IndexedDB unavailable: there is nothing to clear
  }
}
