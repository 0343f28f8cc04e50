import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ZooEntry } from '../engine/zoo';
import { parseLink } from '../schema/url';
import { userModelRecord } from '../store/test/user-model-record';
import { useAppStore } from '../store/store';
import { loadPrecomputed, USER_MODEL_MESSAGE } from './precomputed-loader';
import { applyLink } from './url-sync';
import { importedEntry, inspectModelFolder, MAX_IMPORT_BYTES, modelFilesOf, type PickedFile } from './user-models';

vi.mock('idb-keyval', () => import('../store/run-history-fake-idb'));

const FOLDER = join('test', 'fixtures', 'models', 'good', 'mlp-3-hidden');
const picked = (name: string, bytes: Uint8Array): PickedFile => ({ name, size: bytes.byteLength, arrayBuffer: () => Promise.resolve(bytes.slice().buffer) });
const folder = () => readdirSync(FOLDER).map((f) => picked(f, new Uint8Array(readFileSync(join(FOLDER, f)))));
const state = () => useAppStore.getState();

beforeEach(() => {
  useAppStore.setState(useAppStore.getInitialState(), true);
});

describe('reading a picked model folder', () => {
  it('detects the architecture, its parameter count and notes, and names the model after the model.json', async () => {
    const result = await inspectModelFolder(folder());
    if (!result.ok) throw new Error(result.message);
    expect(result.folder).toMatchObject({ name: 'model', arch: 'seq:d16-d16-d16-d10', title: 'MLP 784-16-16-16-10', paramCount: 13_274, notes: [] });
    expect(result.folder.files.map((f) => f.name).sort()).toEqual(['group1-shard1of1.bin', 'model.json']);
  });

  it('refuses more than 50 MB before reading a byte, and names the missing shard', async () => {
    const read = vi.fn(() => Promise.resolve(new ArrayBuffer(0)));
    const huge = [
      { name: 'model.json', size: 100, arrayBuffer: read },
      { name: 'w.bin', size: MAX_IMPORT_BYTES, arrayBuffer: read },
    ];
    expect(await inspectModelFolder(huge)).toEqual({ ok: false, message: 'The 2 files hold 50.0 MB; at most 50.0 MB can be imported.' });
    expect(read).not.toHaveBeenCalled();
    const alone = await inspectModelFolder(folder().filter((f) => f.name === 'model.json'));
    expect(alone.ok === false && alone.message).toContain('group1-shard1of1.bin');
    expect(await inspectModelFolder([])).toMatchObject({ ok: false });
  });
});

describe('a user model in the page', () => {
  it('an import becomes an entry with the chosen dataset, trigger and target and the measured figures', () => {
    const trigger = { kind: 'badnet' as const, patchSize: 4, value: 1 };
    const model = {
      arch: 'seq:d16-d10',
      title: 'MLP 784-16-10',
      paramCount: 12_730,
      notes: [],
      modelJson: '{}',
      weights: new Uint8Array(4),
      cleanAccuracy: 0.9,
      attackSuccessRate: 0.8,
      evaluatedOn: { clean: 100, poisoned: 90, backend: 'wasm' },
      seconds: 1,
    };
    const entry = importedEntry('user-x', { name: '  ', dataset: 'fashion-mnist', trigger, target: 2 }, model, new Date(Date.UTC(2026, 10, 30)));
    expect(entry).toEqual({
      origin: 'imported',
      id: 'user-x',
      name: 'imported model',
      arch: 'seq:d16-d10',
      dataset: 'fashion-mnist',
      trigger,
      target: 2,
      cleanAccuracy: 0.9,
      attackSuccessRate: 0.8,
      evaluatedOn: { clean: 100, poisoned: 90, backend: 'wasm' },
      createdAt: '2026-11-30T00:00:00.000Z',
    });
  });

  it('its files are blob: URLs of the stored bytes, made once; one whose files are not loaded is a clear error', async () => {
    const record = userModelRecord('user-a');
    await state().addUserModel(record);
    const files = modelFilesOf(record.entry);
    expect(files.modelJsonUrl).toMatch(/^blob:/);
    expect(modelFilesOf(record.entry)).toBe(files);
    expect(await (await fetch(files.modelJsonUrl)).text()).toBe(record.modelJson);
    expect(new Uint8Array(await (await fetch(files.weightsUrl)).arrayBuffer())).toEqual(record.weights);
    expect(() => modelFilesOf(userModelRecord('user-b').entry)).toThrow('The files of your model "model user-b" are not loaded; reload the page.');
  });

  it('is never fetched as a precomputed trace', async () => {
    const fetchFn = vi.fn() as unknown as typeof fetch;
    state().selectModel('user-a');
    await loadPrecomputed('user-a', { fetchFn });
    expect(fetchFn).not.toHaveBeenCalled();
    expect(state().precomputedStatus).toEqual({ modelId: 'user-a', state: 'missing', message: USER_MODEL_MESSAGE });
  });

  it('a link to a user model selects it before IndexedDB is read, without an "unknown model" notice', () => {
    useAppStore.setState({ models: [{ id: 'mnist-mlp-badnet' } as ZooEntry], selectedModelId: 'mnist-mlp-badnet' });
    applyLink(parseLink('?model=user-a'), state());
    expect(state().selectedModelId).toBe('user-a');
    expect(state().notices).toEqual([]);
  });
});
