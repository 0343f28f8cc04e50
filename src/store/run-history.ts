import { createStore, del, entries, get, keys, set, delMany, type UseStore } from 'idb-keyval';
import { parseHistoryRun, toStoredHistoryRun, type HistoryRun } from '../schema/run-history';
import { reason } from './save-failure';

/**
 * Every finished run, one IndexedDB record each, in its own database (not the one
 * src/store/run-archive.ts keeps the last run in), so clearing the history never touches it.
 * Validated on read by src/schema/run-history.ts; every failure is a notice, never a rejection.
 */
export type { HistoryRun };

const PREFIX = 'run:';
let db: UseStore | null = null;
// opened on first use: importing this module must not touch IndexedDB (tests, private mode)
const store = () => (db ??= createStore('tsc-visualizer-history', 'runs'));

const isRunKey = (key: IDBValidKey): key is string => typeof key === 'string' && key.startsWith(PREFIX);

/** The key of a run saved at `savedAt` that is not taken yet (two runs may finish in the same millisecond). */
async function freshId(savedAt: number): Promise<string> {
  const taken = new Set((await keys(store())).filter(isRunKey));
  let id = `${PREFIX}${savedAt.toString(36)}`;
  for (let k = 1; taken.has(id); k++) id = `${PREFIX}${savedAt.toString(36)}-${k}`;
  return id;
}

/** Adds a finished run; resolves to it with its new id, or to null (with a notice) when it could not be saved. */
export async function saveHistoryRun(
  run: Pick<HistoryRun, 'name' | 'savedAt' | 'modelId' | 'trace'>,
  notify: (message: string) => void,
): Promise<HistoryRun | null> {
  try {
    const id = await freshId(run.savedAt);
    const record = toStoredHistoryRun({ ...run, id });
    await set(id, record, store());
    const parsed = parseHistoryRun(id, record);
    return parsed.ok ? parsed.run : null;
  } catch (err) {
    notify(historyNotSaved(err));
    return null;
  }
}

/** Every readable run, newest first; each record that fails validation is left out with a notice naming it. */
export async function listHistoryRuns(notify: (message: string) => void): Promise<HistoryRun[]> {
  let stored: [IDBValidKey, unknown][];
  try {
    stored = await entries(store());
  } catch {
    return []; // IndexedDB unavailable (private mode): nothing was saved
  }
  const runs: HistoryRun[] = [];
  for (const [key, value] of stored) {
    if (!isRunKey(key)) continue;
    const parsed = parseHistoryRun(key, value);
    if (parsed.ok) runs.push(parsed.run);
    else notify(parsed.message);
  }
  return runs.sort((a, b) => b.savedAt - a.savedAt);
}

/** One run by id, or null (missing or unreadable, with a notice for the latter). */
export async function readHistoryRun(id: string, notify: (message: string) => void): Promise<HistoryRun | null> {
  try {
    const value: unknown = await get(id, store());
    if (value === undefined) return null;
    const parsed = parseHistoryRun(id, value);
    if (parsed.ok) return parsed.run;
    notify(parsed.message);
  } catch (err) {
    notify(historyNotChanged('read', err));
  }
  return null;
}

/** Renames a run in place; false (with a notice) when it is gone or could not be written. */
export async function renameHistoryRun(id: string, name: string, notify: (message: string) => void): Promise<boolean> {
  const run = await readHistoryRun(id, notify);
  if (!run) return false;
  try {
    await set(id, toStoredHistoryRun({ ...run, name }), store());
    return true;
  } catch (err) {
    notify(historyNotChanged('renamed', err));
    return false;
  }
}

export async function deleteHistoryRun(id: string, notify: (message: string) => void): Promise<void> {
  try {
    await del(id, store());
  } catch (err) {
    notify(historyNotChanged('deleted', err));
  }
}

/** How many runs the history keeps: each holds a whole trace (tens of kB to a few MB), and IndexedDB's quota is shared with the page's other stores. */
export const MAX_HISTORY_RUNS = 100;

/** savedAt of a run key ('run:<savedAt base 36>[-k]'). */
const savedAtOf = (key: string) => parseInt(key.slice(PREFIX.length).split('-')[0], 36);

/** Deletes the oldest runs beyond `max` (with a notice saying so); resolves to the ids removed. */
export async function pruneHistory(max: number, notify: (message: string) => void): Promise<string[]> {
  try {
    const ids = (await keys(store())).filter(isRunKey).sort((a, b) => savedAtOf(b) - savedAtOf(a) || (a < b ? 1 : -1));
    const removed = ids.slice(max);
    if (removed.length === 0) return [];
    await delMany(removed, store());
    notify(`The run history keeps the newest ${max} runs: ${removed.length === 1 ? 'the oldest run was' : `the ${removed.length} oldest runs were`} removed.`);
    return removed;
  } catch (err) {
    notify(historyNotChanged('trimmed', err));
    return [];
  }
}

/** Deletes every run record (readable or not). */
export async function clearHistory(notify: (message: string) => void): Promise<void> {
  try {
    await delMany((await keys(store())).filter(isRunKey), store());
  } catch (err) {
    notify(historyNotChanged('cleared', err));
  }
}

const historyNotSaved = (err: unknown) => `This run could not be added to the run history (${reason(err)}); it stays on screen until you reload.`;
const historyNotChanged = (what: string, err: unknown) => `The run history could not be ${what} (${reason(err)}).`;
