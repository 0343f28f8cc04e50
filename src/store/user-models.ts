import { createStore, del, entries, get, set, type UseStore } from 'idb-keyval';
import { parseUserModel, USER_MODEL_NAME_MAX, type UserModelRecord } from '../schema/user-model';
import { reason } from './save-failure';

/**
 * The models the user imported or trained in the page, one IndexedDB record each (keyed by the
 * entry's id), in a database of their own so that clearing the run history or the saved run never
 * touches them. Validated on read by src/schema/user-model.ts; every failure is a notice, never a
 * rejection.
 */
export type { UserModelRecord };

let db: UseStore | null = null;
// opened on first use: importing this module must not touch IndexedDB (tests, private mode)
const store = () => (db ??= createStore('tsc-visualizer-models', 'models'));

/** Saves (or replaces) a model; false, with a notice, when the browser refused (quota, private mode). */
export async function saveUserModel(record: UserModelRecord, notify: (message: string) => void): Promise<boolean> {
  // checked before it is written, so that a record this page could not read back is never kept
  const checked = parseUserModel(record.entry.id, record);
  if (!checked.ok) {
    notify(`The model "${record.entry.name}" was not saved (${checked.why}).`);
    return false;
  }
  try {
    await set(record.entry.id, record, store());
    return true;
  } catch (err) {
    notify(`The model "${record.entry.name}" could not be kept for your next visit (${reason(err)}); it stays in the picker until you reload.`);
    return false;
  }
}

/** Every readable model, oldest first; each record that fails validation is left out with a notice naming it. */
export async function listUserModels(notify: (message: string) => void): Promise<UserModelRecord[]> {
  let stored: [IDBValidKey, unknown][];
  try {
    stored = await entries(store());
  } catch {
    return []; // IndexedDB unavailable (private mode): nothing was saved
  }
  const models: UserModelRecord[] = [];
  for (const [key, value] of stored) {
    const parsed = parseUserModel(String(key), value);
    if (parsed.ok) models.push(parsed.record);
    else notify(parsed.message);
  }
  return models.sort((a, b) => a.entry.createdAt.localeCompare(b.entry.createdAt) || a.entry.id.localeCompare(b.entry.id));
}

/** One model by id, or null (missing, or unreadable with a notice). */
export async function readUserModel(id: string, notify: (message: string) => void): Promise<UserModelRecord | null> {
  try {
    const value: unknown = await get(id, store());
    if (value === undefined) return null;
    const parsed = parseUserModel(id, value);
    if (parsed.ok) return parsed.record;
    notify(parsed.message);
  } catch (err) {
    notify(notChanged('read', err));
  }
  return null;
}

export async function deleteUserModel(id: string, notify: (message: string) => void): Promise<void> {
  try {
    await del(id, store());
  } catch (err) {
    notify(notChanged('deleted', err));
  }
}

/** Renames a model in place (the name trimmed and cut to its maximum); a missing model or a failed write is a notice. */
export async function renameUserModel(id: string, name: string, notify: (message: string) => void): Promise<void> {
  const trimmed = name.trim().slice(0, USER_MODEL_NAME_MAX);
  if (trimmed === '') return;
  const record = await readUserModel(id, notify);
  if (!record) return;
  try {
    await set(id, { ...record, entry: { ...record.entry, name: trimmed } }, store());
  } catch (err) {
    notify(notChanged('renamed', err));
  }
}

const notChanged = (what: string, err: unknown) => `Your saved model could not be ${what} (${reason(err)}).`;
