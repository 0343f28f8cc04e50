import type { PersistOptions, PersistStorage, StorageValue } from 'zustand/middleware';
import { WHOLE_INPUT, isRecord } from '../schema/fields';
import { PERSIST_VERSION, migratePersisted, parsePersisted, type PersistedState } from '../schema/persisted';
import type { AppState } from './app-state';
import { settingsNotSaved } from './save-failure';

export const STORAGE_KEY = 'tsc-visualizer';

/** Only choices survive a reload; measurements are recomputed. */
export const partializeState = (s: AppState): PersistedState => ({
  selectedModelId: s.selectedModelId,
  preferredBackend: s.preferredBackend,
  settings: s.settings,
  viewT: s.viewT,
  planeSettings: s.planeSettings,
});

/** The one line the user sees about what was reset, or null when nothing was. */
export function droppedNotice(dropped: string[]): string | null {
  if (dropped.length === 0) return null;
  if (dropped.includes(WHOLE_INPUT)) return 'Saved settings could not be read and were reset to their defaults.';
  return `Saved settings that were invalid were reset to their defaults: ${dropped.join(', ')}.`;
}

/** Hydration: every stored field is validated on its own; a bad one keeps the current (default) value and is reported. */
export function mergePersisted(persisted: unknown, current: AppState): AppState {
  const { value, dropped } = parsePersisted(persisted, partializeState(current));
  const notice = droppedNotice(dropped);
  return { ...current, ...value, notices: notice ? [...current.notices, notice] : current.notices };
}

/** Stored text as zustand's {state, version}; text that is not one reaches merge as a bare string, which it reports. */
export function readStored(text: string): StorageValue<unknown> {
  try {
    const parsed: unknown = JSON.parse(text);
    // an envelope without a version predates versioning: version 0
    if (isRecord(parsed) && 'state' in parsed) return { state: parsed.state, version: typeof parsed.version === 'number' ? parsed.version : 0 };
  } catch {
    // not JSON: handled below like any other unreadable value
  }
  return { state: text, version: PERSIST_VERSION };
}

/**
 * JSON in a Web Storage; undefined (no persistence) where there is none, e.g. storage disabled or Node.
 * A failed write (quota, private mode) is reported once through `notify` until a write succeeds again:
 * the notice itself is a state change that writes again, and must not report itself in a loop.
 */
export function jsonStorage(getStorage: () => Storage, notify: (message: string) => void = () => {}): PersistStorage<PersistedState> | undefined {
  let storage: Storage;
  try {
    storage = getStorage();
  } catch {
    return undefined;
  }
  let failing = false;
  return {
    getItem: (name) => {
      const text = storage.getItem(name);
      // unchecked here on purpose: merge validates every field
      return text === null ? null : (readStored(text) as StorageValue<PersistedState>);
    },
    setItem: (name, value) => {
      try {
        storage.setItem(name, JSON.stringify(value));
        failing = false;
      } catch (err) {
        if (failing) return;
        failing = true;
        notify(settingsNotSaved(err));
      }
    },
    removeItem: (name) => storage.removeItem(name),
  };
}

/** The single persistence path: versioned, migrated step by step, validated field by field. */
export const persistOptions = (getStorage: () => Storage, notify?: (message: string) => void): PersistOptions<AppState, PersistedState> => ({
  name: STORAGE_KEY,
  version: PERSIST_VERSION,
  storage: jsonStorage(getStorage, notify),
  partialize: partializeState,
  migrate: (state, version) => migratePersisted(state, version) as PersistedState,
  merge: mergePersisted,
});
