import { DEFAULT_MODEL_ID, isUserModel, USER_MODEL_PREFIX, type UserModelEntry } from '../../engine/zoo';
import { USER_MODEL_NAME_MAX } from '../../schema/user-model';
import type { SliceCreator } from '../app-state';
import * as saved from '../user-models';
import type { UserModelRecord } from '../user-models';

/** A user model's two files, as the worker reads them (src/app/user-models.ts turns them into blob: URLs). */
export interface UserModelFiles {
  modelJson: string;
  weights: Uint8Array;
}

/**
 * The models the user imported or trained (kept in IndexedDB by src/store/user-models.ts). Their
 * entries join the zoo's in `models`, after them, so that the picker, links and runs treat them
 * alike; their files stay here. A model whose save failed stays listed until the page reloads.
 */
export interface UserModelsSlice {
  userModelFiles: Record<string, UserModelFiles>;
  /** whether IndexedDB has been read once (before that, a selected user model is not yet known) */
  userModelsLoaded: boolean;

  loadUserModels: () => Promise<void>;
  /** saves a model and lists it (also when the save failed: a notice says it lasts until reload); resolves to whether it was kept */
  addUserModel: (record: UserModelRecord) => Promise<boolean>;
  renameUserModel: (id: string, name: string) => Promise<void>;
  /** forgets a model; the zoo's default model is selected if it was the selected one */
  deleteUserModel: (id: string) => Promise<void>;
}

/** A fresh id for a user model made at `now` (ms), unique among `taken`. */
export function newUserModelId(now: number, taken: readonly { id: string }[]): string {
  const ids = new Set(taken.map((m) => m.id));
  let id = `${USER_MODEL_PREFIX}${now.toString(36)}`;
  for (let k = 1; ids.has(id); k++) id = `${USER_MODEL_PREFIX}${now.toString(36)}-${k}`;
  return id;
}

export const createUserModelsSlice: SliceCreator<UserModelsSlice> = (set, get) => {
  const notify = (message: string) => get().addNotice(message);
  const withEntries = (entries: UserModelEntry[]) => [...get().models.filter((m) => !isUserModel(m)), ...entries];
  const fallbackSelection = (id: string) => (get().selectedModelId === id ? { selectedModelId: DEFAULT_MODEL_ID, evaluation: null } : {});
  return {
    userModelFiles: {},
    userModelsLoaded: false,

    loadUserModels: async () => {
      const records = await saved.listUserModels(notify);
      // models added while IndexedDB was read (a save that failed) stay listed
      const listed = new Set(records.map((r) => r.entry.id));
      const unsaved = get().models.filter((m): m is UserModelEntry => isUserModel(m) && !listed.has(m.id));
      const entries = [...records.map((r) => r.entry), ...unsaved];
      const files = { ...get().userModelFiles };
      for (const r of records) files[r.entry.id] = { modelJson: r.modelJson, weights: r.weights };
      const id = get().selectedModelId;
      const lost = id.startsWith(USER_MODEL_PREFIX) && !entries.some((m) => m.id === id);
      if (lost) notify(`The model "${id}" is not among your models (they are kept in this browser only); the zoo's default model is shown.`);
      set({ models: withEntries(entries), userModelFiles: files, userModelsLoaded: true, ...(lost ? { selectedModelId: DEFAULT_MODEL_ID } : {}) });
    },
    addUserModel: async (record) => {
      const kept = await saved.saveUserModel(record, notify);
      const entries = get().models.filter((m): m is UserModelEntry => isUserModel(m) && m.id !== record.entry.id);
      set({
        models: withEntries([...entries, record.entry]),
        userModelFiles: { ...get().userModelFiles, [record.entry.id]: { modelJson: record.modelJson, weights: record.weights } },
      });
      return kept;
    },
    renameUserModel: async (id, name) => {
      const trimmed = name.trim();
      if (trimmed === '') return;
      await saved.renameUserModel(id, trimmed, notify);
      set({ models: get().models.map((m) => (isUserModel(m) && m.id === id ? { ...m, name: trimmed.slice(0, USER_MODEL_NAME_MAX) } : m)) });
    },
    deleteUserModel: async (id) => {
      await saved.deleteUserModel(id, notify);
      const files = Object.fromEntries(Object.entries(get().userModelFiles).filter(([key]) => key !== id));
      set({ models: get().models.filter((m) => m.id !== id), userModelFiles: files, ...fallbackSelection(id) });
    },
  };
};
