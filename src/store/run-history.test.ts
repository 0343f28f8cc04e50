import { beforeEach, describe, expect, it, vi } from 'vitest';
import { HISTORY_VERSION } from '../schema/run-history';
import { failing, records, resetFakeIdb } from './run-history-fake-idb';
import { clearHistory, deleteHistoryRun, listHistoryRuns, pruneHistory, readHistoryRun, renameHistoryRun, saveHistoryRun } from './run-history';
import { packTrace } from './test/pack';

vi.mock('idb-keyval', () => import('./run-history-fake-idb'));

const trace = packTrace('mnist-mlp-badnet');
const run = (savedAt: number, name = 'TSC on mnist-mlp-badnet') => ({ name, savedAt, modelId: trace.model, trace });

beforeEach(resetFakeIdb);

describe('the run history in IndexedDB', () => {
  it('keeps each run with its version and lists them newest first, summary fields from the trace', async () => {
    const notify = vi.fn();
    const a = await saveHistoryRun(run(1000, 'first'), notify);
    const b = await saveHistoryRun(run(2000, 'second'), notify);
    expect(a?.id).toBe('run:rs');
    expect(records.get('run:rs')).toEqual({ version: HISTORY_VERSION, id: 'run:rs', name: 'first', savedAt: 1000, modelId: trace.model, trace });
    const listed = await listHistoryRuns(notify);
    expect(listed.map((r) => r.name)).toEqual(['second', 'first']);
    expect(listed[1]).toEqual(a);
    expect(listed[0]).toMatchObject({ id: b?.id, defense: 'tsc', backend: 'wasm', wallSeconds: 12, settings: trace.settings, after: trace.after, trace });
    expect(notify).not.toHaveBeenCalled();
  });

  it('two runs saved in the same millisecond get two keys', async () => {
    const a = await saveHistoryRun(run(1000), vi.fn());
    const b = await saveHistoryRun(run(1000), vi.fn());
    expect([a?.id, b?.id]).toEqual(['run:rs', 'run:rs-1']);
    expect(records.size).toBe(2);
  });

  it('a corrupt record and one from another version are left out, each with a notice naming it; the others list', async () => {
    await saveHistoryRun(run(1000, 'good'), vi.fn());
    records.set('run:bad', { ...(records.get('run:rs') as object), id: 'run:bad', name: 'broken', trace: { ...trace, rounds: [null] } });
    records.set('run:new', { version: HISTORY_VERSION + 1, name: 'future' });
    records.set('run:junk', 'garbage');
    records.set('other-key', 'not a run record'); // not the history's: ignored
    const notify = vi.fn();
    const listed = await listHistoryRuns(notify);
    expect(listed.map((r) => r.name)).toEqual(['good']);
    expect(notify.mock.calls).toEqual([
      ['The saved run "broken" (run:bad) could not be read (at trace.rounds.0: null, expected an object) and was left out of the history.'],
      ['The saved run "future" (run:new) is from another version of this page and was left out of the history.'],
      ['The saved run run:junk could not be read (not a record) and was left out of the history.'],
    ]);
  });

  it('a full quota when saving is a notice and no run, never a rejection', async () => {
    failing.set = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    const notify = vi.fn();
    await expect(saveHistoryRun(run(1000), notify)).resolves.toBeNull();
    expect(notify.mock.calls).toEqual([['This run could not be added to the run history (QuotaExceededError); it stays on screen until you reload.']]);
  });

  it('IndexedDB unavailable when listing: no runs, no notice', async () => {
    failing.entries = new DOMException('The operation is insecure.', 'SecurityError');
    const notify = vi.fn();
    await expect(listHistoryRuns(notify)).resolves.toEqual([]);
    expect(notify).not.toHaveBeenCalled();
  });

  it('rename, delete and clear', async () => {
    const notify = vi.fn();
    const a = await saveHistoryRun(run(1000, 'a'), notify);
    const b = await saveHistoryRun(run(2000, 'b'), notify);
    await saveHistoryRun(run(3000, 'c'), notify);
    if (!a || !b) throw new Error('not saved');
    await expect(renameHistoryRun(a.id, 'renamed', notify)).resolves.toBe(true);
    expect((await readHistoryRun(a.id, notify))?.name).toBe('renamed');
    await expect(renameHistoryRun('run:gone', 'x', notify)).resolves.toBe(false);
    await deleteHistoryRun(b.id, notify);
    expect((await listHistoryRuns(notify)).map((r) => r.name)).toEqual(['c', 'renamed']);
    records.set('keep-me', 1);
    await clearHistory(notify);
    expect([...records.keys()]).toEqual(['keep-me']);
    expect(notify).not.toHaveBeenCalled();
  });

  it('a failed rename is a notice', async () => {
    const a = await saveHistoryRun(run(1000, 'a'), vi.fn());
    failing.set = new DOMException('full', 'QuotaExceededError');
    const notify = vi.fn();
    await expect(renameHistoryRun(a?.id ?? '', 'b', notify)).resolves.toBe(false);
    expect(notify.mock.calls).toEqual([['The run history could not be renamed (QuotaExceededError).']]);
  });
});

describe('the history size cap', () => {
  it('removes the oldest runs beyond the cap, says so, and keeps the rest', async () => {
    const notify = vi.fn();
    for (const at of [5000, 1000, 3000, 3000, 2000]) await saveHistoryRun(run(at), notify);
    const removed = await pruneHistory(3, notify);
    expect(removed).toEqual([`run:${(2000).toString(36)}`, `run:${(1000).toString(36)}`]);
    expect((await listHistoryRuns(notify)).map((r) => r.savedAt)).toEqual([5000, 3000, 3000]);
    expect(notify).toHaveBeenCalledWith('The run history keeps the newest 3 runs: the 2 oldest runs were removed.');
    await expect(pruneHistory(3, notify)).resolves.toEqual([]);
    expect(notify).toHaveBeenCalledTimes(1);
  });
});
