import { STORAGE_KEY } from '../persist';

/**
 * A Web Storage in memory for store tests: it starts with `initial` under the store's key (nothing
 * when absent), and while `control.failing` is set its writes throw `writeError()` (a full quota,
 * private mode).
 */
export function memoryStorage(initial?: string | null, writeError?: () => Error): { storage: Storage; control: { failing: boolean } } {
  const items = new Map<string, string>(initial == null ? [] : [[STORAGE_KEY, initial]]);
  const control = { failing: writeError !== undefined };
  const storage: Storage = {
    get length() {
      return items.size;
    },
    key: (k) => [...items.keys()][k] ?? null,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => {
      if (control.failing && writeError) throw writeError();
      items.set(key, String(value));
    },
    removeItem: (key) => void items.delete(key),
    clear: () => items.clear(),
  };
  return { storage, control };
}
