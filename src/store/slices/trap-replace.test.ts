import { beforeEach, describe, expect, it, vi } from 'vitest';
import { TRAP_REPLACE_DEFAULTS } from '../../engine/defenses/trap-replace-settings';
import type { TrapReplaceOutcome } from '../../protocol/trap-replace-messages';
import { createAppStore } from '../store';
import { memoryStorage } from '../test/memory-storage';
import { failing, records, resetFakeIdb } from '../run-history-fake-idb';
import { trapReplaceFraction } from './trap-replace';

vi.mock('idb-keyval', () => import('../run-history-fake-idb'));

let store = createAppStore(() => memoryStorage().storage);
const s = () => store.getState();
const outcome = (requestId: number, modelId = 'm'): TrapReplaceOutcome => ({
  requestId,
  modelId,
  acc: 0.9,
  asr: 0.05,
  cleanCount: 100,
  poisonedCount: 90,
  seconds: 3,
  settings: TRAP_REPLACE_DEFAULTS,
  backend: 'wasm',
});

beforeEach(() => {
  resetFakeIdb();
  store = createAppStore(() => memoryStorage().storage);
});

describe('trap-replace slice', () => {
  it('folds phases, steps and epochs into the run; keeps the last finished epoch’s loss; the result by model', () => {
    s().startTrapReplace(4, 'm');
    expect(s().trapReplaceRun).toMatchObject({ requestId: 4, phase: 'queued', training: null });
    s().setTrapReplaceProgress(4, { kind: 'phase', phase: 'loading the data' });
    expect(s().trapReplaceRun?.phase).toBe('loading the data');
    s().setTrapReplaceProgress(4, { kind: 'training', stage: 1, epoch: 1, epochs: 2, done: 5, total: 20, meanLoss: 1.5, seconds: 1 });
    s().setTrapReplaceProgress(4, { kind: 'training', stage: 1, epoch: 2, epochs: 2, done: 8, total: 20, seconds: 2 });
    const run = s().trapReplaceRun;
    expect(run).toMatchObject({ phase: null, lastEpoch: { stage: 1, epoch: 1, meanLoss: 1.5 } });
    expect(run && trapReplaceFraction(run)).toBe(0.4);
    s().finishTrapReplace(outcome(4));
    expect(s().trapReplaceRun).toBeNull();
    expect(s().trapReplaceResults.m).toEqual(outcome(4));
  });

  it('drops answers for another request, and a cancel ends the run with the result of an earlier one kept', () => {
    s().startTrapReplace(1, 'm');
    s().finishTrapReplace(outcome(1));
    s().startTrapReplace(2, 'm');
    s().setTrapReplaceProgress(1, { kind: 'phase', phase: 'late' });
    s().finishTrapReplace(outcome(1, 'other'));
    expect(s().trapReplaceRun?.phase).toBe('queued');
    expect(s().trapReplaceResults.other).toBeUndefined();
    s().markTrapReplaceCancelling();
    expect(s().trapReplaceRun?.cancelling).toBe(true);
    s().failTrapReplace(2, 'Cancelled', true);
    expect(s().trapReplaceRun).toBeNull();
    expect(s().trapReplaceError).toEqual({ modelId: 'm', message: 'Cancelled', cancelled: true });
    expect(s().trapReplaceResults.m).toEqual(outcome(1));
  });
});

describe('trap-replace results across reloads', () => {
  const settle = () => new Promise((r) => setTimeout(r, 0));

  it("keeps each model's latest result in IndexedDB and brings it back in a new page; this visit's result wins", async () => {
    s().startTrapReplace(1, 'a');
    s().finishTrapReplace(outcome(1, 'a'));
    s().startTrapReplace(2, 'b');
    s().finishTrapReplace({ ...outcome(2, 'b'), asr: 0.5 });
    await settle();
    store = createAppStore(() => memoryStorage().storage); // a reload
    s().startTrapReplace(3, 'b');
    s().finishTrapReplace({ ...outcome(3, 'b'), asr: 0.25 });
    records.set('trap-replace:b', { ...(records.get('trap-replace:b') as object), asr: 0.5 }); // an older save under it
    await s().loadTrapReplaceResults();
    expect(s().trapReplaceResults.a).toEqual(outcome(1, 'a'));
    expect(s().trapReplaceResults.b.asr).toBe(0.25);
    expect(s().notices).toEqual([]);
  });

  it('leaves out a record that fails validation and a refused save, each with a notice', async () => {
    records.set('trap-replace:x', { version: 1, modelId: 'x', acc: 2 });
    await s().loadTrapReplaceResults();
    expect(s().trapReplaceResults).toEqual({});
    expect(s().notices).toEqual(['A saved Trap and Replace result (trap-replace:x) could not be read and was left out: requestId is missing.']);
    failing.set = Object.assign(new Error('quota'), { name: 'QuotaExceededError' });
    s().startTrapReplace(5, 'y');
    s().finishTrapReplace(outcome(5, 'y'));
    await settle();
    expect(s().trapReplaceResults.y).toBeDefined(); // still on screen
    expect(s().notices.at(-1)).toBe('This Trap and Replace result could not be saved (QuotaExceededError); it stays on screen until you reload.');
  });
});
