import type { ComputeClient } from '../compute/client';
import { modelFiles, revokeUserModelFiles, userModelFiles } from '../compute/model-files';
import type { TriggerSpec } from '../engine/attacks/types';
import type { DatasetId } from '../engine/data/datasets';
import { isUserModel, type ModelEntry, type UserModelEntry } from '../engine/zoo';
import type { ImportedModel } from '../protocol/import-messages';
import type { ModelFiles } from '../protocol/messages';
import { importLayersModel } from '../schema/model-import';
import { USER_MODEL_VERSION } from '../schema/user-model';
import { newUserModelId } from '../store/slices/user-models';
import { useAppStore } from '../store/store';

const state = () => useAppStore.getState();

/** A folder bigger than this is refused before a byte is read (a model the engine runs is at most a few MB). */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

/** The files of any model the page can open: the zoo's bundled assets, or a user model's blob: URLs. */
export function modelFilesOf(entry: ModelEntry): ModelFiles {
  if (!isUserModel(entry)) return modelFiles(entry.modelJson, entry.weights);
  const files = state().userModelFiles[entry.id];
  if (!files) throw new Error(`The files of your model "${entry.name}" are not loaded; reload the page.`);
  return userModelFiles(entry.id, files);
}

/** What a file picker or a drop gives: a name, a size, and its bytes on request (a browser File). */
export interface PickedFile {
  name: string;
  size: number;
  arrayBuffer(): Promise<ArrayBuffer>;
}

/** A folder checked on the main thread: what the panel shows before the user chooses dataset, trigger and target. */
export interface InspectedFolder {
  /** the model's default name: the folder's, else the model.json's file name */
  name: string;
  files: { name: string; bytes: Uint8Array }[];
  arch: string;
  title: string;
  paramCount: number;
  notes: string[];
}

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** The folder a picked file came from (a folder picker or a drop sets webkitRelativePath), if any. */
const folderOf = (file: PickedFile) => {
  const path = (file as { webkitRelativePath?: string }).webkitRelativePath ?? '';
  return path.includes('/') ? path.split('/').at(-2) : undefined;
};

/** Reads the picked files (refusing more than MAX_IMPORT_BYTES unread) and checks them with src/schema/model-import.ts. */
export async function inspectModelFolder(picked: readonly PickedFile[]): Promise<{ ok: true; folder: InspectedFolder } | { ok: false; message: string }> {
  if (picked.length === 0) return { ok: false, message: 'No files were given: choose model.json and its weight shards (.bin).' };
  const total = picked.reduce((n, f) => n + f.size, 0);
  if (total > MAX_IMPORT_BYTES)
    return { ok: false, message: `The ${picked.length} files hold ${megabytes(total)}; at most ${megabytes(MAX_IMPORT_BYTES)} can be imported.` };
  let files: { name: string; bytes: Uint8Array }[];
  try {
    files = await Promise.all(picked.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
  } catch (err) {
    return { ok: false, message: `The files could not be read: ${(err as Error).message}` };
  }
  const result = importLayersModel(files);
  if (!result.ok) return { ok: false, message: result.message };
  const json = picked.find((f) => /\.json$/i.test(f.name));
  const name = folderOf(picked[0]) ?? json?.name.replace(/\.json$/i, '') ?? 'imported model';
  return { ok: true, folder: { name, files, arch: result.arch, title: result.title, paramCount: result.paramCount, notes: result.notes } };
}

/** What the user chose for an inspected folder. */
export interface ImportChoices {
  name: string;
  dataset: DatasetId;
  trigger: TriggerSpec;
  target: number;
}

/** The entry a measured import becomes. */
export function importedEntry(id: string, choices: ImportChoices, model: ImportedModel, now: Date): UserModelEntry {
  return {
    origin: 'imported',
    id,
    name: choices.name.trim() || 'imported model',
    arch: model.arch,
    dataset: choices.dataset,
    trigger: choices.trigger,
    target: choices.target,
    cleanAccuracy: model.cleanAccuracy,
    attackSuccessRate: model.attackSuccessRate,
    evaluatedOn: model.evaluatedOn,
    createdAt: now.toISOString(),
  };
}

export interface UserModelActions {
  /** sends an inspected folder to the worker, which checks it again and measures ACC/ASR; then keeps it, lists it and selects it */
  importModel(folder: InspectedFolder, choices: ImportChoices, onProgress: (phase: string, done: number, total: number) => void): Promise<UserModelEntry>;
}

export function createUserModelActions(client: ComputeClient): UserModelActions {
  return {
    importModel: (folder, choices, onProgress) =>
      new Promise<ImportedModel>((resolve, reject) => {
        // copies: transferring empties the buffers, and the panel keeps the folder for another try
        const files = folder.files.map((f) => ({ name: f.name, bytes: f.bytes.slice().buffer }));
        client.importModel(files, choices.dataset, choices.trigger, choices.target, {
          progress: onProgress,
          done: resolve,
          failed: (m) => reject(new Error(m)),
        });
      }).then(async (model) => {
        const entry = importedEntry(newUserModelId(Date.now(), state().models), choices, model, new Date());
        await state().addUserModel({ version: USER_MODEL_VERSION, entry, modelJson: model.modelJson, weights: model.weights });
        // the model's own trigger is now the one described: runs and the card use it without a described override
        state().setDescribedTrigger(null);
        state().setDescribedTarget(null);
        state().selectModel(entry.id);
        return entry;
      }),
  };
}

/** Reads the user's models from IndexedDB into the picker, and frees a model's blob: URLs once it is deleted. Returns the unsubscribe. */
export function startUserModels(): () => void {
  void state().loadUserModels();
  let known = new Set(Object.keys(state().userModelFiles));
  return useAppStore.subscribe((s) => {
    const now = new Set(Object.keys(s.userModelFiles));
    for (const id of known) if (!now.has(id)) revokeUserModelFiles(id);
    known = now;
  });
}
