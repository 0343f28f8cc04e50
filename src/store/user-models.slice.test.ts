import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ZooManifest } from '../engine/zoo';
import { zooEntries } from '../engine/permute/testFixtures';
import { failing, records, resetFakeIdb } from './run-history-fake-idb';
import { newUserModelId } from './slices/user-models';
import { createAppStore } from './store';
import { memoryStorage } from './test/memory-storage';
import { userModelRecord } from './test/user-model-record';

vi.mock('idb-keyval', () => import('./run-history-fake-idb'));

const manifest: ZooManifest = { version: 1, generatedBy: 'test', models: zooEntries() };
const useAppStore = createAppStore(() => memoryStorage().storage);
const state = () => useAppStore.getState();
const ids = () => state().models.map((m) => m.id);
const zooIds = manifest.models.map((m) => m.id);

beforeEach(() => {
  resetFakeIdb();
  useAppStore.setState(useAppStore.getInitialState(), true);
  state().setManifest(manifest);
});

describe('the user-models slice', () => {
  it('addUserModel keeps the record, lists its entry after the zoo and keeps its files; a reload lists the same', async () => {
    const record = userModelRecord('user-a');
    await expect(state().addUserModel(record)).resolves.toBe(true);
    expect(records.get('user-a')).toEqual(record);
    expect(ids()).toEqual([...zooIds, 'user-a']);
    expect(state().userModelFiles['user-a']).toEqual({ modelJson: record.modelJson, weights: record.weights });
    const fresh = createAppStore(() => memoryStorage().storage);
    fresh.getState().setManifest(manifest);
    await fresh.getState().loadUserModels();
    expect(fresh.getState().models.at(-1)).toEqual(record.entry);
    expect(fresh.getState().userModelsLoaded).toBe(true);
  });

  it('a selected user model survives the manifest arriving first; one that is gone falls back to the default with a notice', async () => {
    await state().addUserModel(userModelRecord('user-a'));
    state().selectModel('user-a');
    state().setManifest(manifest);
    expect(state().selectedModelId).toBe('user-a');
    expect(ids()).toEqual([...zooIds, 'user-a']);
    useAppStore.setState({ models: manifest.models, selectedModelId: 'user-gone', userModelFiles: {} });
    await state().loadUserModels();
    expect(state().selectedModelId).toBe('mnist-mlp-badnet');
    expect(state().notices).toEqual([
      'The model "user-gone" is not among your models (they are kept in this browser only); the zoo\'s default model is shown.',
    ]);
  });

  it('rename changes the stored and the listed name; delete forgets the model and its files and selects the default', async () => {
    await state().addUserModel(userModelRecord('user-a'));
    state().selectModel('user-a');
    await state().renameUserModel('user-a', ' mine ');
    expect(state().models.at(-1)).toMatchObject({ id: 'user-a', name: 'mine' });
    expect((records.get('user-a') as { entry: { name: string } }).entry.name).toBe('mine');
    await state().deleteUserModel('user-a');
    expect(ids()).toEqual(zooIds);
    expect(state().userModelFiles).toEqual({});
    expect(records.size).toBe(0);
    expect(state().selectedModelId).toBe('mnist-mlp-badnet');
  });

  it('a save the browser refuses is a notice; the model stays listed until reload, also after IndexedDB is read', async () => {
    failing.set = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    await expect(state().addUserModel(userModelRecord('user-a'))).resolves.toBe(false);
    expect(state().notices).toHaveLength(1);
    expect(state().notices[0]).toContain('QuotaExceededError');
    await state().loadUserModels();
    expect(ids()).toEqual([...zooIds, 'user-a']);
  });

  it('a corrupt record read back is a notice and is left out; the others list', async () => {
    await state().addUserModel(userModelRecord('user-a'));
    records.set('user-b', { ...userModelRecord('user-b'), modelJson: 42 });
    useAppStore.setState({ models: manifest.models, userModelFiles: {} });
    await state().loadUserModels();
    expect(ids()).toEqual([...zooIds, 'user-a']);
    expect(state().notices).toEqual([
      'The saved model "model user-b" (user-b) could not be read (at modelJson: 42, expected text) and was left out of "Your models".',
    ]);
  });

  it('new ids are unique among the models', () => {
    const now = 1_700_000_000_000;
    const first = newUserModelId(now, []);
    expect(first).toBe(`user-${now.toString(36)}`);
    expect(newUserModelId(now, [{ id: first }, { id: `${first}-1` }])).toBe(`${first}-2`);
  });
});
