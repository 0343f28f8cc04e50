import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { PersistedStateSchema, type PersistedState } from '../schema/persisted';
import { STORAGE_KEY, mergePersisted, partializeState } from './persist';
import { PLANE_DEFAULTS, LIVE_DEMO } from '../schema/presets';
import { createAppStore } from './store';
import { memoryStorage } from './test/memory-storage';

const DEFAULTS: PersistedState = {
  selectedModelId: 'mnist-mlp-badnet',
  preferredBackend: 'auto',
  settings: LIVE_DEMO,
  viewT: 0.4,
  planeSettings: PLANE_DEFAULTS,
};
const CHOSEN: PersistedState = {
  selectedModelId: 'mnist-cnn-wanet',
  preferredBackend: 'webgl',
  settings: { ...LIVE_DEMO, defense: 'line', rounds: 4, t: 0.25, seed: 9, testSamples: 1000 },
  viewT: 0.6,
  planeSettings: { coarse: 5, finest: 17, margin: 0.5, equalAxes: false, samples: 100 },
};
const blob = (state: unknown, version = 1) => JSON.stringify({ state, version });

/** A store hydrated from `text` (synchronously: Web Storage is synchronous). */
function hydrate(text?: string) {
  const { storage } = memoryStorage(text);
  const store = createAppStore(() => storage);
  return { state: store.getState(), store, storage };
}

describe('persisted store state', () => {
  it('a first visit starts from the defaults with no notice', () => {
    const { state } = hydrate();
    expect(partializeState(state)).toEqual(DEFAULTS);
    expect(state.notices).toEqual([]);
  });

  it.each([
    ['settings: null', { ...CHOSEN, settings: null }, { ...CHOSEN, settings: LIVE_DEMO }, 'settings'],
    ['viewT: "abc"', { ...CHOSEN, viewT: 'abc' }, { ...CHOSEN, viewT: 0.4 }, 'viewT'],
    [
      'defense: "evil"',
      { ...CHOSEN, settings: { ...CHOSEN.settings, defense: 'evil' } },
      { ...CHOSEN, settings: { ...CHOSEN.settings, defense: 'tsc' } },
      'settings.defense',
    ],
    ['planeSettings: {coarse: 1}', { ...CHOSEN, planeSettings: { coarse: 1 } }, { ...CHOSEN, planeSettings: PLANE_DEFAULTS }, 'planeSettings.coarse'],
  ])('%s: that field takes its default, the rest is kept, and a notice names it', (_, stored, expected, field) => {
    const { state } = hydrate(blob(stored));
    expect(partializeState(state)).toEqual(expected);
    expect(state.notices).toEqual([`Saved settings that were invalid were reset to their defaults: ${field}.`]);
    expect(state.models).toEqual([]); // the rest of the store is intact
    expect(typeof state.startRun).toBe('function');
  });

  it('names every bad field of one blob in one notice, and a bad rounds does not reset t', () => {
    const stored = { ...CHOSEN, preferredBackend: 'gpu', settings: { ...CHOSEN.settings, rounds: 0, evalSamples: -5 }, unknownKey: 1 };
    const { state } = hydrate(blob(stored));
    expect(partializeState(state)).toEqual({
      ...CHOSEN,
      preferredBackend: 'auto',
      settings: { ...CHOSEN.settings, rounds: LIVE_DEMO.rounds, evalSamples: LIVE_DEMO.evalSamples },
    });
    expect(state.notices).toEqual(['Saved settings that were invalid were reset to their defaults: preferredBackend, settings.rounds, settings.evalSamples.']);
    expect('unknownKey' in state).toBe(false);
  });

  it('an old unversioned blob is migrated, validated, and written back as version 1', () => {
    const { state, storage } = hydrate(blob(CHOSEN, 0));
    expect(partializeState(state)).toEqual(CHOSEN);
    expect(state.notices).toEqual([]);
    expect(JSON.parse(storage.getItem(STORAGE_KEY) ?? '')).toEqual({ state: CHOSEN, version: 1 });
    const bad = hydrate(JSON.stringify({ state: { ...CHOSEN, viewT: null } })).state; // no version at all: also version 0
    expect(partializeState(bad)).toEqual({ ...CHOSEN, viewT: 0.4 });
    expect(bad.notices).toEqual(['Saved settings that were invalid were reset to their defaults: viewT.']);
  });

  it.each([['{not json'], ['42'], ['null'], [blob('x')], [blob(null)]])('unreadable %s: defaults and one notice', (text) => {
    const { state, store, storage } = hydrate(text);
    expect(partializeState(state)).toEqual(DEFAULTS);
    expect(state.notices).toEqual(['Saved settings could not be read and were reset to their defaults.']);
    store.getState().setViewT(0.5); // the next change overwrites the garbage with a valid blob
    const written = JSON.parse(storage.getItem(STORAGE_KEY) ?? '');
    expect(written.version).toBe(1);
    expect(v.parse(PersistedStateSchema, written.state)).toEqual({ ...DEFAULTS, viewT: 0.5 });
  });

  it('round trip: state → partialize → storage → merge is the identity for valid state', () => {
    const first = hydrate();
    const { store, storage } = first;
    store.getState().selectModel(CHOSEN.selectedModelId);
    store.getState().updateSettings(CHOSEN.settings);
    store.getState().updatePlaneSettings(CHOSEN.planeSettings);
    store.getState().setViewT(CHOSEN.viewT);
    store.setState({ preferredBackend: CHOSEN.preferredBackend });
    const again = createAppStore(() => storage).getState();
    expect(partializeState(again)).toEqual(CHOSEN);
    expect(again.notices).toEqual([]);
    const current = first.store.getState();
    expect(mergePersisted(JSON.parse(JSON.stringify(partializeState(current))), current)).toEqual(current);
  });

  it('notices can be dismissed one at a time', () => {
    const { store } = hydrate('garbage');
    store.getState().addNotice('second');
    store.getState().dismissNotice(0);
    expect(store.getState().notices).toEqual(['second']);
    store.getState().dismissNotice(5);
    expect(store.getState().notices).toEqual(['second']);
  });
});
