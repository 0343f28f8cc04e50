/**
 * idb-keyval over a Map, for the run history's tests (`vi.mock('idb-keyval', () => import(...))`).
 * Every store shares the one Map; values are structured-cloned like IndexedDB does. Setting
 * `failing.set` (or another call's name) makes that call throw it, as a browser would.
 */
export const records = new Map<IDBValidKey, unknown>();
export const failing: Partial<Record<'get' | 'set' | 'del' | 'keys' | 'entries', Error>> = {};
const calls = ['get', 'set', 'del', 'keys', 'entries'] as const;

const check = (call: keyof typeof failing) => {
  const err = failing[call];
  if (err) throw err;
};

export const createStore = () => ({});
export const get = async (key: IDBValidKey) => {
  check('get');
  return structuredClone(records.get(key));
};
export const set = async (key: IDBValidKey, value: unknown) => {
  check('set');
  records.set(key, structuredClone(value));
};
export const del = async (key: IDBValidKey) => {
  check('del');
  records.delete(key);
};
export const delMany = async (keys: IDBValidKey[]) => {
  check('del');
  for (const key of keys) records.delete(key);
};
export const keys = async () => {
  check('keys');
  return [...records.keys()];
};
export const entries = async () => {
  check('entries');
  return [...records.entries()].map(([k, v]) => [k, structuredClone(v)]);
};

export function resetFakeIdb() {
  records.clear();
  for (const call of calls) failing[call] = undefined;
}
