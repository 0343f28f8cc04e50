import { beforeEach, describe, expect, it, vi } from 'vitest';
import { TSC_DEFAULTS } from '../engine/settings';
import type { Trace } from '../engine/trace';
import { clearLastRun, loadLastRun, saveLastRun, type ArchivedRun } from './run-archive';

// IndexedDB as a Map (idb-keyval is its only user here); `fail` makes the next call throw like a browser would.
const db = new Map<string, unknown>();
const fail: { get?: Error; set?: Error } = {};
vi.mock('idb-keyval', () => ({
  get: async (key: string) => {
    if (fail.get) throw fail.get;
    return db.get(key);
  },
  set: async (key: string, value: unknown) => {
    if (fail.set) throw fail.set;
    db.set(key, structuredClone(value));
  },
  del: async (key: string) => void db.delete(key),
}));

const KEY = 'tsc-visualizer:last-run';
const trace: Trace = {
  version: 1,
  model: 'mnist-mlp-badnet',
  defense: 'tsc',
  settings: TSC_DEFAULTS,
  backend: 'cpu',
  cleanSubsetSize: 100,
  evalSubset: { clean: 10, poisoned: 9 },
  testSet: { clean: 100, poisoned: 90 },
  before: { acc: 0.97, asr: 1 },
  after: { acc: 0.94, asr: 0.05 },
  rounds: [{ round: 1, input: { acc: 0.97, asr: 1 }, stages: [], finetuned: null }],
  wallSeconds: 3,
};
const run: ArchivedRun = { savedAt: 1_700_000_000_000, modelId: trace.model, trace };

beforeEach(() => {
  db.clear();
  delete fail.get;
  delete fail.set;
});

describe('the run archive', () => {
  it('keeps a run with its version and gives it back', async () => {
    const notify = vi.fn();
    await saveLastRun(run, notify);
    expect(db.get(KEY)).toEqual({ version: 1, ...run });
    await expect(loadLastRun(notify)).resolves.toEqual(run);
    expect(notify).not.toHaveBeenCalled();
  });

  it.each<[string, unknown, string]>([
    [
      'rounds: [null]',
      { version: 1, ...run, trace: { ...trace, rounds: [null] } },
      'The run saved on your last visit could not be read (at trace.rounds.0: null, expected an object) and was discarded.',
    ],
    ['a string', 'garbage', 'The run saved on your last visit could not be read (not a record) and was discarded.'],
    ['a newer version', { ...run, version: 2 }, 'The run saved on your last visit is from another version of this page and was discarded.'],
  ])('%s: resolves to no run, one notice, and the record is deleted', async (_, stored, message) => {
    db.set(KEY, stored);
    const notify = vi.fn();
    await expect(loadLastRun(notify)).resolves.toBeNull();
    expect(notify.mock.calls).toEqual([[message]]);
    expect(db.has(KEY)).toBe(false);
    await expect(loadLastRun(notify)).resolves.toBeNull(); // the next visit starts clean, without a second notice
    expect(notify).toHaveBeenCalledTimes(1);
  });

  it('IndexedDB unavailable when loading: no run, no notice', async () => {
    fail.get = new DOMException('The operation is insecure.', 'SecurityError');
    const notify = vi.fn();
    await expect(loadLastRun(notify)).resolves.toBeNull();
    expect(notify).not.toHaveBeenCalled();
  });

  it('a full quota when saving is a notice, never a rejection', async () => {
    fail.set = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    const notify = vi.fn();
    await expect(saveLastRun(run, notify)).resolves.toBeUndefined();
    expect(notify.mock.calls).toEqual([['This run could not be saved for your next visit (QuotaExceededError); it stays on screen until you reload.']]);
  });

  it('clearLastRun forgets the run', async () => {
    await saveLastRun(run, vi.fn());
    await clearLastRun();
    expect(db.size).toBe(0);
  });
});
