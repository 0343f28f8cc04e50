import type { StorageValue } from 'zustand/middleware';
import { clearLastRun } from './run-archive';
import type { PersistedState } from '../schema/persisted';
import { useAppStore } from './store';

/** A storage that keeps nothing: set after clearing, so no state change before the reload writes the old state back. */
const discard = {
  getItem: (): StorageValue<PersistedState> | null => null,
  setItem: () => {},
  removeItem: () => {},
};

/** Forgets everything this page saved (its localStorage key and the IndexedDB run archive); the caller reloads. */
export async function resetSavedState(store = useAppStore): Promise<void> {
  store.persist.clearStorage();
  store.persist.setOptions({ storage: discard });
  await clearLastRun();
}
