import { describe, expect, it } from 'vitest';
import { LIVE_DEMO } from '../schema/presets';
import { PERSIST_VERSION } from '../schema/persisted';
import { partializeState } from './persist';
import { createAppStore } from './store';
import { memoryStorage } from './test/memory-storage';

const QUOTA = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');
const NOT_SAVED = 'Your settings could not be saved in this browser (QuotaExceededError); they will not survive a reload.';

describe('bad stored state never breaks the store', () => {
  it('settings: null and viewT: "abc" together: both take their defaults, in one notice', () => {
    const text = JSON.stringify({ state: { settings: null, viewT: 'abc' }, version: PERSIST_VERSION });
    const state = createAppStore(() => memoryStorage(text).storage).getState();
    expect(state.settings).toEqual(LIVE_DEMO);
    expect(state.viewT).toBe(LIVE_DEMO.t);
    expect(state.notices).toEqual(['Saved settings that were invalid were reset to their defaults: viewT, settings.']);
  });

  it('a full quota when saving is one notice, not a throw, and again only after a save worked', () => {
    const { storage: s, control } = memoryStorage(null, QUOTA);
    const store = createAppStore(() => s);
    expect(() => store.getState().setViewT(0.5)).not.toThrow();
    expect(store.getState().viewT).toBe(0.5); // the change itself still happens
    store.getState().setViewT(0.6);
    expect(store.getState().notices).toEqual([NOT_SAVED]);
    control.failing = false;
    store.getState().setViewT(0.7);
    control.failing = true;
    store.getState().setViewT(0.8);
    expect(store.getState().notices).toEqual([NOT_SAVED, NOT_SAVED]);
  });

  it('a failed write while hydrating (an old blob written back) is reported once the store exists', async () => {
    const old = JSON.stringify({ state: { viewT: 0.3 }, version: 0 });
    const store = createAppStore(() => memoryStorage(old, QUOTA).storage);
    expect(partializeState(store.getState()).viewT).toBe(0.3);
    await Promise.resolve();
    expect(store.getState().notices).toEqual([NOT_SAVED]);
  });
});
