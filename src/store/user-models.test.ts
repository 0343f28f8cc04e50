import { beforeEach, describe, expect, it, vi } from 'vitest';
import { failing, records, resetFakeIdb } from './run-history-fake-idb';
import { userModelRecord } from './test/user-model-record';
import { deleteUserModel, listUserModels, readUserModel, renameUserModel, saveUserModel } from './user-models';

vi.mock('idb-keyval', () => import('./run-history-fake-idb'));

beforeEach(resetFakeIdb);

describe('the user models in IndexedDB', () => {
  it('keeps each model under its id, files included, and lists them oldest first', async () => {
    const notify = vi.fn();
    const late = userModelRecord('user-late', { createdAt: '2026-11-30T08:00:00.000Z' });
    const early = userModelRecord('user-early', {
      createdAt: '2026-11-29T08:00:00.000Z',
      origin: 'trained',
      trigger: { kind: 'blended', alpha: 0.2, patternSeed: 3 },
    });
    expect(await saveUserModel(late, notify)).toBe(true);
    expect(await saveUserModel(early, notify)).toBe(true);
    expect(records.get('user-late')).toEqual(late);
    const listed = await listUserModels(notify);
    expect(listed.map((r) => r.entry.id)).toEqual(['user-early', 'user-late']);
    expect(listed[1]).toEqual(late);
    expect(listed[1].weights).toBeInstanceOf(Uint8Array);
    expect(notify).not.toHaveBeenCalled();
  });

  it('renames in place and deletes; a blank name changes nothing', async () => {
    const notify = vi.fn();
    await saveUserModel(userModelRecord('user-a'), notify);
    await renameUserModel('user-a', '  my MLP  ', notify);
    expect((await readUserModel('user-a', notify))?.entry.name).toBe('my MLP');
    await renameUserModel('user-a', '   ', notify);
    expect((await readUserModel('user-a', notify))?.entry.name).toBe('my MLP');
    await deleteUserModel('user-a', notify);
    expect(await listUserModels(notify)).toEqual([]);
    expect(notify).not.toHaveBeenCalled();
  });

  it('a corrupt record, a bad trigger, a bad architecture and another version are left out, each with a notice naming it', async () => {
    await saveUserModel(userModelRecord('user-good'), vi.fn());
    records.set('user-weights', { ...userModelRecord('user-weights'), weights: 'not bytes' });
    records.set('user-trigger', userModelRecord('user-trigger', { trigger: { kind: 'badnet', patchSize: 40, value: 1 } }));
    records.set('user-arch', userModelRecord('user-arch', { arch: 'seq:d64-d3' }));
    records.set('user-next', { ...userModelRecord('user-next'), version: 2 });
    records.set('user-junk', 42);
    const notify = vi.fn();
    expect((await listUserModels(notify)).map((r) => r.entry.id)).toEqual(['user-good']);
    expect(notify.mock.calls.map(([m]) => m)).toEqual([
      'The saved model "model user-weights" (user-weights) could not be read (at weights: "not bytes", expected one weights shard of at most 52428800 bytes) and was left out of "Your models".',
      'The saved model "model user-trigger" (user-trigger) could not be read (at entry.trigger: trigger patchSize is 40, expected an integer from 1 to 28) and was left out of "Your models".',
      'The saved model "model user-arch" (user-arch) could not be read (at entry.arch: architecture "seq:d64-d3" must end with a dense layer of 10 units (the logits)) and was left out of "Your models".',
      'The saved model "model user-next" (user-next) is from another version of this page and was left out of "Your models".',
      'The saved model user-junk could not be read (not a record) and was left out of "Your models".',
    ]);
  });

  it('a full quota when saving is a notice and false, never a rejection', async () => {
    failing.set = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    const notify = vi.fn();
    await expect(saveUserModel(userModelRecord('user-a'), notify)).resolves.toBe(false);
    expect(notify.mock.calls).toEqual([
      ['The model "model user-a" could not be kept for your next visit (QuotaExceededError); it stays in the picker until you reload.'],
    ]);
  });

  it('a record this page could not read back is refused before it is written', async () => {
    const notify = vi.fn();
    await expect(saveUserModel(userModelRecord('zoo-like-id'), notify)).resolves.toBe(false);
    expect(records.size).toBe(0);
    expect(notify.mock.calls[0][0]).toMatch(/^The model "model zoo-like-id" was not saved \(at entry\.id: /);
  });

  it('IndexedDB unavailable: listing gives nothing without a notice; deleting and renaming give notices', async () => {
    failing.entries = new DOMException('The operation is insecure.', 'SecurityError');
    failing.del = new DOMException('The operation is insecure.', 'SecurityError');
    failing.get = new DOMException('The operation is insecure.', 'SecurityError');
    const notify = vi.fn();
    expect(await listUserModels(notify)).toEqual([]);
    await deleteUserModel('user-a', notify);
    await renameUserModel('user-a', 'x', notify);
    expect(notify.mock.calls).toEqual([['Your saved model could not be deleted (SecurityError).'], ['Your saved model could not be read (SecurityError).']]);
  });
});
