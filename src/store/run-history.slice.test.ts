import { beforeEach, describe, expect, it, vi } from 'vitest';
import { records, resetFakeIdb } from './run-history-fake-idb';
import { createAppStore } from './store';
import { memoryStorage } from './test/memory-storage';
import { packTrace } from './test/pack';

vi.mock('idb-keyval', () => import('./run-history-fake-idb'));

const mnist = packTrace('mnist-mlp-badnet');
const fmnist = { ...packTrace('fmnist-mlp-badnet'), defense: 'mcr' as const, after: { acc: 0.8, asr: 0.1 } };
const useAppStore = createAppStore(() => memoryStorage().storage);
const state = () => useAppStore.getState();

beforeEach(async () => {
  resetFakeIdb();
  useAppStore.setState(useAppStore.getInitialState(), true);
  await state().addToHistory(mnist, 1000);
  await state().addToHistory(fmnist, 2000);
});

describe('the history slice', () => {
  it('a finished run is saved under a default name and listed newest first; a reload lists the same', async () => {
    expect(state().history.map((r) => [r.name, r.savedAt])).toEqual([
      ['MCR on fmnist-mlp-badnet', 2000],
      ['TSC on mnist-mlp-badnet', 1000],
    ]);
    const listed = state().history;
    useAppStore.setState({ history: [] });
    await state().loadHistory();
    expect(state().history).toEqual(listed);
  });

  it('reopen shows the saved run as a restored run, and is refused while a run goes', async () => {
    const id = state().history[1].id;
    useAppStore.setState({ status: 'running' });
    await state().reopenHistoryRun(id);
    expect(state().trace).toBeNull();
    expect(state().notices).toEqual(['A run is going: cancel it before reopening a saved one.']);
    useAppStore.setState({ status: 'done' });
    await state().reopenHistoryRun(id);
    expect(state().trace).toEqual(mnist);
    expect(state().stages).toHaveLength(2);
    expect(state().restored).toEqual({ savedAt: 1000 });
    expect(state().runModelId).toBe('mnist-mlp-badnet');
    expect(state().viewT).toBe(mnist.settings.t);
  });

  it('rename (blank names ignored), delete and clear; the overlay follows', async () => {
    const [newer, older] = state().history;
    await state().setOverlayRun(older.id);
    expect(state().overlayRun).toEqual({ id: older.id, name: older.name, stages: mnist.rounds[0].stages });
    await state().renameHistoryRun(older.id, '  baseline  ');
    await state().renameHistoryRun(newer.id, '   ');
    expect(state().history.map((r) => r.name)).toEqual(['MCR on fmnist-mlp-badnet', 'baseline']);
    expect(state().overlayRun?.name).toBe('baseline');
    await state().deleteHistoryRun(older.id);
    expect(state().history.map((r) => r.id)).toEqual([newer.id]);
    expect(state().overlayRun).toBeNull();
    await state().setOverlayRun(newer.id);
    await state().clearHistory();
    expect(state().history).toEqual([]);
    expect(state().overlayRun).toBeNull();
    expect(records.size).toBe(0);
  });

  it('a run deleted elsewhere: overlay and reopen do nothing and the list catches up', async () => {
    const id = state().history[0].id;
    records.delete(id);
    await state().setOverlayRun(id);
    await state().reopenHistoryRun(id);
    expect(state().overlayRun).toBeNull();
    expect(state().trace).toBeNull();
    expect(state().history).toHaveLength(1);
    expect(state().notices).toEqual([]);
  });
});
